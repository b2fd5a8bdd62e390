import { describe, expect, it } from 'vitest';
import {
  AGENT_ID,
  chatAccessUpdatedBody,
  chatDeactivatedBody,
  chatPropertiesUpdatedBody,
  chatTransferredBody,
  CHAT_ID,
  customerSessionFieldsUpdatedBody,
  CUSTOMER_ID,
  eventDeletedBody,
  eventUpdatedBody,
  fileEvent,
  filledFormEvent,
  incomingChatBody,
  incomingCustomerBody,
  incomingEventBody,
  liveChatBody,
  messageEvent,
  OTHER_AGENT_ID,
  routingStatusSetBody,
  systemMessageEvent,
  threadPropertiesUpdatedBody,
  threadTaggedBody,
  threadUntaggedBody,
  THREAD_ID,
  userAddedToChatBody,
  userRemovedFromChatBody,
  type LiveChatApiVersion,
} from '@ccp/server-testing';
import type { DomainEvent } from './domain-events';
import { reasonOf } from './fixtures/invalid-webhook.reason';
import { parseLiveChatEnvelope } from './livechat-envelope';
import { HANDLED_LIVECHAT_ACTIONS, isHandledLiveChatAction, normalizeLiveChat } from './livechat.normalizer';

function normalize(body: unknown): DomainEvent[] {
  return normalizeLiveChat(parseLiveChatEnvelope(body));
}

function only(body: unknown): DomainEvent {
  const events = normalize(body);
  expect(events).toHaveLength(1);
  return events[0] as DomainEvent;
}

const VERSIONS: LiveChatApiVersion[] = ['3.3', '3.6'];

describe('isHandledLiveChatAction', () => {
  it('lists the fifteen handled actions and nothing else', () => {
    expect(HANDLED_LIVECHAT_ACTIONS).toHaveLength(15);
    expect(isHandledLiveChatAction('incoming_event')).toBe(true);
    expect(isHandledLiveChatAction('customer_session_fields_updated')).toBe(true);
    expect(isHandledLiveChatAction('chat_access_updated')).toBe(false);
    expect(isHandledLiveChatAction('agent_created')).toBe(false);
  });

  it('returns no events for actions we ignore, whatever their payload', () => {
    expect(normalize(chatAccessUpdatedBody())).toEqual([]);
    const autoAccesses = liveChatBody('auto_accesses_updated', [{ id: 'a1', access: { groups: [1] } }], {
      webhookId: 'w',
      secretKey: 's',
    });
    expect(normalize(autoAccesses)).toEqual([]);
  });
});

