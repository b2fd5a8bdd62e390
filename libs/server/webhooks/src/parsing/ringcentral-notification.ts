import { obj, optIdStr, optStr, root, str } from './payload-reader';

export type RingCentralNotificationKind = 'telephony' | 'presence' | 'subscription_reminder' | 'other';

/**
 * A RingCentral webhook notification (`{uuid, event, timestamp, subscriptionId, ownerId, body}`),
 * classified by its `event` path. The body is kept as sent; the normalizer reads it.
 */
export interface RingCentralNotification {
  kind: RingCentralNotificationKind;
  /** Opaque notification id (UUID or a 19-digit decimal string). */
  uuid: string;
  /** The event filter with ids expanded, e.g. `/restapi/v1.0/account/809646016/telephony/sessions`. */
  event: string;
  timestamp?: string;
  /** From the envelope; for expiry reminders, else taken from the event path when it names one. */
  subscriptionId?: string;
  /** Extension id of the subscription owner, NOT of the party. */
  ownerId?: string;
  /** Account id from the event path, when it has one. */
  accountId?: string;
  /** Extension id from the event path (telephony: the party's extension; presence: the extension). */
  extensionId?: string;
  body: Readonly<Record<string, unknown>>;
}

export interface RingCentralEventClassification {
  kind: RingCentralNotificationKind;
  accountId?: string;
  extensionId?: string;
  subscriptionId?: string;
}

/** `.../account/{acc}[/extension/{ext}]/telephony/sessions` (per-party paths on account-level subscriptions). */
const TELEPHONY_PATH = /\/account\/([^/]+)(?:\/extension\/([^/]+))?\/telephony\/sessions\/?$/;
/** `.../extension/{ext}/presence`, also `/presence/line/presence` and `/favorite/presence`. */
const PRESENCE_PATH = /(?:\/account\/([^/]+))?\/extension\/([^/]+)(?:\/[^/]+)*\/presence\/?$/;
/** `/restapi/v1.0/subscription/~` or `/restapi/v1.0/subscription/{id}` (expiry reminders). */
const SUBSCRIPTION_PATH = /^\/restapi\/v[^/]+\/subscription(?:\/([^/]+))?\/?$/;

/** The path part of an event: query removed, and anything before `/restapi/` (a full URL) dropped. */
function eventPath(event: string): string {
  const withoutQuery = event.split(/[?#]/, 1)[0] ?? '';
  const restapi = withoutQuery.indexOf('/restapi/');
  return restapi > 0 ? withoutQuery.slice(restapi) : withoutQuery;
}

function concreteId(id: string | undefined): string | undefined {
  if (id === undefined || id === '~') return undefined;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * Classifies an `event` string by its shape rather than by equality with a subscribed filter:
 * account-level telephony subscriptions deliver per-party paths, and ids are expanded.
 */
export function classifyRingCentralEvent(event: string): RingCentralEventClassification {
  const path = eventPath(event);
  const telephony = TELEPHONY_PATH.exec(path);
  if (telephony) {
    return { kind: 'telephony', accountId: concreteId(telephony[1]), extensionId: concreteId(telephony[2]) };
  }
  const presence = PRESENCE_PATH.exec(path);
  if (presence) {
    return { kind: 'presence', accountId: concreteId(presence[1]), extensionId: concreteId(presence[2]) };
  }
  const subscription = SUBSCRIPTION_PATH.exec(path);
  if (subscription) return { kind: 'subscription_reminder', subscriptionId: concreteId(subscription[1]) };
  return { kind: 'other' };
}

/**
 * Parses a RingCentral notification body. Throws InvalidWebhookError unless it is an envelope
 * with `uuid`, `event` (non-empty strings) and an object `body`; the validation handshake
 * (empty body) and other junk fail here. Body contents are checked by the normalizer.
 */
export function parseRingCentralNotification(body: unknown): RingCentralNotification {
  const envelope = root(body, 'body');
  const uuid = str(envelope, 'uuid');
  const event = str(envelope, 'event');
  const notificationBody = obj(envelope, 'body').value;
  const classification = classifyRingCentralEvent(event);
  return {
    kind: classification.kind,
    uuid,
    event,
    timestamp: optStr(envelope, 'timestamp'),
    subscriptionId: optStr(envelope, 'subscriptionId') || classification.subscriptionId,
    ownerId: optIdStr(envelope, 'ownerId'),
    accountId: classification.accountId,
    extensionId: classification.extensionId,
    body: notificationBody,
  };
}
