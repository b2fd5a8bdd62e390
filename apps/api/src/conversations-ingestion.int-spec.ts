import type { INestApplicationContext } from '@nestjs/common';
import type {
  Conversation,
  ConversationDetail,
  CustomerDetail,
  Customer,
  Message,
  Page,
  PlatformStats,
  RealtimeEventType,
  WebhookEvent,
} from '@ccp/contracts';
import { DemoUsersSeeder, JobQueue, QUEUE_NAMES, WEBHOOK_PROCESS_ATTEMPTS } from '@ccp/server-platform';
import {
  AGENT_ID,
  chatAndCallScenario,
  chatTransferredBody,
  callScenario,
  OTHER_AGENT_ID,
  CHAT_ID,
  eventDeletedBody,
  incomingCustomerBody,
  incomingEventBody,
  systemMessageEvent,
  THREAD_ID,
  threadTaggedBody,
  threadUntaggedBody,
  userAddedToChatBody,
  userRemovedFromChatBody,
  type JsonObject,
  chatPropertiesUpdatedBody,
  createTestDatabase,
  incomingChatBody,
  liveChatDelivery,
  DEMO_PASSWORD,
  deliverAll,
  loginAs,
  RealtimeTestClient,
  SeededRandom,
  startTestApi,
  startTestWorker,
  testConfig,
  waitFor,
  type HttpClient,
  type RunningApi,
  type WebhookDelivery,
} from '@ccp/server-testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const secrets = {
  livechatSecret: 'livechat-secret-for-tests',
  ringcentralToken: 'ringcentral-token-for-tests',
};

/** The whole domain state, with generated uuids replaced by what identifies rows across runs. */
async function snapshot(dataSource: DataSource) {
  const query = <T>(sql: string) => dataSource.query(sql) as Promise<T[]>;
  const agents = await query<{ id: string; vendor_id: string }>(
    `SELECT id, coalesce(livechat_agent_id, ringcentral_extension_id) AS vendor_id FROM agents`,
  );
  const agentName = new Map(agents.map((agent) => [agent.id, agent.vendor_id]));
  const customers = await query<{ id: string; identities: string[] }>(
    `SELECT c.id, array_agg(i.kind || ':' || i.value ORDER BY i.kind, i.value) AS identities
     FROM customers c JOIN customer_identities i ON i.customer_id = c.id GROUP BY c.id`,
  );
  const customerName = new Map(customers.map((customer) => [customer.id, customer.identities.join(' ')]));
  const conversations = await query<Record<string, unknown> & { id: string; type: string }>(
    `SELECT * FROM conversations ORDER BY external_id`,
  );
  const rows = [];
  for (const {
    id,
    created_at: _c,
    updated_at: _u,
    // When the call-log fetch falls due: bookkeeping on the clock of processing, like updated_at.
    call_log_due_at: _d,
    customer_id,
    agent_id,
    agent_ids,
    ...conversation
  } of conversations) {
    const messages = await query<Record<string, unknown>>(
      // A system entry is keyed by its webhook, and each delivery of a state report is a webhook of its own.
      `SELECT regexp_replace(external_id, ':d[0-9a-f-]{36}$', '') AS external_id,
              author_type, author_id, author_external_id, kind, text, attachments, visibility,
              CASE WHEN author_type = 'system' THEN NULL ELSE created_at END AS created_at,
              edited_at IS NOT NULL AS edited, deleted_at IS NOT NULL AS deleted
       FROM messages WHERE conversation_id = '${id}' ORDER BY 1`,
    );
    const timeline = await query<Record<string, unknown>>(
      `SELECT party_id, sequence, event_time, status, reason, direction, from_number, to_number, extension_id
       FROM call_status_changes WHERE conversation_id = '${id}' ORDER BY sequence, party_id`,
    );
    const parties = await query<Record<string, unknown>>(
      `SELECT party_id, status, reason, missed, last_sequence, extension_id
       FROM call_parties WHERE conversation_id = '${id}' ORDER BY party_id`,
    );
    rows.push({
      ...conversation,
      // LiveChat does not date a deactivation: a chat's end is when we received it.
      ended_at: conversation.type === 'chat' ? conversation.ended_at !== null : conversation.ended_at,
      customer: customerName.get(customer_id as string) ?? null,
      agent: agentName.get(agent_id as string) ?? null,
      agents: (agent_ids as string[]).map((agentId) => agentName.get(agentId)).sort(),
      messages: messages.map((message) => ({
        ...message,
        author_id: agentName.get(message.author_id as string) ?? null,
      })),
      timeline,
      parties,
    });
  }
  const people = await query<Record<string, unknown>>(
    `SELECT c.name, c.attributes, array_agg(DISTINCT i.kind || ':' || i.value) AS identities
     FROM customers c JOIN customer_identities i ON i.customer_id = c.id GROUP BY c.id ORDER BY min(i.value)`,
  );
  const agentRows = await query<Record<string, unknown>>(
    `SELECT name, email, livechat_agent_id, ringcentral_extension_id, mapped,
            status, status_reason, chat_status, phone_telephony_status, phone_presence_status
     FROM agents
     ORDER BY coalesce(livechat_agent_id, ringcentral_extension_id)`,
  );
  return { conversations: rows, customers: people, agents: agentRows };
}