describe.each(VERSIONS)('normalizeLiveChat, API v%s', (version) => {
  it('incoming_chat: upserts the customer, then starts the chat with its initial events', () => {
    const events = normalize(incomingChatBody({}, { version }));
    expect(events.map((event) => event.type)).toEqual(['customer.upserted', 'chat.started']);
    expect(events[0]).toEqual({
      type: 'customer.upserted',
      source: 'livechat',
      externalId: CUSTOMER_ID,
      name: 'Thomas Anderson',
      email: 't.anderson@example.com',
    });
    expect(events[1]).toMatchObject({
      type: 'chat.started',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      startedAt: '2025-05-12T11:42:47.383000Z',
      customer: { kind: 'customer', externalId: CUSTOMER_ID, name: 'Thomas Anderson' },
      agents: [{ kind: 'agent', livechatAgentId: AGENT_ID, name: 'Agent Smith', email: AGENT_ID }],
      groupIds: [0],
      tags: [],
      previousThreadId: 'QA078URPJL',
    });
    const started = events[1] as Extract<DomainEvent, { type: 'chat.started' }>;
    expect(started.messages).toEqual([
      {
        externalId: 'QA37PVJ75B_1',
        authorId: CUSTOMER_ID,
        authorType: 'customer',
        kind: 'filled_form',
        vendorType: 'filled_form',
        attachments: [],
        createdAt: '2025-05-12T11:42:47.383001Z',
        visibility: 'all',
        form: {
          formId: '1002',
          formType: 'prechat',
          fields: [{ id: '10021', type: 'name', label: 'Name:', answer: 'Thomas Anderson' }],
        },
      },
      {
        externalId: 'QA37PVJ75B_2',
        authorId: CUSTOMER_ID,
        authorType: 'customer',
        kind: 'message',
        vendorType: 'message',
        text: "Hi, my order hasn't arrived",
        attachments: [],
        createdAt: '2025-05-12T11:42:48.010200Z',
        visibility: 'all',
      },
    ]);
  });

  it('incoming_event: a customer message', () => {
    expect(only(incomingEventBody({}, { version }))).toEqual({
      type: 'chat.message',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      message: {
        externalId: 'QA37PVJ75B_3',
        customId: '1dnepb4z00t',
        authorId: CUSTOMER_ID,
        authorType: 'customer',
        kind: 'message',
        vendorType: 'message',
        text: 'Can you check order #4411?',
        attachments: [],
        createdAt: '2025-05-12T11:43:05.877000Z',
        visibility: 'all',
      },
    });
  });

  it('incoming_event: a file becomes an attachment', () => {
    const event = only(incomingEventBody({ event: fileEvent() }, { version }));
    expect(event).toMatchObject({
      type: 'chat.message',
      message: {
        externalId: 'QA37PVJ75B_4',
        kind: 'file',
        authorType: 'customer',
        attachments: [
          {
            url: 'https://cdn.livechat-files.com/api/file/lc/att/104130623/0b9c1d6e/receipt.png',
            name: 'receipt.png',
            size: 123444,
            contentType: 'image/png',
          },
        ],
      },
    });
  });

  it('incoming_event: a system message has no author and keeps its type and variables', () => {
    const event = only(incomingEventBody({ event: systemMessageEvent() }, { version }));
    expect(event).toMatchObject({
      type: 'chat.message',
      message: {
        externalId: 'QA37PVJ75B_5',
        authorType: 'system',
        kind: 'system_message',
        text: 'Thomas Anderson rated the chat as good',
        systemMessageType: 'rating.chat_rated',
        textVars: { customer: 'Thomas Anderson', score: 'good' },
      },
    });
    expect((event as Extract<DomainEvent, { type: 'chat.message' }>).message.authorId).toBeUndefined();
  });

  it('incoming_event: a filled post-chat form, with a checkbox field', () => {
    const form = filledFormEvent({
      id: 'QA37PVJ75B_9',
      form_type: 'postchat',
      fields: [
        { id: '1', type: 'rating', label: 'How was it?', answer: 'good' },
        { id: '2', type: 'checkbox', label: 'Topics', answers: ['Shipping', 'Refund'] },
      ],
    });
    const event = only(incomingEventBody({ event: form }, { version }));
    expect(event).toMatchObject({
      message: {
        kind: 'filled_form',
        form: {
          formType: 'postchat',
          fields: [
            { label: 'How was it?', answer: 'good' },
            { label: 'Topics', answer: 'Shipping, Refund', answers: ['Shipping', 'Refund'] },
          ],
        },
      },
    });
  });

  it('event_updated: the edited message', () => {
    const body = eventUpdatedBody(
      { event: messageEvent({ text: 'Can you check order #4412?' }) },
      { version },
    );
    expect(only(body)).toMatchObject({
      type: 'chat.message_updated',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      message: { externalId: 'QA37PVJ75B_3', text: 'Can you check order #4412?' },
    });
  });

  it('event_deleted', () => {
    expect(only(eventDeletedBody({}, { version }))).toEqual({
      type: 'chat.message_deleted',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      eventId: 'QA37PVJ75B_3',
    });
  });

  it('chat_deactivated: by an agent, and by the router (no user_id)', () => {
    expect(only(chatDeactivatedBody({}, { version }))).toEqual({
      type: 'chat.ended',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      endedBy: AGENT_ID,
    });
    const byRouter = only(chatDeactivatedBody({ user_id: undefined }, { version }));
    expect(byRouter).toEqual({ type: 'chat.ended', chatId: CHAT_ID, threadId: THREAD_ID });
  });

  it('user_added_to_chat: an agent', () => {
    expect(only(userAddedToChatBody({}, { version }))).toEqual({
      type: 'chat.participant_added',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      userId: OTHER_AGENT_ID,
      userType: 'agent',
      user: { kind: 'agent', livechatAgentId: OTHER_AGENT_ID, name: 'Kate Jones', email: OTHER_AGENT_ID },
      reason: 'manual',
      requesterId: AGENT_ID,
    });
  });

  it('user_removed_from_chat: with and without thread_id', () => {
    expect(only(userRemovedFromChatBody({}, { version }))).toEqual({
      type: 'chat.participant_removed',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      userId: OTHER_AGENT_ID,
      userType: 'agent',
      reason: 'manual',
      requesterId: AGENT_ID,
    });
    const inactive = only(
      userRemovedFromChatBody({ thread_id: undefined, user_type: undefined }, { version }),
    );
    expect(inactive).toMatchObject({ type: 'chat.participant_removed', userType: 'agent' });
    expect(inactive.type === 'chat.participant_removed' && inactive.threadId).toBeUndefined();
  });

  it('chat_transferred: targets and queue', () => {
    expect(only(chatTransferredBody({}, { version }))).toEqual({
      type: 'chat.transferred',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      requesterId: AGENT_ID,
      reason: 'manual',
      toAgentIds: [OTHER_AGENT_ID],
      toGroupIds: [19],
      queue: { position: 2, waitTimeSeconds: 45, queuedAt: '2025-05-12T11:45:01.909000Z' },
    });
  });

  it('thread_tagged and thread_untagged', () => {
    expect(only(threadTaggedBody({}, { version }))).toEqual({
      type: 'chat.tagged',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      tag: 'refund',
    });
    expect(only(threadUntaggedBody({}, { version }))).toEqual({
      type: 'chat.untagged',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      tag: 'refund',
    });
  });

  it('thread_properties_updated with rating score 1 is a good rating', () => {
    expect(only(threadPropertiesUpdatedBody({}, { version }))).toEqual({
      type: 'chat.rated',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      score: 'good',
      comment: 'Quick and helpful',
    });
  });

  it('chat_properties_updated with rating score 0 is a bad rating', () => {
    expect(only(chatPropertiesUpdatedBody({}, { version }))).toEqual({
      type: 'chat.rated',
      chatId: CHAT_ID,
      score: 'bad',
      comment: 'Too slow',
    });
  });

  it('routing_status_set', () => {
    expect(only(routingStatusSetBody({}, { version }))).toEqual({
      type: 'agent.routing_status',
      livechatAgentId: AGENT_ID,
      status: 'not_accepting_chats',
    });
  });

  it('customer_session_fields_updated: the array of single-key objects becomes one record', () => {
    expect(only(customerSessionFieldsUpdatedBody({}, { version }))).toEqual({
      type: 'customer.session_fields',
      externalId: CUSTOMER_ID,
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      fields: { order_id: '4411', plan: 'pro' },
    });
  });
});

