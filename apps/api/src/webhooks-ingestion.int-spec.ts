import type { INestApplicationContext } from '@nestjs/common';
import type {
  ApiError,
  Conversation,
  ConversationDetail,
  Message,
  Page,
  SyncLog,
  WebhookEvent,
  WebhookEventDetail,
} from '@ccp/contracts';
import { DemoUsersSeeder, JobQueue, QueueWorkers, SyncLogRetentionHandler } from '@ccp/server-platform';
import { OutboxRelay, WebhookEventRetentionHandler } from '@ccp/server-webhooks';
import {
  agentParty,
  createTestDatabase,
  DEMO_PASSWORD,
  DisposableRedis,
  incomingEventBody,
  loginAs,
  messageEvent,
  ORGANIZATION_ID,
  startTestApi,
  startTestWorker,
  telephonyNotification,
  testConfig,
  waitFor,
  type EnvelopeOptions,
  type HttpClient,
  type JsonObject,
  type RunningApi,
} from '@ccp/server-testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const LIVECHAT_SECRET = 'livechat-secret-for-tests';
const RINGCENTRAL_TOKEN = 'ringcentral-token-for-tests';

/** The doc's LiveChat v3.6 `incoming_event`, signed with the test secret, in the given chat. */
function incomingEvent(chatId: string, options: EnvelopeOptions = {}): JsonObject {
  return incomingEventBody({ chat_id: chatId }, { secretKey: LIVECHAT_SECRET, ...options });
}

/** The doc's answered agent leg, as a new notification (fresh uuid) of the given session and sequence. */
function sessionNotification(sessionId: string, sequence: number): JsonObject {
  return telephonyNotification({
    envelope: { uuid: randomBytes(8).toString('hex') },
    body: { telephonySessionId: sessionId, sequence },
    parties: [agentParty({ id: `p-${sessionId}-2` })],
  });
}

const newChatId = () => `C${randomBytes(5).toString('hex').toUpperCase()}`;

