import { buildEventKey, contentHash } from './event-key-builder';
import { InvalidWebhookError } from './invalid-webhook.error';
import type { StoredLiveChatEnvelope } from './livechat-envelope';
import { obj, optStr, root, str, type JsonObjectReader } from './payload-reader';

const VENDOR = 'livechat';

function naturalKey(action: string, payload: JsonObjectReader): string {
  switch (action) {
    case 'incoming_chat': {
      const chat = obj(payload, 'chat');
      return buildEventKey(VENDOR, action, str(chat, 'id'), str(obj(chat, 'thread'), 'id'));
    }
    case 'incoming_event':
      return buildEventKey(
        VENDOR,
        action,
        str(payload, 'chat_id'),
        str(payload, 'thread_id'),
        str(obj(payload, 'event'), 'id'),
      );
    case 'event_updated': {
      // The same event id is updated repeatedly; the content hash tells the edits apart.
      const event = obj(payload, 'event');
      return buildEventKey(
        VENDOR,
        action,
        str(payload, 'chat_id'),
        str(payload, 'thread_id'),
        str(event, 'id'),
        contentHash(event.value),
      );
    }
    case 'event_deleted':
      return buildEventKey(
        VENDOR,
        action,
        str(payload, 'chat_id'),
        str(payload, 'thread_id'),
        str(payload, 'event_id'),
      );
    case 'chat_deactivated':
      return buildEventKey(VENDOR, action, str(payload, 'chat_id'), str(payload, 'thread_id'));
    case 'user_added_to_chat':
    case 'user_removed_from_chat': {
      // A later re-add is a real new event; the payload hash keeps identical redeliveries together.
      const userId =
        action === 'user_added_to_chat' ? str(obj(payload, 'user'), 'id') : str(payload, 'user_id');
      return buildEventKey(
        VENDOR,
        action,
        str(payload, 'chat_id'),
        optStr(payload, 'thread_id') ?? '',
        userId,
        contentHash(payload.value),
      );
    }
    case 'thread_tagged':
    case 'thread_untagged':
      return buildEventKey(
        VENDOR,
        action,
        str(payload, 'chat_id'),
        str(payload, 'thread_id'),
        str(payload, 'tag'),
      );
    default:
      return buildEventKey(VENDOR, action, contentHash(payload.value));
  }
}

/**
 * The idempotency key of a LiveChat webhook: identical for every redelivery and for the same
 * event delivered through several registrations (it never includes `webhook_id` or the secret).
 *
 * | action | key |
 * |---|---|
 * | incoming_chat | `livechat:incoming_chat:<chat.id>:<chat.thread.id>` |
 * | incoming_event | `livechat:incoming_event:<chat_id>:<thread_id>:<event.id>` |
 * | event_updated | `livechat:event_updated:<chat_id>:<thread_id>:<event.id>:<hash(event)>` |
 * | event_deleted | `livechat:event_deleted:<chat_id>:<thread_id>:<event_id>` |
 * | chat_deactivated | `livechat:chat_deactivated:<chat_id>:<thread_id>` |
 * | user_added_to_chat / user_removed_from_chat | `livechat:<action>:<chat_id>:<thread_id or empty>:<user id>:<hash(payload)>` |
 * | thread_tagged / thread_untagged | `livechat:<action>:<chat_id>:<thread_id>:<tag>` |
 * | anything else | `livechat:<action>:<hash(payload)>` |
 *
 * `hash` is 24 hex chars of the sha256 of the canonical JSON (keys sorted recursively). Parts are
 * escaped and long parts hashed (see `buildEventKey`); keys are at most 200 characters.
 * Never throws: when the payload lacks the fields of its natural key, the key falls back to
 * `livechat:<action>:<hash(payload)>` so the body can still be stored and fail visibly in the
 * normalizer (which is strict) instead of being lost at the door.
 */
export function liveChatEventKey(envelope: StoredLiveChatEnvelope): string {
  const { action, payload } = envelope;
  if (Array.isArray(payload)) return buildEventKey(VENDOR, action, contentHash(payload));
  try {
    return naturalKey(action, root(payload, 'payload'));
  } catch (error) {
    if (error instanceof InvalidWebhookError) return buildEventKey(VENDOR, action, contentHash(payload));
    throw error;
  }
}

/**
 * How long a key may be treated as "already seen".
 * - `permanent`: the key names a one-off fact (a message, a thread start or end); dedupe forever.
 * - `retry_window`: the same key can legitimately come back later, because the vendor sends no
 *   timestamp or id that tells a repeat from a redelivery (an agent toggling back to
 *   "accepting chats", re-tagging a thread after an untag, an edit back to earlier text, a rating
 *   changed and changed back). Dedupe such keys only within the vendor's retry window
 *   (LiveChat retries up to 3 times within about a minute, so a few minutes is enough).
 * - `every_delivery`: a state report (an agent's status, a tag, a participant, a transfer, an edit,
 *   a rating) that repeats for real within minutes with an identical payload. Every delivery is
 *   stored; the processor applies the last one received per subject and recognises a redelivery
 *   as the same state again with none other in between (see state-report.ts).
 */
export type DedupeScope = 'permanent' | 'retry_window' | 'every_delivery';

const PERMANENT_LIVECHAT_ACTIONS: ReadonlySet<string> = new Set([
  'incoming_chat',
  'incoming_event',
  'event_deleted',
  'chat_deactivated',
]);

/** The actions whose domain events are state reports (stateReportOf). */
const STATE_REPORT_LIVECHAT_ACTIONS: ReadonlySet<string> = new Set([
  'routing_status_set',
  'thread_tagged',
  'thread_untagged',
  'user_added_to_chat',
  'user_removed_from_chat',
  'chat_transferred',
  'event_updated',
  'chat_properties_updated',
  'thread_properties_updated',
]);

export function liveChatDedupeScope(action: string): DedupeScope {
  if (PERMANENT_LIVECHAT_ACTIONS.has(action)) return 'permanent';
  return STATE_REPORT_LIVECHAT_ACTIONS.has(action) ? 'every_delivery' : 'retry_window';
}