describe('normalizeLiveChat details', () => {
  it('incoming_customer (v3.3 to v3.5) upserts the customer with the phone number', () => {
    expect(only(incomingCustomerBody())).toEqual({
      type: 'customer.upserted',
      source: 'livechat',
      externalId: CUSTOMER_ID,
      name: 'Thomas Anderson',
      email: 't.anderson@example.com',
      phone: '+14083388064',
    });
    expect(only(incomingCustomerBody({}, { version: '3.5' }))).toMatchObject({ externalId: CUSTOMER_ID });
  });

  it.each([
    ['accepting chats', 'accepting_chats'],
    ['accepting_chats', 'accepting_chats'],
    ['not accepting chats', 'not_accepting_chats'],
    ['not_accepting_chats', 'not_accepting_chats'],
    ['offline', 'offline'],
  ])('routing status %j is %s', (status, expected) => {
    expect(only(routingStatusSetBody({ status }))).toMatchObject({ status: expected });
  });

  it('rejects an unknown routing status', () => {
    expect(reasonOf(() => normalize(routingStatusSetBody({ status: 'away' })))).toMatch(
      /^routing_status_set: payload\.status/,
    );
  });

  it('rating: a comment alone, other namespaces, and an invalid score', () => {
    expect(only(threadPropertiesUpdatedBody({ properties: { rating: { comment: 'Thanks!' } } }))).toEqual({
      type: 'chat.rating_commented',
      chatId: CHAT_ID,
      threadId: THREAD_ID,
      comment: 'Thanks!',
    });
    const mixed = normalize(
      chatPropertiesUpdatedBody({ properties: { rating: { score: 1 }, routing: { pinned: true } } }),
    );
    expect(mixed).toEqual([
      { type: 'chat.rated', chatId: CHAT_ID, score: 'good' },
      { type: 'chat.properties_updated', chatId: CHAT_ID, properties: { routing: { pinned: true } } },
    ]);
    expect(
      reasonOf(() => normalize(threadPropertiesUpdatedBody({ properties: { rating: { score: 5 } } }))),
    ).toMatch(/payload\.properties\.rating\.score must be 0 \(bad\) or 1 \(good\)/);
  });

  it('author type: the chat users list wins, else the id shape (UUID customer, e-mail agent, 32-hex bot)', () => {
    const agentMessage = messageEvent({ id: 'QA37PVJ75B_2', author_id: AGENT_ID });
    const customerWithOddId = messageEvent({ id: 'QA37PVJ75B_3', author_id: 'S1644998001.4a5b6c' });
    const users = [
      { id: 'S1644998001.4a5b6c', type: 'customer', name: 'Legacy Visitor' },
      { id: AGENT_ID, type: 'agent', name: 'Agent Smith' },
    ];
    const started = normalize(
      incomingChatBody({ chat: { users }, thread: { events: [agentMessage, customerWithOddId] } }),
    ).find((event) => event.type === 'chat.started');
    expect(started?.type === 'chat.started' && started.messages.map((message) => message.authorType)).toEqual(
      ['agent', 'customer'],
    );

    const authorType = (authorId: string) => {
      const event = only(incomingEventBody({ event: messageEvent({ author_id: authorId }) }));
      return event.type === 'chat.message' ? event.message.authorType : undefined;
    };
    expect(authorType(CUSTOMER_ID)).toBe('customer');
    expect(authorType(AGENT_ID)).toBe('agent');
    expect(authorType('5c9871d5372c824cbf22d860a707a578')).toBe('bot');
  });

  it('an internal note keeps visibility agents; an unknown visibility fails closed', () => {
    const note = only(
      incomingEventBody({ event: messageEvent({ author_id: AGENT_ID, visibility: 'agents' }) }),
    );
    expect(note).toMatchObject({ message: { authorType: 'agent', visibility: 'agents' } });
    const odd = only(incomingEventBody({ event: messageEvent({ visibility: 'supervisors' }) }));
    expect(odd).toMatchObject({ message: { visibility: 'agents' } });
  });

  it('accepts unknown extra fields everywhere', () => {
    const body = incomingEventBody({
      brand_new_field: { nested: true },
      event: messageEvent({ properties: { custom: { x: 1 } }, postback: { id: 'p' }, deleted: false }),
    });
    expect(only(body)).toMatchObject({
      type: 'chat.message',
      message: { text: 'Can you check order #4411?' },
    });
  });

  it('session field values that are numbers become strings; objects are rejected', () => {
    expect(only(customerSessionFieldsUpdatedBody({ session_fields: [{ visits: 3 }] }))).toMatchObject({
      fields: { visits: '3' },
    });
    expect(
      reasonOf(() =>
        normalize(customerSessionFieldsUpdatedBody({ session_fields: [{ cart: { items: 2 } }] })),
      ),
    ).toMatch(/payload\.session_fields\[0\]\.cart must be a string/);
  });

  it('v3.3 queue uses queued_at_us (a timestamp string or epoch microseconds)', () => {
    const asString = chatTransferredBody({
      queue: { position: 1, wait_time: 10, queued_at_us: '2025-05-12T11:45:01.909000Z' },
    });
    expect(only(asString)).toMatchObject({
      queue: { position: 1, waitTimeSeconds: 10, queuedAt: '2025-05-12T11:45:01.909000Z' },
    });
    const asMicroseconds = chatTransferredBody({
      queue: { position: 1, wait_time: 10, queued_at_us: 1747050301909000 },
    });
    expect(only(asMicroseconds)).toMatchObject({ queue: { queuedAt: '2025-05-12T11:45:01.909Z' } });
  });
});

