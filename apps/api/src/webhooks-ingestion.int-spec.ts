import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ApiError, Page, SyncLog, WebhookEvent, WebhookEventDetail } from '@ccp/contracts';
import { DemoUsersSeeder, WorkerPlatformModule } from '@ccp/server-platform';
import { WebhooksWorkerModule } from '@ccp/server-webhooks';
import {
  DEMO_PASSWORD,
  DisposableRedis,
  loginAs,
  startTestApi,
  testConfig,
  waitFor,
  type HttpClient,
  type RunningApi,
} from '@ccp/server-testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const LIVECHAT_SECRET = 'livechat-secret-for-tests';
const RINGCENTRAL_TOKEN = 'ringcentral-token-for-tests';

/** A LiveChat v3.6 `incoming_event` as the vendor doc shows it, with a fresh chat id per test. */
function incomingEvent(chatId: string, overrides: Record<string, unknown> = {}) {
  return {
    webhook_id: '1188f559c4bae6c4b9a87a1b32d78202',
    secret_key: LIVECHAT_SECRET,
    action: 'incoming_event',
    organization_id: '390e44e6-f1e6-4368-b6dd-74a14508c2ef',
    payload: {
      chat_id: chatId,
      thread_id: 'QA37PVJ75B',
      event: {
        id: 'QA37PVJ75B_3',
        custom_id: '1dnepb4z00t',
        type: 'message',
        text: 'Can you check order #4411?',
        author_id: 'b7eff798-f8df-4364-8059-649c35c9ed0c',
        created_at: '2025-05-12T11:43:05.877000Z',
        visibility: 'all',
      },
    },
    additional_data: {},
    ...overrides,
  };
}

function telephonyNotification(sessionId: string, sequence: number) {
  return {
    uuid: randomBytes(8).toString('hex'),
    event: '/restapi/v1.0/account/809646016/extension/62242421016/telephony/sessions',
    timestamp: '2025-05-12T14:05:44.017Z',
    subscriptionId: '5c37f936-fa66-4b4b-95af-1e94b51a748d',
    ownerId: '809646016',
    body: {
      sequence,
      sessionId: '429180487016',
      telephonySessionId: sessionId,
      serverId: '10.13.22.27.TAM',
      eventTime: '2025-05-12T14:05:43.964Z',
      origin: { type: 'Call' },
      parties: [
        {
          accountId: '809646016',
          extensionId: '62242421016',
          id: `p-${sessionId}-2`,
          direction: 'Inbound',
          to: { phoneNumber: '+18003151571', name: 'Support Agent 1', extensionId: '62242421016' },
          from: { phoneNumber: '+14083388064', name: 'JANE CALLER' },
          status: { code: 'Answered', rcc: false },
          park: {},
          missedCall: false,
          standAlone: false,
          muted: false,
          queueCall: true,
        },
      ],
    },
  };
}

const newChatId = () => `C${randomBytes(5).toString('hex').toUpperCase()}`;

describe('vendor webhooks: verify, store durably, deduplicate, process', () => {
  let redis: DisposableRedis;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let admin: HttpClient;

  const eventsOfType = async (type: string) =>
    (await admin.get<Page<WebhookEvent>>(`/api/webhook-events?type=${type}&limit=200`)).body.items;
  const eventsWithKeyPart = async (part: string) =>
    (await admin.get<Page<WebhookEvent>>('/api/webhook-events?limit=200')).body.items.filter((event) =>
      event.eventKey.includes(part),
    );
  const settled = (part: string) =>
    waitFor(`the webhook ${part} to be processed`, async () => {
      const [event] = await eventsWithKeyPart(part);
      return event && event.status !== 'received' && event.status !== 'failed' ? event : undefined;
    });

  beforeAll(async () => {
    // A Redis of our own, so the test can take it away without disturbing anything else.
    redis = await DisposableRedis.start();
    const config = testConfig({
      REDIS_URL: redis.url,
      LIVECHAT_WEBHOOK_SECRETS: `old-rotated-secret,${LIVECHAT_SECRET}`,
      RINGCENTRAL_VERIFICATION_TOKEN: RINGCENTRAL_TOKEN,
      BODY_LIMIT_BYTES: '65536',
    });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
    admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
    // The worker process's module graph (apps/worker composes exactly these).
    class TestWorker {}
    worker = await NestFactory.createApplicationContext(
      { module: TestWorker, imports: [WorkerPlatformModule.forRoot(config), WebhooksWorkerModule] },
      { logger: false },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.stop();
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
        incomingEvent(chatId, { webhook_id: 'a-second-registration-of-the-action' }),
      ];
      for (const delivery of deliveries)
        expect((await api.http.post('/webhooks/livechat', delivery)).status).toBe(200);
      await settled(chatId);
      expect(await eventsWithKeyPart(chatId)).toHaveLength(1);
    });

    it('accepts the per-action URL and API v3.3 (license_id)', async () => {
      const chatId = newChatId();
      const v33 = incomingEvent(chatId, { organization_id: undefined, license_id: 104130623 });
      expect((await api.http.post('/webhooks/livechat/incoming_event', v33)).status).toBe(200);
      await settled(chatId);
    });

    it('rejects a wrong or missing secret with 401 and stores nothing', async () => {
      const chatId = newChatId();
      const wrong = await api.http.post<ApiError>(
        '/webhooks/livechat',
        incomingEvent(chatId, { secret_key: 'nope' }),
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('WEBHOOK_UNAUTHORIZED');
      const missing = await api.http.post<ApiError>(
        '/webhooks/livechat',
        incomingEvent(chatId, { secret_key: undefined }),
      );
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

    it('stores a valid action the platform does not act on as ignored', async () => {
      const result = await api.http.post('/webhooks/livechat', {
        webhook_id: 'x',
        secret_key: LIVECHAT_SECRET,
        action: 'events_marked_as_seen',
        organization_id: '390e44e6-f1e6-4368-b6dd-74a14508c2ef',
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
      const huge = incomingEvent(newChatId());
      (huge.payload.event as { text: string }).text = 'x'.repeat(70_000);
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
      const missing = await api.http.post<ApiError>(
        '/webhooks/ringcentral',
        telephonyNotification(session, 2),
      );
      expect(missing.status).toBe(401);
      expect(missing.body.code).toBe('WEBHOOK_UNAUTHORIZED');
      const wrong = await api.http.request('POST', '/webhooks/ringcentral', {
        json: telephonyNotification(session, 2),
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
          json: telephonyNotification(session, 4),
          headers,
        });
        expect(result.status).toBe(200);
      }
      await api.http.request('POST', '/webhooks/ringcentral/call-log', {
        json: telephonyNotification(session, 5),
        headers,
      });
      await waitFor('both sequences to be processed', async () => {
        const events = await eventsWithKeyPart(session);
        return events.length === 2 && events.every((event) => event.status !== 'received');
      });
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
  });
});
