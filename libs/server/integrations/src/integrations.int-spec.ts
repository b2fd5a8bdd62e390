import type { LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { SyncLog } from '@ccp/contracts';
import { PlatformCoreModule, SyncLogsRepository } from '@ccp/server-platform';
import {
  ACCOUNT_ID,
  fakeCallLogRecord,
  startFakeVendors,
  testConfig,
  type FakeVendors,
} from '@ccp/server-testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationsModule } from './integrations.module';
import { LiveChatClient } from './livechat/livechat.client';
import { OutboundHttpPolicy } from './outbound/outbound-http.policy';
import { OutboundCallError } from './outbound/outbound-result';
import { RingCentralClient } from './ringcentral/ringcentral.client';

/** Short waits keep the retry tests fast; the behaviour is the production one. */
const QUICK_POLICY = Object.assign(new OutboundHttpPolicy(), {
  timeoutMs: 750,
  maxAttempts: 3,
  baseDelayMs: 20,
  maxDelayMs: 2_000,
});

class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown): void {
    this.log(message);
  }
  warn(message: unknown): void {
    this.log(message);
  }
  debug(message: unknown): void {
    this.log(message);
  }
  verbose(message: unknown): void {
    this.log(message);
  }
}

interface Clients {
  ringcentral: RingCentralClient;
  livechat: LiveChatClient;
  syncLogs: SyncLogsRepository;
  logs: RecordingLogger;
  close: () => Promise<void>;
}

/** The integrations module as the api and worker run it: on the platform core, with PostgreSQL. */
async function startClients(environment: Record<string, string>): Promise<Clients> {
  const logs = new RecordingLogger();
  const context = await Test.createTestingModule({
    imports: [PlatformCoreModule.forRoot(testConfig(environment)), IntegrationsModule],
  })
    .overrideProvider(OutboundHttpPolicy)
    .useValue(QUICK_POLICY)
    .setLogger(logs)
    .compile();
  await context.init();
  return {
    ringcentral: context.get(RingCentralClient),
    livechat: context.get(LiveChatClient),
    syncLogs: context.get(SyncLogsRepository),
    logs,
    close: () => context.close(),
  };
}

const renewPath = (subscriptionId: string) => `/restapi/v1.0/subscription/${subscriptionId}/renew`;
const TOKEN_PATH = '/restapi/oauth/token';
const CALL_LOG_PATH = /\/call-log$/;
const newSessionId = () => `s-${randomBytes(16).toString('hex')}`;

