import { describe, expect, it } from 'vitest';
import {
  agentUser,
  chatDeactivatedBody,
  chatPropertiesUpdatedBody,
  chatTransferredBody,
  customerSessionFieldsUpdatedBody,
  eventDeletedBody,
  eventUpdatedBody,
  incomingChatBody,
  incomingCustomerBody,
  incomingEventBody,
  liveChatBody,
  messageEvent,
  routingStatusSetBody,
  threadPropertiesUpdatedBody,
  threadTaggedBody,
  threadUntaggedBody,
  userAddedToChatBody,
  userRemovedFromChatBody,
  type EnvelopeOptions,
  type JsonObject,
} from '@ccp/server-testing';
import { MAX_EVENT_KEY_LENGTH } from './event-key-builder';
import { parseLiveChatEnvelope } from './livechat-envelope';
import { liveChatDedupeScope, liveChatEventKey } from './livechat-event-key';

function keyOf(body: unknown): string {
  return liveChatEventKey(parseLiveChatEnvelope(body));
}

const HASH = '[0-9a-f]{24}';
const OTHER_REGISTRATION: EnvelopeOptions = {
  webhookId: 'zzzzzzzzzzzzzzzzzzzzzzzzz',
  secretKey: 'another-secret',
};

type Builder = (overrides?: JsonObject, options?: EnvelopeOptions) => JsonObject;

describe('liveChatEventKey formats', () => {
  it.each<[string, JsonObject, RegExp]>([
    ['incoming_chat', incomingChatBody(), /^livechat:incoming_chat:RX2K8Q4T1M:QA37PVJ75B$/],
    ['incoming_event', incomingEventBody(), /^livechat:incoming_event:RX2K8Q4T1M:QA37PVJ75B:QA37PVJ75B_3$/],
    [
      'event_updated',
      eventUpdatedBody(),
      new RegExp(`^livechat:event_updated:RX2K8Q4T1M:QA37PVJ75B:QA37PVJ75B_3:${HASH}$`),
    ],
    ['event_deleted', eventDeletedBody(), /^livechat:event_deleted:RX2K8Q4T1M:QA37PVJ75B:QA37PVJ75B_3$/],
    ['chat_deactivated', chatDeactivatedBody(), /^livechat:chat_deactivated:RX2K8Q4T1M:QA37PVJ75B$/],
    [
      'chat_deactivated by the router',
      chatDeactivatedBody({ user_id: undefined }),
      /^livechat:chat_deactivated:RX2K8Q4T1M:QA37PVJ75B$/,
    ],
    [
      'user_added_to_chat',
      userAddedToChatBody(),
      new RegExp(`^livechat:user_added_to_chat:RX2K8Q4T1M:QA37PVJ75B:jones@example.com:${HASH}$`),
    ],
    [
      'user_removed_from_chat',
      userRemovedFromChatBody(),
      new RegExp(`^livechat:user_removed_from_chat:RX2K8Q4T1M:QA37PVJ75B:jones@example.com:${HASH}$`),
    ],
    [
      'user_removed_from_chat without thread',
      userRemovedFromChatBody({ thread_id: undefined }),
      new RegExp(`^livechat:user_removed_from_chat:RX2K8Q4T1M::jones@example.com:${HASH}$`),
    ],
    ['thread_tagged', threadTaggedBody(), /^livechat:thread_tagged:RX2K8Q4T1M:QA37PVJ75B:refund$/],
    ['thread_untagged', threadUntaggedBody(), /^livechat:thread_untagged:RX2K8Q4T1M:QA37PVJ75B:refund$/],
    ['chat_transferred', chatTransferredBody(), new RegExp(`^livechat:chat_transferred:${HASH}$`)],
    [
      'chat_properties_updated',
      chatPropertiesUpdatedBody(),
      new RegExp(`^livechat:chat_properties_updated:${HASH}$`),
    ],
    [
      'thread_properties_updated',
      threadPropertiesUpdatedBody(),
      new RegExp(`^livechat:thread_properties_updated:${HASH}$`),
    ],
    [
      'customer_session_fields_updated',
      customerSessionFieldsUpdatedBody(),
      new RegExp(`^livechat:customer_session_fields_updated:${HASH}$`),
    ],
    ['routing_status_set', routingStatusSetBody(), new RegExp(`^livechat:routing_status_set:${HASH}$`)],
    ['incoming_customer', incomingCustomerBody(), new RegExp(`^livechat:incoming_customer:${HASH}$`)],
    [
      'an unknown action',
      liveChatBody('thread_summary_set', { chat_id: 'c' }, { webhookId: 'w', secretKey: 's' }),
      new RegExp(`^livechat:thread_summary_set:${HASH}$`),
    ],
    [
      'an array payload',
      liveChatBody('auto_accesses_updated', [{ id: 'r' }], { webhookId: 'w', secretKey: 's' }),
      new RegExp(`^livechat:auto_accesses_updated:${HASH}$`),
    ],
  ])('%s', (_name, body, format) => {
    expect(keyOf(body)).toMatch(format);
  });
});