describe('vendor webhooks: verify, store durably, deduplicate, process', () => {
  let redis: DisposableRedis;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let admin: HttpClient;
  let dropDatabase: (() => Promise<void>) | undefined;

  const eventsOfType = async (type: string) =>
    (await admin.get<Page<WebhookEvent>>(`/api/webhook-events?type=${type}&limit=200`)).body.items;
  const eventsWithKeyPart = async (part: string) =>
    (await admin.get<Page<WebhookEvent>>('/api/webhook-events?limit=200')).body.items.filter((event) =>
      event.eventKey.includes(part),
    );
  const settled = (part: string) =>
    waitFor(
      `the webhook ${part} to be processed`,
      async () => {
        const [event] = await eventsWithKeyPart(part);
        if (event && event.status !== 'received' && event.status !== 'failed') return event;
        // Thrown, so that a timeout names the state the event was left in.
        throw new Error(
          `${event?.status ?? 'not stored'} after ${event?.attempts ?? 0} attempts: ${event?.lastError}`,
        );
      },
      { timeoutMs: 15_000 },
    );

  beforeAll(async () => {
    // A Redis of our own, so the test can take it away without disturbing anything else.
    redis = await DisposableRedis.start();
    // And a database of its own: another test file's worker sweeping for lost jobs would find the
    // webhooks this file ages on purpose, miss their jobs in its own Redis, and take them over.
    const database = await createTestDatabase('ingestion');
    dropDatabase = database.drop;
    const config = testConfig({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      LIVECHAT_WEBHOOK_SECRETS: `old-rotated-secret,${LIVECHAT_SECRET}`,
      RINGCENTRAL_VERIFICATION_TOKEN: RINGCENTRAL_TOKEN,
      BODY_LIMIT_BYTES: '65536',
    });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
    admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
    worker = await startTestWorker(config);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.stop();
    await dropDatabase?.();
  });

  describe('LiveChat', () => {
    it('stores a verified webhook, answers 200, redacts the secret, and processes it', async () => {
      const chatId = newChatId();
      const result = await api.http.post('/webhooks/livechat', incomingEvent(chatId));
      expect(result.status).toBe(200);
      const event = await settled(chatId);
      expect(event).toMatchObject({ vendor: 'livechat', type: 'incoming_event', attempts: 1 });
      const detail = await admin.get<WebhookEventDetail>(`/api/webhook-events/${event.id}`);
      expect(detail.body.rawBody).toContain('Can you check order #4411?');
      expect(detail.body.rawBody).not.toContain(LIVECHAT_SECRET);
    });

    it('acknowledges redeliveries and other registrations of the same event without a second row', async () => {
      const chatId = newChatId();
      const deliveries = [
        incomingEvent(chatId),
        incomingEvent(chatId),
        incomingEvent(chatId, { webhookId: 'a-second-registration-of-the-action' }),
      ];
      for (const delivery of deliveries)
        expect((await api.http.post('/webhooks/livechat', delivery)).status).toBe(200);
      await settled(chatId);
      expect(await eventsWithKeyPart(chatId)).toHaveLength(1);
    });

    it('stores a burst of concurrent deliveries, each event once, all through the group-commit writer', async () => {
      const statementSize = async () => {
        const exposition = (await admin.get('/metrics')).text;
        const sample = (name: string) =>
          Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(exposition)?.[1] ?? Number.NaN);
        return {
          webhooks: sample('ccp_webhook_inbox_statement_size_sum'),
          statements: sample('ccp_webhook_inbox_statement_size_count'),
        };
      };
      const before = await statementSize();
      const chatIds = Array.from({ length: 20 }, newChatId);
      // Every event twice, all at once: duplicates can land in one statement.
      const deliveries = chatIds.flatMap((chatId) => {
        const body = incomingEvent(chatId);
        return [body, body];
      });
      const answers = await Promise.all(deliveries.map((body) => api.http.post('/webhooks/livechat', body)));
      expect(answers.map((answer) => answer.status)).toEqual(deliveries.map(() => 200));

      const after = await statementSize();
      // How many shared a statement depends on timing; that they share one is shown by inbox-writer.int-spec.
      expect(after.webhooks - before.webhooks).toBe(deliveries.length);
      expect(after.statements - before.statements).toBeLessThanOrEqual(deliveries.length);
      for (const chatId of chatIds) {
        await settled(chatId);
        expect(await eventsWithKeyPart(chatId)).toHaveLength(1);
      }
    });

    it('accepts the per-action URL and API v3.3 (license_id)', async () => {
      const chatId = newChatId();
      const v33 = incomingEvent(chatId, { version: '3.3' });
      expect((await api.http.post('/webhooks/livechat/incoming_event', v33)).status).toBe(200);
      await settled(chatId);
    });

    it('rejects a wrong or missing secret with 401 and stores nothing', async () => {
      const chatId = newChatId();
      const wrong = await api.http.post<ApiError>(
        '/webhooks/livechat',
        incomingEvent(chatId, { secretKey: 'nope' }),
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('WEBHOOK_UNAUTHORIZED');
      const missing = await api.http.post<ApiError>('/webhooks/livechat', {
        ...incomingEvent(chatId),
        secret_key: undefined,
      });
      expect(missing.status).toBe(401);
      expect(await eventsWithKeyPart(chatId)).toHaveLength(0);
    });

    it('answers a verified body that is not an envelope with 400 INVALID_WEBHOOK and keeps it', async () => {
      const marker = newChatId();
      const result = await api.http.post<ApiError>('/webhooks/livechat', {
        secret_key: LIVECHAT_SECRET,
        action: 'incoming_event',
        payload: 'not-an-object',
        marker,
      });
      expect(result.status).toBe(400);
      expect(result.body.code).toBe('INVALID_WEBHOOK');
      const invalid = (await admin.get<Page<WebhookEvent>>('/api/webhook-events?status=invalid&limit=200'))
        .body.items;
      const details = await Promise.all(
        invalid.map((event) => admin.get<WebhookEventDetail>(`/api/webhook-events/${event.id}`)),
      );
      expect(details.some((detail) => detail.body.rawBody.includes(marker))).toBe(true);
    });

    it('keeps text with NUL characters, which PostgreSQL cannot store, and refuses such an action name', async () => {
      const chatId = newChatId();
      // A thread of its own: the other tests' deliveries share the fixture's thread and event ids.
      const threadId = newChatId();
      const withNul = incomingEventBody(
        {
          chat_id: chatId,
          thread_id: threadId,
          event: messageEvent({ id: `${threadId}_1`, text: 'order\u0000 #4411' }),
        },
        { secretKey: LIVECHAT_SECRET },
      );
      expect((await api.http.post('/webhooks/livechat', withNul)).status).toBe(200);
      expect(await settled(chatId)).toMatchObject({ status: 'processed' });
      const [conversation] = (await admin.get<Page<Conversation>>(`/api/conversations?q=${chatId}`)).body
        .items;
      const messages = await admin.get<Page<Message>>(`/api/conversations/${conversation?.id}/messages`);
      expect(messages.status, JSON.stringify(messages.body)).toBe(200);
      expect(messages.body.items.map((message) => message.text)).toContain('order #4411');

      const badAction = await api.http.post<ApiError>('/webhooks/livechat', {
        ...incomingEvent(newChatId()),
        action: 'incoming_event\u0000',
      });
      expect(badAction.status).toBe(400);
      expect(badAction.body.code).toBe('INVALID_WEBHOOK');
    });

    it('stores a valid action the platform does not act on as ignored', async () => {
      const result = await api.http.post('/webhooks/livechat', {
        webhook_id: 'x',
        secret_key: LIVECHAT_SECRET,
        action: 'events_marked_as_seen',
        organization_id: ORGANIZATION_ID,
        payload: {
          user_id: 'smith@example.com',
          chat_id: newChatId(),
          seen_up_to: '2025-05-12T11:43:05.877000Z',
        },
        additional_data: {},
      });
      expect(result.status).toBe(200);
      const [event] = await eventsOfType('events_marked_as_seen');
      expect(event?.status).toBe('ignored');
    });

    it('answers malformed JSON with 400 INVALID_JSON and an oversized body with 413', async () => {
      const malformed = await api.http.request<ApiError>('POST', '/webhooks/livechat', {
        rawBody: '{"action":',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('INVALID_JSON');
      const huge = incomingEventBody(
        { chat_id: newChatId(), event: messageEvent({ text: 'x'.repeat(70_000) }) },
        { secretKey: LIVECHAT_SECRET },
      );
      const oversized = await api.http.post<ApiError>('/webhooks/livechat', huge);
      expect(oversized.status).toBe(413);
    });
  });

  describe('RingCentral', () => {
    it('answers the subscription handshake with the Validation-Token echoed, small and empty', async () => {
      const result = await api.http.request('POST', '/webhooks/ringcentral', {
        rawBody: '',
        headers: { 'validation-token': 'abc-123-handshake' },
      });
      expect(result.status).toBe(200);
      expect(result.headers.get('validation-token')).toBe('abc-123-handshake');
      expect(result.text.length).toBeLessThan(64);
    });

    it('requires the Verification-Token on notifications', async () => {
      const session = `s-${randomBytes(16).toString('hex')}`;
      const missing = await api.http.post<ApiError>('/webhooks/ringcentral', sessionNotification(session, 2));
      expect(missing.status).toBe(401);
      expect(missing.body.code).toBe('WEBHOOK_UNAUTHORIZED');
      const wrong = await api.http.request('POST', '/webhooks/ringcentral', {
        json: sessionNotification(session, 2),
        headers: { 'verification-token': 'wrong-token' },
      });
      expect(wrong.status).toBe(401);
      expect(await eventsWithKeyPart(session)).toHaveLength(0);
    });

    it('stores telephony notifications once per session sequence, on every route', async () => {
      const session = `s-${randomBytes(16).toString('hex')}`;
      const headers = { 'verification-token': RINGCENTRAL_TOKEN };
      for (const path of ['/webhooks/ringcentral', '/webhooks/ringcentral/telephony-session']) {
        // Same session and sequence, different uuid: the same state change delivered twice.
        const result = await api.http.request('POST', path, {
          json: sessionNotification(session, 4),
          headers,
        });
        expect(result.status).toBe(200);
      }
      await api.http.request('POST', '/webhooks/ringcentral/call-log', {
        json: sessionNotification(session, 5),
        headers,
      });
      await waitFor('both sequences to be processed', async () => {
        const events = await eventsWithKeyPart(session);
        return events.length === 2 && events.every((event) => event.status !== 'received');
      });
    });

    it('keeps a status code it does not know and a sequence past the 32-bit range', async () => {
      const session = `s-${randomBytes(16).toString('hex')}`;
      const status = { code: 'VoiceMailScenarioRedirectedToExternalMailbox', reason: 'Redirected' };
      const notification = telephonyNotification({
        envelope: { uuid: randomBytes(8).toString('hex') },
        body: { telephonySessionId: session, sequence: 3_000_000_000 },
        parties: [agentParty({ id: `p-${session}-2`, status })],
      });
      const result = await api.http.request('POST', '/webhooks/ringcentral', {
        json: notification,
        headers: { 'verification-token': RINGCENTRAL_TOKEN },
      });
      expect(result.status).toBe(200);
      expect(await settled(session)).toMatchObject({ status: 'processed', attempts: 1 });
      const [call] = (await admin.get<Page<Conversation>>(`/api/conversations?q=${session}`)).body.items;
      const detail = (await admin.get<ConversationDetail>(`/api/conversations/${call?.id}`)).body;
      expect(detail.timeline).toEqual([
        expect.objectContaining({ sequence: 3_000_000_000, status: status.code, reason: status.reason }),
      ]);
      expect(detail.parties).toEqual([expect.objectContaining({ status: status.code })]);
    });

    it('marks an event dead at its first attempt when the database refuses its data', async () => {
      const session = `s-${randomBytes(16).toString('hex')}`;
      const headers = { 'verification-token': RINGCENTRAL_TOKEN };
      const legAt = (sequence: number, eventTime: string, code: string) =>
        telephonyNotification({
          envelope: { uuid: randomBytes(8).toString('hex') },
          body: { telephonySessionId: session, sequence, eventTime },
          parties: [agentParty({ id: `p-${session}-2`, status: { code } })],
        });
      await api.http.request('POST', '/webhooks/ringcentral', {
        json: legAt(1, '2025-05-12T14:05:43.964Z', 'Answered'),
        headers,
      });
      await waitFor('the answered leg to be processed', async () => {
        const events = await eventsWithKeyPart(session);
        return events.length === 1 && events[0]?.status === 'processed';
      });
      // A vendor clock gone wrong: the call would last longer than its integer duration column holds.
      await api.http.request('POST', '/webhooks/ringcentral', {
        json: legAt(2, '9999-12-31T00:00:00.000Z', 'Disconnected'),
        headers,
      });
      const dead = await waitFor('the hang-up to settle', async () => {
        const events = await eventsWithKeyPart(session);
        const hangUp = events.find((event) => event.status !== 'processed');
        return hangUp && hangUp.status !== 'received' ? hangUp : undefined;
      });
      // Without the rule the event would be retried (status failed, then more attempts) until dead.
      expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
      expect(dead.lastError).toMatch(/out of range/);
    });
  });

  describe('operations', () => {
    it('replays a stored event for an admin, and lists sync logs of each processing', async () => {
      const chatId = newChatId();
      await api.http.post('/webhooks/livechat', incomingEvent(chatId));
      const first = await settled(chatId);
      const replay = await admin.post(`/api/webhook-events/${first.id}/replay`);
      expect(replay.status).toBe(202);
      await waitFor('the replay to be processed', async () => {
        const [event] = await eventsWithKeyPart(chatId);
        return event?.attempts === 2 && event.status !== 'received' ? event : undefined;
      });
      const logs = await admin.get<Page<SyncLog>>('/api/sync-logs?operation_type=webhook.process&limit=200');
      expect(logs.status).toBe(200);
      expect(logs.body.items.filter((log) => log.references['webhookEventId'] === first.id)).toHaveLength(2);
    });

    it('keeps replay and the raw body for admins', async () => {
      const supervisor = await loginAs(api.http, 'supervisor@demo.local', DEMO_PASSWORD);
      const [event] = await eventsOfType('incoming_event');
      expect((await supervisor.get('/api/webhook-events')).status).toBe(200);
      expect((await supervisor.get(`/api/webhook-events/${event?.id}`)).status).toBe(403);
      expect((await supervisor.post(`/api/webhook-events/${event?.id}/replay`)).status).toBe(403);
    });
  });

  describe('retention', () => {
    it('trims settled webhooks and sync logs past their retention, and keeps dead and recent ones', async () => {
      const [old, oldDead, recent] = [newChatId(), newChatId(), newChatId()];
      for (const chatId of [old, oldDead, recent]) {
        await api.http.post('/webhooks/livechat', incomingEvent(chatId));
        await settled(chatId);
      }
      const database = api.app.get(DataSource);
      const idOf = async (chatId: string) => (await eventsWithKeyPart(chatId))[0]?.id;
      const [oldId, oldDeadId, recentId] = [await idOf(old), await idOf(oldDead), await idOf(recent)];
      await database.query(
        `UPDATE webhook_events SET received_at = now() - interval '40 days' WHERE id = ANY($1::uuid[])`,
        [[oldId, oldDeadId]],
      );
      await database.query(`UPDATE webhook_events SET status = 'dead' WHERE id = $1`, [oldDeadId]);
      await database.query(
        `UPDATE sync_logs SET created_at = now() - interval '40 days' WHERE "references"->>'webhookEventId' = $1`,
        [oldId],
      );
      const logsOf = async (eventId: string | undefined) =>
        (
          (await database.query(
            `SELECT count(*)::int AS count FROM sync_logs WHERE "references"->>'webhookEventId' = $1`,
            [eventId],
          )) as { count: number }[]
        )[0]?.count;
      expect(await logsOf(oldId)).toBe(1);

      expect((await worker.get(WebhookEventRetentionHandler).trim({ olderThanDays: 30 })).deleted).toBe(1);
      expect(
        (await worker.get(SyncLogRetentionHandler).trim({ olderThanDays: 30 })).deleted,
      ).toBeGreaterThanOrEqual(1);
      const remaining = (
        (await database.query('SELECT id FROM webhook_events WHERE id = ANY($1::uuid[])', [
          [oldId, oldDeadId, recentId],
        ])) as { id: string }[]
      ).map((row) => row.id);
      expect(remaining.sort()).toEqual([oldDeadId, recentId].sort());
      expect(await logsOf(oldId)).toBe(0);
      expect(await logsOf(recentId)).toBe(1);
    });
  });

  describe('while Redis is down', () => {
    it('still acknowledges webhooks, and processes them once Redis is back', async () => {
      const chatIds = [newChatId(), newChatId()];
      await redis.stop();
      for (const chatId of chatIds) {
        const result = await api.http.post('/webhooks/livechat', incomingEvent(chatId));
        expect(result.status).toBe(200);
      }
      const stored = await eventsWithKeyPart(chatIds[0] as string);
      expect(stored[0]?.status).toBe('received');

      await redis.start();
      for (const chatId of chatIds)
        await waitFor(`${chatId} after Redis returned`, () => settled(chatId), { timeoutMs: 20_000 });
    });

    it('schedules its sweeps again once Redis restarted empty', async () => {
      const scheduled = [
        'maintenance.trim-event-log',
        'maintenance.trim-webhook-events',
        'maintenance.trim-sync-logs',
        'calls.sweep-call-log-fetches',
        'calls.sweep-silent-calls',
        'presence.sweep-overdue-wrap-ups',
        'presence.sweep-unsent-pushes',
      ];
      const maintenance = api.app.get(JobQueue).queue('maintenance');
      await redis.stop();
      await redis.start();
      // Until the queue has reconnected, asking throws.
      const before = await waitFor('the queue to reconnect', async () => ({
        scheduler: await maintenance.getJobScheduler('presence.sweep-overdue-wrap-ups'),
      }));
      expect(before.scheduler).toBeUndefined();

      const workers = worker.get(QueueWorkers);
      const restored = await waitFor('the worker to reach Redis', () => workers.restoreMissingSchedules());
      expect(restored.sort()).toEqual([...scheduled].sort());
      for (const name of scheduled) expect(await maintenance.getJobScheduler(name)).toBeDefined();
      expect(await workers.restoreMissingSchedules()).toEqual([]);
    });

    it('processes every webhook whose queued job or pending retry Redis lost, and only those', async () => {
      const database = api.app.get(DataSource);
      const idsOf = async (chatIds: string[]) =>
        (
          (await database.query('SELECT id FROM webhook_events WHERE event_key LIKE ANY($1::text[])', [
            chatIds.map((chatId) => `%${chatId}%`),
          ])) as { id: string }[]
        ).map((row) => row.id);
      // As it was before a restart that emptied Redis: these had been relayed to the queue minutes
      // ago (no outbox rows), and one had failed once and was waiting for its retry. More than one
      // page of the sweep, which must find them all at once.
      const lostChats = Array.from({ length: 230 }, () => newChatId());
      await redis.stop();
      for (const chatId of lostChats)
        expect((await api.http.post('/webhooks/livechat', incomingEvent(chatId))).status).toBe(200);
      const lost = await idsOf(lostChats);
      expect(lost).toHaveLength(lostChats.length);
      await database.query('DELETE FROM webhook_outbox WHERE webhook_event_id = ANY($1::uuid[])', [lost]);
      await database.query(
        `UPDATE webhook_events SET received_at = now() - interval '10 minutes' WHERE id = ANY($1::uuid[])`,
        [lost],
      );
      await database.query(
        `UPDATE webhook_events SET status = 'failed', attempts = 1, last_error = 'deadlock detected' WHERE id = $1`,
        [lost[0]],
      );
      await redis.start();

      // Waiting behind a backlog as long, but its job is still in Redis: not lost.
      const webhooks = api.app.get(JobQueue).queue('webhooks');
      await waitFor('the queue to reconnect', () => webhooks.pause().then(() => true));
      try {
        const waitingChat = newChatId();
        expect((await api.http.post('/webhooks/livechat', incomingEvent(waitingChat))).status).toBe(200);
        const waiting = await idsOf([waitingChat]);
        await database.query('DELETE FROM webhook_outbox WHERE webhook_event_id = ANY($1::uuid[])', [
          waiting,
        ]);
        await database.query(
          `UPDATE webhook_events SET received_at = now() - interval '10 minutes' WHERE id = ANY($1::uuid[])`,
          [waiting],
        );

        const relay = worker.get(OutboxRelay);
        expect(await waitFor('the worker to reach Redis', () => relay.restoreLostJobs())).toBe(lost.length);
        const [requeued] = (await database.query(
          'SELECT count(*)::int AS count FROM webhook_outbox WHERE webhook_event_id = ANY($1::uuid[])',
          [waiting],
        )) as { count: number }[];
        expect(requeued?.count).toBe(0);
        lost.push(...waiting);
      } finally {
        await webhooks.resume();
      }

      await waitFor(
        'every restored webhook and the waiting one to be processed',
        async () => {
          const [pending] = (await database.query(
            `SELECT count(*)::int AS count FROM webhook_events WHERE id = ANY($1::uuid[]) AND status <> 'processed'`,
            [lost],
          )) as { count: number }[];
          return pending?.count === 0;
        },
        { timeoutMs: 30_000 },
      );
    });
  });
});