describe('outbound vendor clients against the fake vendors', () => {
  let fake: FakeVendors;
  let clients: Clients;

  const syncLogsOf = async (operationType: string, key: string, value: string): Promise<SyncLog[]> =>
    (await clients.syncLogs.list({ operationType, limit: 500, offset: 0 })).items.filter(
      (log) => log.references[key] === value,
    );

  /** Every credential the platform was given or obtained, as it would appear in a header. */
  const secrets = () => [
    ...Object.values(fake.credentials),
    ...fake.requests.flatMap((request) => (request.headers.authorization ?? '').split(' ').slice(1)),
  ];

  const expectNoSecretIn = (texts: (string | null)[]) => {
    const joined = texts.join('\n');
    for (const secret of secrets()) expect(joined).not.toContain(secret);
  };

  beforeEach(async () => {
    fake = await startFakeVendors();
    clients = await startClients(fake.environment);
  });

  afterEach(async () => {
    await clients?.close();
    await fake?.close();
  });

  describe('RingCentral', () => {
    it('authorizes with the JWT-bearer grant and reuses the token while it is fresh', async () => {
      const { id } = fake.ringcentral.addSubscription();
      await clients.ringcentral.renewSubscription(id);
      await clients.ringcentral.renewSubscription(id);

      const [grant, ...moreGrants] = fake.requestsTo(TOKEN_PATH);
      expect(moreGrants).toHaveLength(0);
      expect(grant?.body).toEqual({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: fake.credentials.ringcentralJwt,
      });
      const basic = Buffer.from(
        `${fake.credentials.ringcentralClientId}:${fake.credentials.ringcentralClientSecret}`,
      ).toString('base64');
      expect(grant?.headers.authorization).toBe(`Basic ${basic}`);
      expect(fake.requestsTo(renewPath(id)).map((request) => request.headers.authorization)).toEqual([
        expect.stringMatching(/^Bearer fake-rc-access-/),
        expect.stringMatching(/^Bearer fake-rc-access-/),
      ]);
    });

    it('asks for a new token when the cached one is about to expire', async () => {
      fake.ringcentral.tokenExpiresInSeconds = 30;
      const { id } = fake.ringcentral.addSubscription();
      await clients.ringcentral.renewSubscription(id);
      await clients.ringcentral.renewSubscription(id);
      expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2);
    });

    it('gets one fresh token when RingCentral rejects the cached one, and retries once', async () => {
      const { id } = fake.ringcentral.addSubscription();
      await clients.ringcentral.renewSubscription(id);
      fake.ringcentral.revokeAccessTokens();

      const result = await clients.ringcentral.renewSubscription(id);
      expect(result.outcome).toBe('success');
      expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2);
      expect(fake.requestsTo(renewPath(id))).toHaveLength(3);
      expect(fake.ringcentral.subscription(id)?.renewals).toBe(2);
    });

    it('fails without retrying further when even the fresh token is refused', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.failNext(renewPath(id), { status: 401, times: 2 });
      const failure = clients.ringcentral.renewSubscription(id);
      await expect(failure).rejects.toBeInstanceOf(OutboundCallError);
      await expect(failure).rejects.toMatchObject({ status: 401, retryable: false });
      expect(fake.requestsTo(renewPath(id))).toHaveLength(2);
      expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2);
    });

    it('fails for good when the token grant refuses the app credentials', async () => {
      await clients.close();
      clients = await startClients({ ...fake.environment, RINGCENTRAL_CLIENT_SECRET: 'not-the-secret' });
      const { id } = fake.ringcentral.addSubscription();
      await expect(clients.ringcentral.renewSubscription(id)).rejects.toMatchObject({
        status: 401,
        retryable: false,
      });
      expect(fake.requestsTo(renewPath(id))).toHaveLength(0);
      const [log] = await syncLogsOf('ringcentral.subscription_renew', 'subscriptionId', id);
      expect(log).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('/restapi/oauth/token answered 401'),
      });
      expectNoSecretIn([log?.error ?? null, ...clients.logs.lines]);
      expect([log?.error, ...clients.logs.lines].join('\n')).not.toContain('not-the-secret');
    });

    it('renews a subscription and records one success with its id', async () => {
      const { id } = fake.ringcentral.addSubscription();
      const result = await clients.ringcentral.renewSubscription(id);
      expect(result).toEqual({
        outcome: 'success',
        value: { expirationTime: fake.ringcentral.subscription(id)?.expirationTime },
      });
      expect(fake.ringcentral.subscription(id)?.renewals).toBe(1);
      const logs = await syncLogsOf('ringcentral.subscription_renew', 'subscriptionId', id);
      expect(logs).toEqual([
        expect.objectContaining({ status: 'success', error: null, durationMs: expect.any(Number) }),
      ]);
    });

    it('reports an unknown subscription as a failure not worth retrying', async () => {
      const unknown = randomUUID();
      await expect(clients.ringcentral.renewSubscription(unknown)).rejects.toMatchObject({
        status: 404,
        retryable: false,
        message: expect.stringContaining('CMN-102'),
      });
      expect(fake.requestsTo(renewPath(unknown))).toHaveLength(1);
    });

    it('sets an extension presence', async () => {
      const extensionId = String(62_000_000_000 + Math.floor(Math.random() * 1_000_000));
      const result = await clients.ringcentral.setPresence(extensionId, {
        userStatus: 'Busy',
        dndStatus: 'DoNotAcceptAnyCalls',
      });
      expect(result).toEqual({ outcome: 'success', value: undefined });
      const [request] = fake.requestsTo(`/restapi/v1.0/account/~/extension/${extensionId}/presence`);
      expect(request).toMatchObject({
        method: 'PUT',
        body: { userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' },
        headers: { 'content-type': 'application/json' },
      });
      expect(fake.ringcentral.presenceOf(extensionId)).toMatchObject({
        userStatus: 'Busy',
        presenceStatus: 'Busy',
      });
      expect(await syncLogsOf('ringcentral.set_presence', 'extensionId', extensionId)).toEqual([
        expect.objectContaining({ status: 'success' }),
      ]);
    });

    it('finds a call-log record by telephony session, reading from a minute before the call and following pages', async () => {
      const startedAt = new Date(Date.now() - 10 * 60_000);
      const telephonySessionId = newSessionId();
      const target = fakeCallLogRecord({
        telephonySessionId,
        startTime: new Date(startedAt.getTime() + 1_000).toISOString(),
        recording: {
          uri: `https://platform.ringcentral.com/restapi/v1.0/account/${ACCOUNT_ID}/recording/1662272004`,
          id: '1662272004',
          type: 'OnDemand',
          contentUri: `https://media.ringcentral.com/restapi/v1.0/account/${ACCOUNT_ID}/recording/1662272004/content`,
        },
      });
      fake.ringcentral.addCallLogRecord(target);
      // 260 calls after it: newest first, the record sits on the second page of 250.
      for (let index = 0; index < 260; index += 1) {
        const startTime = new Date(startedAt.getTime() + 60_000 + index * 1_000).toISOString();
        fake.ringcentral.addCallLogRecord(
          fakeCallLogRecord({ telephonySessionId: newSessionId(), startTime }),
        );
      }

      const result = await clients.ringcentral.findCallLogRecord(telephonySessionId, { startedAt });
      expect(result).toEqual({
        outcome: 'success',
        value: {
          id: target.id,
          sessionId: target['sessionId'],
          telephonySessionId,
          startTime: target.startTime,
          duration: 55,
          direction: 'Inbound',
          action: 'Phone Call',
          result: 'Accepted',
          to: { phoneNumber: '+18003151571', name: 'Support Agent 1' },
          from: { phoneNumber: '+14083388064', name: 'SAN JOSE CA', location: 'San Jose, CA' },
          recording: {
            id: '1662272004',
            type: 'OnDemand',
            contentUri: `https://media.ringcentral.com/restapi/v1.0/account/${ACCOUNT_ID}/recording/1662272004/content`,
          },
        },
      });
      const [first, second, ...more] = fake.requestsTo(CALL_LOG_PATH);
      expect(more).toHaveLength(0);
      expect(first?.path).toBe('/restapi/v1.0/account/~/call-log');
      expect(first?.query).toEqual({
        view: 'Detailed',
        dateFrom: new Date(startedAt.getTime() - 60_000).toISOString(),
        perPage: '250',
      });
      expect(second?.path).toBe(`/restapi/v1.0/account/${ACCOUNT_ID}/call-log`);
      expect(second?.query).toMatchObject({ page: '2', perPage: '250' });
      expect(await syncLogsOf('ringcentral.call_log', 'telephonySessionId', telephonySessionId)).toEqual([
        expect.objectContaining({ status: 'success' }),
      ]);
    });

    it('answers null while the call log does not have the record yet', async () => {
      const telephonySessionId = newSessionId();
      const result = await clients.ringcentral.findCallLogRecord(telephonySessionId, {
        startedAt: new Date(),
      });
      expect(result).toEqual({ outcome: 'success', value: null });
      expect(fake.requestsTo(CALL_LOG_PATH)).toHaveLength(1);
    });

    it('waits as long as a 429 Retry-After asks, then succeeds', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.failNext(renewPath(id), { status: 429, retryAfterSeconds: 1 });
      const result = await clients.ringcentral.renewSubscription(id);
      expect(result.outcome).toBe('success');
      const [limited, retried] = fake.requestsTo(renewPath(id));
      expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(990);
      expect(await syncLogsOf('ringcentral.subscription_renew', 'subscriptionId', id)).toEqual([
        expect.objectContaining({ status: 'success' }),
      ]);
    });

    it('leaves a Retry-After longer than a call waits to the job, without waiting', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.failNext(renewPath(id), { status: 429, retryAfterSeconds: 60 });
      await expect(clients.ringcentral.renewSubscription(id)).rejects.toMatchObject({
        status: 429,
        retryable: true,
      });
      expect(fake.requestsTo(renewPath(id))).toHaveLength(1);
    });

    it('retries 5xx answers and succeeds when the vendor recovers', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.failNext(renewPath(id), { status: 502, times: 2 });
      expect((await clients.ringcentral.renewSubscription(id)).outcome).toBe('success');
      expect(fake.requestsTo(renewPath(id))).toHaveLength(3);
      expect(await syncLogsOf('ringcentral.subscription_renew', 'subscriptionId', id)).toHaveLength(1);
    });

    it('throws a retryable OutboundCallError after the last attempt fails with 5xx, and records it once', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.failNext(renewPath(id), { status: 503, times: 3 });
      await expect(clients.ringcentral.renewSubscription(id)).rejects.toMatchObject({
        name: 'OutboundCallError',
        status: 503,
        retryable: true,
      });
      expect(fake.requestsTo(renewPath(id))).toHaveLength(3);
      const logs = await syncLogsOf('ringcentral.subscription_renew', 'subscriptionId', id);
      expect(logs).toEqual([
        expect.objectContaining({ status: 'failed', error: expect.stringContaining('answered 503') }),
      ]);
      expect(clients.logs.lines.filter((line) => line.includes('answered 503'))).toHaveLength(2);
      expectNoSecretIn([...logs.map((log) => log.error), ...clients.logs.lines]);
    });

    it('gives up on an attempt that gets no answer in time and tries again', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.stallNext(renewPath(id));
      expect((await clients.ringcentral.renewSubscription(id)).outcome).toBe('success');
      expect(fake.requestsTo(renewPath(id))).toHaveLength(2);
    });

    it('fails as retryable, without a status, when no attempt gets an answer', async () => {
      const { id } = fake.ringcentral.addSubscription();
      fake.stallNext(renewPath(id), { times: 3 });
      const failure = clients.ringcentral.renewSubscription(id);
      await expect(failure).rejects.toMatchObject({
        retryable: true,
        message: expect.stringContaining('got no answer within 750 ms'),
      });
      await expect(failure).rejects.not.toHaveProperty('status', expect.any(Number));
      expect(fake.requestsTo(renewPath(id))).toHaveLength(3);
    });
  });

  describe('LiveChat', () => {
    it('sets an agent routing status with the personal access token as Basic credentials', async () => {
      const agentId = `agent-${randomBytes(4).toString('hex')}@example.com`;
      const result = await clients.livechat.setRoutingStatus(agentId, 'not_accepting_chats');
      expect(result).toEqual({ outcome: 'success', value: undefined });
      const [request] = fake.requestsTo('/v3.5/agent/action/set_routing_status');
      expect(request).toMatchObject({
        method: 'POST',
        body: { status: 'not_accepting_chats', agent_id: agentId },
        headers: {
          authorization: `Basic ${Buffer.from(fake.credentials.livechatAccessToken).toString('base64')}`,
        },
      });
      expect(fake.livechat.routingStatusOf(agentId)).toBe('not_accepting_chats');
      expect(await syncLogsOf('livechat.set_routing_status', 'agentId', agentId)).toEqual([
        expect.objectContaining({ status: 'success' }),
      ]);
    });

    it('records a refused token as a failure not worth retrying, without the token', async () => {
      await clients.close();
      clients = await startClients({ ...fake.environment, LIVECHAT_ACCESS_TOKEN: 'other-account:wrong-pat' });
      const agentId = `agent-${randomBytes(4).toString('hex')}@example.com`;
      await expect(clients.livechat.setRoutingStatus(agentId, 'accepting_chats')).rejects.toMatchObject({
        status: 401,
        retryable: false,
      });
      const logs = await syncLogsOf('livechat.set_routing_status', 'agentId', agentId);
      expect(logs).toEqual([expect.objectContaining({ status: 'failed' })]);
      expect(logs[0]?.error).not.toContain('wrong-pat');
      expect(clients.logs.lines.join('\n')).not.toContain('wrong-pat');
    });
  });

  describe('without credentials', () => {
    it('skips every call, contacts no vendor, and records each as skipped with the reason', async () => {
      await clients.close();
      clients = await startClients({ RINGCENTRAL_SERVER_URL: fake.url, LIVECHAT_API_URL: fake.url });
      const subscriptionId = randomUUID();
      const extensionId = randomBytes(4).toString('hex');
      const telephonySessionId = newSessionId();
      const agentId = `agent-${randomBytes(4).toString('hex')}@example.com`;

      const results = [
        await clients.ringcentral.renewSubscription(subscriptionId),
        await clients.ringcentral.setPresence(extensionId, { userStatus: 'Available' }),
        await clients.ringcentral.findCallLogRecord(telephonySessionId, { startedAt: new Date() }),
        await clients.livechat.setRoutingStatus(agentId, 'offline'),
      ];
      expect(results.map((result) => result.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
      expect(fake.requests).toHaveLength(0);
      const logs = [
        ...(await syncLogsOf('ringcentral.subscription_renew', 'subscriptionId', subscriptionId)),
        ...(await syncLogsOf('ringcentral.set_presence', 'extensionId', extensionId)),
        ...(await syncLogsOf('ringcentral.call_log', 'telephonySessionId', telephonySessionId)),
        ...(await syncLogsOf('livechat.set_routing_status', 'agentId', agentId)),
      ];
      expect(logs.map((log) => log.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
      expect(logs[0]?.error).toContain('RINGCENTRAL_JWT');
      expect(logs[3]?.error).toContain('LIVECHAT_ACCESS_TOKEN');
    });
  });
});