describe('liveChatEventKey deduplication', () => {
  const builders: [string, Builder][] = [
    ['incoming_chat', (_overrides, options) => incomingChatBody({}, options)],
    ['incoming_event', incomingEventBody],
    ['event_updated', eventUpdatedBody],
    ['event_deleted', eventDeletedBody],
    ['chat_deactivated', chatDeactivatedBody],
    ['user_added_to_chat', userAddedToChatBody],
    ['user_removed_from_chat', userRemovedFromChatBody],
    ['chat_transferred', chatTransferredBody],
    ['thread_tagged', threadTaggedBody],
    ['thread_untagged', threadUntaggedBody],
    ['chat_properties_updated', chatPropertiesUpdatedBody],
    ['thread_properties_updated', threadPropertiesUpdatedBody],
    ['routing_status_set', routingStatusSetBody],
    ['incoming_customer', incomingCustomerBody],
    ['customer_session_fields_updated', customerSessionFieldsUpdatedBody],
  ];

  it.each(builders)('%s: a redelivery gets the same key', (_name, build) => {
    expect(keyOf(build())).toBe(keyOf(build()));
  });

  it.each(builders)(
    '%s: the same event from another registration (webhook_id, secret) gets the same key',
    (_name, build) => {
      expect(keyOf(build({}, OTHER_REGISTRATION))).toBe(keyOf(build()));
    },
  );

  it.each(builders)('%s: the same event through API v3.3 and v3.6 gets the same key', (_name, build) => {
    expect(keyOf(build({}, { version: '3.3' }))).toBe(keyOf(build({}, { version: '3.6' })));
  });

  it('ignores key order and additional_data', () => {
    const body = incomingEventBody();
    const payload = body['payload'] as JsonObject;
    const reordered = { ...body, payload: Object.fromEntries(Object.entries(payload).reverse()) };
    expect(keyOf(reordered)).toBe(keyOf(body));
    const withData = chatTransferredBody(
      {},
      { additionalData: { chat_presence_user_ids: ['smith@example.com'] } },
    );
    expect(keyOf(withData)).toBe(keyOf(chatTransferredBody()));
  });

  it('gives different events different keys', () => {
    const keys = [
      keyOf(incomingEventBody()),
      keyOf(incomingEventBody({ event: messageEvent({ id: 'QA37PVJ75B_4' }) })),
      keyOf(incomingEventBody({ thread_id: 'QA37PVJ75C' })),
      keyOf(eventUpdatedBody()),
      keyOf(threadTaggedBody()),
      keyOf(threadTaggedBody({ tag: 'vip' })),
      keyOf(threadUntaggedBody()),
      keyOf(routingStatusSetBody()),
      keyOf(routingStatusSetBody({ status: 'accepting chats' })),
      keyOf(userAddedToChatBody()),
      keyOf(userAddedToChatBody({ reason: 'assigned' })),
      keyOf(userRemovedFromChatBody()),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('event_updated with changed text gets a different key', () => {
    const first = keyOf(eventUpdatedBody({ event: messageEvent({ text: 'order #4411' }) }));
    const edited = keyOf(eventUpdatedBody({ event: messageEvent({ text: 'order #4412' }) }));
    expect(edited).not.toBe(first);
    expect(edited.split(':').slice(0, 5)).toEqual(first.split(':').slice(0, 5));
  });

  it('user re-added later with a different user snapshot gets a new key', () => {
    const later = userAddedToChatBody({
      user: agentUser({ id: 'jones@example.com', events_seen_up_to: '2025-05-12T12:00:00.000000Z' }),
    });
    expect(keyOf(later)).not.toBe(keyOf(userAddedToChatBody()));
  });
});

describe('liveChatEventKey safety', () => {
  it('escapes separators and hashes long parts, staying within 200 characters', () => {
    expect(keyOf(threadTaggedBody({ tag: 'vip: gold' }))).toBe(
      'livechat:thread_tagged:RX2K8Q4T1M:QA37PVJ75B:vip%3A%20gold',
    );
    const long = keyOf(threadTaggedBody({ tag: 'x'.repeat(500) }));
    expect(long).toMatch(new RegExp(`^livechat:thread_tagged:RX2K8Q4T1M:QA37PVJ75B:#${HASH}$`));
    const huge = keyOf(
      userRemovedFromChatBody({
        chat_id: 'c'.repeat(64),
        thread_id: 't'.repeat(64),
        user_id: 'u'.repeat(64),
      }),
    );
    expect(huge.length).toBeLessThanOrEqual(MAX_EVENT_KEY_LENGTH);
    expect(huge).toMatch(/^livechat:user_removed_from_chat:#[0-9a-f]{64}$/);
    // The longest action name the envelope accepts.
    const longAction = keyOf(liveChatBody('a'.repeat(100), {}, { webhookId: 'w', secretKey: 's' }));
    expect(longAction.length).toBeLessThanOrEqual(MAX_EVENT_KEY_LENGTH);
  });

  it('never includes the webhook_id or the secret', () => {
    const key = keyOf(incomingEventBody({}, { webhookId: 'WEBHOOK-ID-123', secretKey: 'SECRET-456' }));
    expect(key).not.toContain('WEBHOOK-ID-123');
    expect(key).not.toContain('SECRET-456');
  });

  it('falls back to a payload hash instead of throwing when the natural id is missing', () => {
    const broken = incomingEventBody({ event: undefined });
    expect(keyOf(broken)).toMatch(new RegExp(`^livechat:incoming_event:${HASH}$`));
    expect(keyOf(broken)).toBe(keyOf(incomingEventBody({ event: undefined })));
  });
});

describe('liveChatDedupeScope', () => {
  it('is permanent only for one-off facts, and every delivery of a status report is kept', () => {
    expect(liveChatDedupeScope('incoming_event')).toBe('permanent');
    expect(liveChatDedupeScope('chat_deactivated')).toBe('permanent');
    expect(liveChatDedupeScope('routing_status_set')).toBe('every_delivery');
    expect(liveChatDedupeScope('thread_tagged')).toBe('every_delivery');
    expect(liveChatDedupeScope('event_updated')).toBe('every_delivery');
    expect(liveChatDedupeScope('incoming_customer')).toBe('retry_window');
  });
});
