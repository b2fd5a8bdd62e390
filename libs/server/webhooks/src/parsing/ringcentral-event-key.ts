import { buildEventKey, contentHash } from './event-key-builder';
import { InvalidWebhookError } from './invalid-webhook.error';
import type { RingCentralNotification } from './ringcentral-notification';
import { idStr, int, objItems, optIdStr, root, str } from './payload-reader';

const VENDOR = 'ringcentral';

function naturalKey(notification: RingCentralNotification): string {
  const body = root(notification.body, 'body');
  switch (notification.kind) {
    case 'telephony': {
      // The party-id hash keeps two notifications with one sequence but different parties apart
      // (several subscriptions, or per-extension deliveries of one internal call), while the same
      // party change delivered twice, even through two subscriptions, still maps to one key.
      const partyIds = [
        ...new Set(objItems(body, 'parties', { optional: true }).map((p) => str(p, 'id'))),
      ].sort();
      return buildEventKey(
        VENDOR,
        'telephony',
        str(body, 'telephonySessionId'),
        String(int(body, 'sequence')),
        contentHash(partyIds),
      );
    }
    case 'presence': {
      const extensionId =
        optIdStr(body, 'extensionId') ?? notification.extensionId ?? idStr(body, 'extensionId');
      return buildEventKey(VENDOR, 'presence', extensionId, String(int(body, 'sequence')));
    }
    case 'subscription_reminder':
    case 'other':
      return buildEventKey(VENDOR, notification.kind, notification.uuid);
  }
}

/**
 * The idempotency key of a RingCentral notification. It is built from the body rather than the
 * `uuid` because whether a redelivery keeps its uuid is undocumented, and the same change
 * delivered through two subscriptions has two uuids.
 *
 * | kind | key |
 * |---|---|
 * | telephony | `ringcentral:telephony:<telephonySessionId>:<sequence>:<hash(sorted party ids)>` |
 * | presence | `ringcentral:presence:<extensionId>:<sequence>` (a numeric extensionId as its decimal string) |
 * | subscription_reminder, other | `ringcentral:<kind>:<uuid>` |
 *
 * Never throws: a telephony or presence body without its id fields falls back to
 * `ringcentral:<kind>:<uuid>`, so the notification can be stored and fail in the normalizer.
 */
export function ringCentralEventKey(notification: RingCentralNotification): string {
  try {
    return naturalKey(notification);
  } catch (error) {
    if (error instanceof InvalidWebhookError)
      return buildEventKey(VENDOR, notification.kind, notification.uuid);
    throw error;
  }
}