describe('vendor events become conversations, calls and customers', { timeout: 60_000 }, () => {
  let api: RunningApi;
  let worker: INestApplicationContext;
  let admin: HttpClient;
  let dataSource: DataSource;
  let dropDatabase: () => Promise<void>;

  const count = async (status?: string) =>
    (await admin.get<Page<WebhookEvent>>(`/api/webhook-events?limit=1${status ? `&status=${status}` : ''}`))
      .body.total;
  /** Every stored webhook has been applied (presence and routing events are stored as ignored for now). */
  const allProcessed = (expected: number) =>
    waitFor(
      `${expected} webhooks processed`,
      async () =>
        (await count()) >= expected && (await count('received')) === 0 && (await count('failed')) === 0,
      { timeoutMs: 30_000, intervalMs: 100 },
    );

  const send = async (deliveries: readonly WebhookDelivery[], concurrency = 1) => {
    const results = await deliverAll(api.baseUrl, deliveries, { concurrency });
    const rejected = results.filter((result) => !('status' in result) || result.status !== 200);
    expect(
      rejected.map((result) => ('status' in result ? result.responseBody : result.error.message)),
    ).toEqual([]);
  };

  /** Empties the domain and the inbox (and the queue, whose job ids are the event keys). */
  const reset = async () => {
    await dataSource.query(
      `TRUNCATE webhook_events, webhook_outbox, vendor_state_reports, conversations, messages, call_parties,
                call_status_changes, customers, customer_identities, agents, sync_logs`,
    );
    const jobs = api.app.get(JobQueue);
    for (const name of QUEUE_NAMES) await jobs.queue(name).obliterate({ force: true });
  };

  beforeAll(async () => {
    // A database of its own: the tests below empty the domain tables between runs.
    const database = await createTestDatabase('conversations');
    dropDatabase = database.drop;
    const config = testConfig({
      DATABASE_URL: database.url,
      LIVECHAT_WEBHOOK_SECRETS: secrets.livechatSecret,
      RINGCENTRAL_VERIFICATION_TOKEN: secrets.ringcentralToken,
      WEBHOOK_RETRY_DELAY_MS: '50',
    });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
    admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
    dataSource = api.app.get(DataSource);
    worker = await startTestWorker(config);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  it('turns a chat and a call from one person into two conversations of one customer, live', async () => {
    await reset();
    const supervisor = await loginAs(api.http, 'supervisor@demo.local', DEMO_PASSWORD);
    const token = supervisor.token ?? '';
    const socket = await new RealtimeTestClient(api.baseUrl, token).ready();
    const scenario = chatAndCallScenario({ secrets });
    try {
      await send(scenario.deliveries);
      await allProcessed(scenario.deliveries.length);
      expect(await count('dead')).toBe(0);

      const chats = (await admin.get<Page<Conversation>>('/api/conversations?type=chat')).body;
      const calls = (await admin.get<Page<Conversation>>('/api/conversations?type=call')).body;
      expect(chats.total).toBe(1);
      expect(calls.total).toBe(1);
      const [chat] = chats.items;
      const [call] = calls.items;
      expect(chat).toMatchObject({
        platform: 'livechat',
        status: 'ended',
        externalId: scenario.chat.ids.threadId,
        chatId: scenario.chat.ids.chatId,
        csat: expect.stringMatching(/good|bad/),
      });
      expect(chat?.tags.length).toBeGreaterThan(0);
      expect(chat?.agentIds).toHaveLength(2);
      expect(call).toMatchObject({
        platform: 'ringcentral',
        status: 'ended',
        externalId: scenario.call.ids.telephonySessionId,
      });
      expect(call?.call).toMatchObject({
        direction: 'Inbound',
        missed: false,
        fromNumber: scenario.person.phone,
      });
      expect(call?.call?.talkSeconds).toBeGreaterThan(0);
      expect(call?.customerId).toBe(chat?.customerId);
      expect(chat?.customerId).toBeTruthy();

      const customer = (await admin.get<CustomerDetail>(`/api/customers/${chat?.customerId}`)).body;
      expect(customer.emails).toEqual([scenario.person.email]);
      expect(customer.phones).toEqual([scenario.person.phone]);
      expect(customer.conversations.map((conversation) => conversation.id).sort()).toEqual(
        [chat?.id, call?.id].sort(),
      );
      const listed = (
        await admin.get<Page<Customer>>(`/api/customers?q=${encodeURIComponent(scenario.person.email)}`)
      ).body;
      expect(listed.items.map((item) => item.id)).toEqual([customer.id]);

      const messages = (await admin.get<Page<Message>>(`/api/conversations/${chat?.id}/messages?limit=200`))
        .body;
      const kinds = messages.items.map((message) => message.kind);
      expect(kinds).toEqual(expect.arrayContaining(['message', 'file', 'participant_added', 'transfer']));
      expect(messages.items.some((message) => message.editedAt !== null)).toBe(true);
      const file = messages.items.find((message) => message.kind === 'file');
      expect(file?.attachments[0]).toMatchObject({
        url: expect.stringMatching(/^https:/),
        name: expect.any(String),
      });
      // The message LiveChat delivered after chat_deactivated is part of the chat all the same.
      const late = scenario.chat.deliveries.at(-1)?.body as { payload: { event: { id: string } } };
      expect(messages.items.map((message) => message.externalId)).toContain(late.payload.event.id);

      const detail = (await admin.get<ConversationDetail>(`/api/conversations/${call?.id}`)).body;
      const sequences = detail.timeline.map((change) => change.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(sequences[0]).toBe(2);
      expect(detail.parties.every((party) => ['Disconnected', 'Gone'].includes(party.status))).toBe(true);

      const expectedTypes: RealtimeEventType[] = [
        'conversation:new',
        'conversation:updated',
        'message:new',
        'call:new',
        'call:updated',
        'call:ended',
      ];
      await waitFor('the realtime events of the chat and the call', () => {
        const seen = new Set(socket.events.map((event) => event.type));
        return expectedTypes.every((type) => seen.has(type));
      });
      const ended = socket.events.filter((event) => event.type === 'call:ended');
      expect(ended).toHaveLength(1);
    } finally {
      socket.close();
    }
  });

  it('reaches exactly the same state when every delivery comes two or three times, shuffled', async () => {
    const scenario = chatAndCallScenario({ secrets });
    const missed = callScenario({ secrets, outcome: 'missed' });
    const deliveries = [...scenario.deliveries, ...missed.deliveries];

    await reset();
    await send(deliveries);
    await allProcessed(deliveries.length);
    const ordered = await snapshot(dataSource);
    expect(ordered.conversations).toHaveLength(3);
    expect(ordered.customers).toHaveLength(2);

    await reset();
    const random = new SeededRandom('shuffle');
    const copies = deliveries.flatMap((delivery) =>
      Array.from({ length: 2 + random.integer(0, 1) }, () => delivery),
    );
    await send(random.shuffled(copies), 8);
    await allProcessed(deliveries.length);
    expect(await snapshot(dataSource)).toEqual(ordered);
  });

  it('merges the customers of a call and a chat once an event shows they are one person', async () => {
    await reset();
    const scenario = chatAndCallScenario({ secrets });
    const actionOf = (delivery: WebhookDelivery) => (delivery.body as { action?: string }).action;
    const sessionFields = scenario.chat.deliveries.filter(
      (d) => actionOf(d) === 'customer_session_fields_updated',
    );
    const start = scenario.chat.deliveries.filter((d) => actionOf(d) === 'incoming_chat');
    expect(sessionFields).toHaveLength(1);
    // First a customer known only by their LiveChat id, then a caller known only by number and
    // caller id; the chat's start carries id, email and phone, and ties the two together.
    await send(sessionFields);
    await allProcessed(1);
    await send(scenario.call.deliveries);
    await allProcessed(1 + scenario.call.deliveries.length);
    expect((await admin.get<Page<Customer>>('/api/customers')).body.total).toBe(2);

    await send(start);
    await allProcessed(2 + scenario.call.deliveries.length);
    const customers = (await admin.get<Page<Customer>>('/api/customers')).body;
    expect(customers.total).toBe(1);
    expect(customers.items[0]).toMatchObject({
      name: scenario.person.name,
      emails: [scenario.person.email],
      phones: [scenario.person.phone],
    });
    const detail = (await admin.get<CustomerDetail>(`/api/customers/${customers.items[0]?.id}`)).body;
    expect(detail.conversations.map((conversation) => conversation.type).sort()).toEqual(['call', 'chat']);
    expect(Object.keys(detail.attributes).length).toBeGreaterThan(0);
  });

  it('applies deletions, departures, untagging, system messages and customer records (the vendor doc samples)', async () => {
    await reset();
    const envelope = { secretKey: secrets.livechatSecret };
    const at = (body: JsonObject) => liveChatDelivery(body);
    await send([
      at(incomingChatBody({}, envelope)),
      at(incomingEventBody({}, envelope)),
      at(incomingEventBody({ event: systemMessageEvent() }, envelope)),
      at(userAddedToChatBody({}, envelope)),
      at(threadTaggedBody({}, envelope)),
      at(incomingCustomerBody({}, envelope)),
    ]);
    await allProcessed(6);
    await send([
      at(eventDeletedBody({}, envelope)),
      at(userRemovedFromChatBody({}, envelope)),
      at(threadUntaggedBody({}, envelope)),
    ]);
    await allProcessed(9);

    const [chat] = (await admin.get<Page<Conversation>>('/api/conversations?type=chat')).body.items;
    expect(chat).toMatchObject({ externalId: THREAD_ID, chatId: CHAT_ID, status: 'active', tags: [] });
    const messages = (await admin.get<Page<Message>>(`/api/conversations/${chat?.id}/messages`)).body.items;
    const byId = (id: string) => messages.find((message) => message.externalId === id);
    expect(byId('QA37PVJ75B_3')).toMatchObject({
      authorType: 'customer',
      text: null,
      deletedAt: expect.any(String),
    });
    expect(byId('QA37PVJ75B_5')).toMatchObject({ authorType: 'system', kind: 'system_message' });
    expect(messages.filter((message) => message.kind === 'participant_removed')).toHaveLength(1);

    const customers = (await admin.get<Page<Customer>>('/api/customers')).body;
    expect(customers.total).toBe(1);
    expect(customers.items[0]).toMatchObject({
      name: 'Thomas Anderson',
      emails: ['t.anderson@example.com'],
      phones: ['+14083388064'],
    });
    expect(chat?.customerId).toBe(customers.items[0]?.id);
  });

  it('applies a tag removed and added again, and a chat transferred back, however soon; a redelivery once', async () => {
    await reset();
    const envelope = { secretKey: secrets.livechatSecret };
    const at = (body: JsonObject) => liveChatDelivery(body);
    const transferTo = (agentId: string) =>
      at(chatTransferredBody({ transferred_to: { group_ids: [19], agent_ids: [agentId] } }, envelope));
    let stored = 0;
    // One at a time, each processed before the next: the order in which an agent clicked.
    for (const delivery of [
      at(incomingChatBody({}, envelope)),
      at(threadTaggedBody({}, envelope)),
      at(threadUntaggedBody({}, envelope)),
      at(threadTaggedBody({}, envelope)),
      transferTo(OTHER_AGENT_ID),
      transferTo(AGENT_ID),
      transferTo(OTHER_AGENT_ID),
      // LiveChat's retry of the last one, as if our answer had been too slow.
      transferTo(OTHER_AGENT_ID),
    ]) {
      await send([delivery]);
      await allProcessed((stored += 1));
    }

    const [chat] = (await admin.get<Page<Conversation>>('/api/conversations?type=chat')).body.items;
    const tag = (threadTaggedBody() as { payload: { tag: string } }).payload.tag;
    expect(chat?.tags).toEqual([tag]);
    const messages = (await admin.get<Page<Message>>(`/api/conversations/${chat?.id}/messages`)).body.items;
    expect(messages.filter((message) => message.kind === 'transfer').map((message) => message.text)).toEqual([
      `Transferred to ${OTHER_AGENT_ID}, group 19`,
      `Transferred to ${AGENT_ID}, group 19`,
      `Transferred to ${OTHER_AGENT_ID}, group 19`,
    ]);
    const agents = (await admin.get<Page<{ id: string; livechatAgentId: string }>>('/api/agents')).body.items;
    const owner = agents.find((agent) => agent.id === chat?.agentId);
    expect(owner?.livechatAgentId).toBe(OTHER_AGENT_ID);
  });

  it('lists, filters and searches conversations, and reports stats', async () => {
    await reset();
    const scenario = chatAndCallScenario({ secrets });
    const missed = callScenario({ secrets, outcome: 'missed' });
    await send([...scenario.deliveries, ...missed.deliveries]);
    await allProcessed(scenario.deliveries.length + missed.deliveries.length);

    const all = (await admin.get<Page<Conversation>>('/api/conversations')).body;
    expect(all.total).toBe(3);
    const missedCalls = (await admin.get<Page<Conversation>>('/api/conversations?status=missed&type=call'))
      .body;
    expect(missedCalls.items.map((item) => item.externalId)).toEqual([missed.ids.telephonySessionId]);
    expect(missedCalls.items[0]?.call?.missed).toBe(true);

    const chat = all.items.find((item) => item.type === 'chat');
    const byCustomer = (
      await admin.get<Page<Conversation>>(`/api/conversations?customerId=${chat?.customerId}`)
    ).body;
    expect(byCustomer.total).toBe(2);
    const byAgent = (await admin.get<Page<Conversation>>(`/api/conversations?agentId=${chat?.agentId}`)).body;
    expect(byAgent.items.map((item) => item.id)).toContain(chat?.id);

    const messages = (await admin.get<Page<Message>>(`/api/conversations/${chat?.id}/messages`)).body;
    const word = messages.items
      .find((message) => message.authorType === 'customer' && message.text)
      ?.text?.split(' ')
      .at(-1);
    expect(word).toBeTruthy();
    const found = (
      await admin.get<Page<Conversation>>(`/api/conversations?q=${encodeURIComponent(word ?? '')}`)
    ).body;
    expect(found.items.map((item) => item.id)).toContain(chat?.id);
    const none = (await admin.get<Page<Conversation>>('/api/conversations?q=zzzz-no-such-text')).body;
    expect(none.total).toBe(0);
    const inRange = (
      await admin.get<Page<Conversation>>(
        `/api/conversations?from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&limit=1`,
      )
    ).body;
    expect(inRange).toMatchObject({ total: 3 });
    expect(inRange.items).toHaveLength(1);

    const stats = (await admin.get<PlatformStats>('/api/stats')).body;
    expect(stats.conversations.today).toEqual({ chat: 1, call: 2 });
    expect(stats.conversations.active).toEqual({ chat: 0, call: 0 });
    expect(stats.agents.unmapped).toBeGreaterThanOrEqual(2);
    expect(stats.sync.successRate).toBe(1);
    expect(stats.webhooks.perMinute).toBeGreaterThan(0);
    expect(stats.webhooks.dead).toBe(0);
  });

  it('retries an event about a chat not seen yet, marks it dead after the last attempt, and replays it', async () => {
    await reset();
    const chatId = `D${Date.now().toString(36).toUpperCase()}`;
    const threadId = `T${Date.now().toString(36).toUpperCase()}`;
    const envelope = { secretKey: secrets.livechatSecret };
    await send([liveChatDelivery(chatPropertiesUpdatedBody({ chat_id: chatId }, envelope))]);
    const dead = await waitFor(
      'the rating of an unknown chat to be dead',
      async () => {
        const [event] = (await admin.get<Page<WebhookEvent>>('/api/webhook-events?status=dead')).body.items;
        return event;
      },
      { timeoutMs: 20_000 },
    );
    expect(dead).toMatchObject({
      attempts: WEBHOOK_PROCESS_ATTEMPTS,
      lastError: expect.stringContaining(chatId),
    });

    await send([
      liveChatDelivery(incomingChatBody({ chat: { id: chatId }, thread: { id: threadId } }, envelope)),
    ]);
    await allProcessed(1);
    expect((await admin.post(`/api/webhook-events/${dead.id}/replay`, {})).status).toBe(202);
    await allProcessed(2);
    const [chat] = (await admin.get<Page<Conversation>>(`/api/conversations?q=${threadId}`)).body.items;
    expect(chat).toMatchObject({ externalId: threadId, csat: 'bad', csatComment: 'Too slow' });
  });

  it('answers 400 for bad filters and 404 for unknown ids, and requires a login', async () => {
    expect((await admin.get('/api/conversations?status=sleeping')).status).toBe(400);
    expect((await admin.get('/api/conversations?from=yesterday')).status).toBe(400);
    expect((await admin.get('/api/conversations/not-a-uuid')).status).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(`/api/conversations/${missing}`)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin.get(`/api/conversations/${missing}/messages`)).status).toBe(404);
    expect((await admin.get(`/api/customers/${missing}`)).status).toBe(404);
    for (const path of ['/api/conversations', '/api/customers', '/api/stats']) {
      expect((await api.http.get(path)).status).toBe(401);
    }
  });
});
