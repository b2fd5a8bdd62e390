import { randomUUID } from 'node:crypto';

/** The development LiveChat secret (ARCHITECTURE.md §5); the bench configures its own api with it. */
export const DEMO_LIVECHAT_SECRET = 'demo-livechat-secret';

export const LIVECHAT_WEBHOOK_PATH = '/webhooks/livechat';

const CHAT_ID = 'RX2K8Q4T1M';
const THREAD_ID = 'QA37PVJ75B';

/** The api's inbox key of these bodies up to the event id (see liveChatEventKey). */
export const INCOMING_EVENT_KEY_PREFIX = `livechat:incoming_event:${CHAT_ID}:${THREAD_ID}:${THREAD_ID}_`;

/**
 * A LiveChat `incoming_event` webhook (a customer message) exactly as vendor-webhooks.md §1.5
 * shows it. The event id is the natural key of the inbox, so every request needs a new one or
 * the api would answer from its dedupe path instead of storing.
 */
export function liveChatIncomingEventBody(secretKey: string, eventId: string): string {
  return JSON.stringify({
    webhook_id: '1188f559c4bae6c4b9a87a1b32d78202',
    secret_key: secretKey,
    action: 'incoming_event',
    organization_id: '390e44e6-f1e6-4368-b6dd-74a14508c2ef',
    payload: {
      chat_id: CHAT_ID,
      thread_id: THREAD_ID,
      event: {
        id: eventId,
        custom_id: '1dnepb4z00t',
        type: 'message',
        text: 'Can you check order #4411?',
        author_id: 'b7eff798-f8df-4364-8059-649c35c9ed0c',
        created_at: '2025-05-12T11:43:05.877000Z',
        visibility: 'all',
      },
    },
    additional_data: {},
  });
}

/**
 * Random rather than sequential ids, as real events from many threads land all over the unique
 * index; pgbench's keys (gen_random_uuid) are spread the same way, so both measure the same index work.
 */
function uniqueEventId(): string {
  return `${THREAD_ID}_${randomUUID()}`;
}

/** A signed body with a fresh event id per call. */
export function signedIncomingEventBody(): string {
  return liveChatIncomingEventBody(DEMO_LIVECHAT_SECRET, uniqueEventId());
}

/** What the api stores for such a body: the same bytes with the secret redacted. */
export function storedIncomingEventBody(): string {
  return liveChatIncomingEventBody('[redacted]', uniqueEventId());
}