describe('normalizeLiveChat with broken payloads', () => {
  it.each([
    [
      'incoming_chat without thread',
      incomingChatBody({ chat: { thread: undefined } }),
      /payload\.chat\.thread must be an object but is missing/,
    ],
    [
      'incoming_chat with a numeric thread id',
      incomingChatBody({ thread: { id: 42 } }),
      /payload\.chat\.thread\.id must be a non-empty string but is a number/,
    ],
    [
      'incoming_event without event',
      incomingEventBody({ event: undefined }),
      /payload\.event must be an object but is missing/,
    ],
    [
      'incoming_event with a bad created_at',
      incomingEventBody({ event: messageEvent({ created_at: 'yesterday' }) }),
      /payload\.event\.created_at must be an ISO 8601 timestamp/,
    ],
    [
      'incoming_event: a file without url',
      incomingEventBody({ event: fileEvent({ url: undefined }) }),
      /payload\.event\.url/,
    ],
    [
      'chat_deactivated without thread_id',
      chatDeactivatedBody({ thread_id: undefined }),
      /payload\.thread_id must be a non-empty string but is missing/,
    ],
    [
      'chat_transferred with group ids as strings',
      chatTransferredBody({ transferred_to: { group_ids: ['19'] } }),
      /payload\.transferred_to\.group_ids\[0\] must be an integer but is a string/,
    ],
    [
      'session_fields as an object',
      customerSessionFieldsUpdatedBody({ session_fields: { plan: 'pro' } }),
      /payload\.session_fields must be an array but is an object/,
    ],
    [
      'routing_status_set without agent_id',
      routingStatusSetBody({ agent_id: undefined }),
      /payload\.agent_id/,
    ],
    [
      'thread_tagged with a null tag',
      threadTaggedBody({ tag: null }),
      /payload\.tag must be a non-empty string but is null/,
    ],
  ])('%s → InvalidWebhookError', (_name, body, reason) => {
    expect(reasonOf(() => normalize(body))).toMatch(reason);
  });

  it('prefixes the reason with the action', () => {
    expect(reasonOf(() => normalize(chatDeactivatedBody({ chat_id: undefined })))).toBe(
      'chat_deactivated: payload.chat_id must be a non-empty string but is missing',
    );
  });
});
