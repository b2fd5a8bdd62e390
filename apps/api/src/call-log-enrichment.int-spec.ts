import type { INestApplicationContext } from '@nestjs/common';
import type { Conversation, Page, SyncLog } from '@ccp/contracts';
import { DemoUsersSeeder, JobQueue } from '@ccp/server-platform';
import {
  callScenario,
  createTestDatabase,
  DEMO_PASSWORD,
  deliverAll,
  fakeCallLogRecord,
  loginAs,
  startFakeVendors,
  startTestApi,
  startTestWorker,
  testConfig,
  waitFor,
  type FakeVendors,
  type HttpClient,
  type RunningApi,
} from '@ccp/server-testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const secrets = {
  livechatSecret: 'livechat-secret-for-tests',
  ringcentralToken: 'ringcentral-token-for-tests',
};
const RECORDING_URL =
  'https://media.ringcentral.com/restapi/v1.0/account/809646016/recording/1662272004/content';

async function enrichedCall(admin: HttpClient, telephonySessionId: string): Promise<Conversation> {
  return waitFor(
    'the call to carry its call-log result',
    async () => {
      const [found] = (await admin.get<Page<Conversation>>(`/api/conversations?q=${telephonySessionId}`)).body
        .items;
      return found?.call?.result ? found : undefined;
    },
    { timeoutMs: 15_000 },
  );
}

/** The api, a worker and the fake vendors, with the call-log fetch delayed by `fetchDelayMs`. */
interface Product {
  fake: FakeVendors;
  api: RunningApi;
  worker: INestApplicationContext;
  admin: HttpClient;
}

// A database of this file's own: another file's worker sweeping for due call-log fetches would
// take the calls these tests make due, and ask its own fake RingCentral, which has no record of them.
let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => (database = await createTestDatabase('call_log')));
afterAll(() => database?.drop());

async function startProduct(fetchDelayMs: number): Promise<Product> {
  const fake = await startFakeVendors();
  const config = testConfig({
    DATABASE_URL: database.url,
    ...fake.environment,
    LIVECHAT_WEBHOOK_SECRETS: secrets.livechatSecret,
    RINGCENTRAL_VERIFICATION_TOKEN: secrets.ringcentralToken,
    CALL_LOG_FETCH_DELAY_MS: String(fetchDelayMs),
  });
  const api = await startTestApi(ApiModule.forRoot(config), config);
  await api.app.get(DemoUsersSeeder).seedIfEmpty();
  const admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
  return { fake, api, admin, worker: await startTestWorker(config) };
}

async function stopProduct(product: Product | undefined): Promise<void> {
  await product?.worker.close();
  await product?.api.close();
  await product?.fake.close();
}

/** A whole call delivered, once the fake RingCentral call log holds its record. */
async function deliverLoggedCall(
  { fake, api }: Product,
  record: Omit<Parameters<typeof fakeCallLogRecord>[0], 'telephonySessionId' | 'startTime'>,
): Promise<{ telephonySessionId: string }> {
  const call = callScenario({ secrets });
  const { telephonySessionId } = call.ids;
  fake.ringcentral.addCallLogRecord(
    fakeCallLogRecord({ telephonySessionId, startTime: new Date().toISOString(), ...record }),
  );
  const results = await deliverAll(api.baseUrl, call.deliveries);
  expect(results.every((result) => 'status' in result && result.status === 200)).toBe(true);
  return { telephonySessionId };
}

describe('an ended call is completed from the RingCentral call log', () => {
  let product: Product;
  beforeAll(async () => (product = await startProduct(0)));
  afterAll(() => stopProduct(product));

  it('attaches the result and the recording link once the call log has the call', async () => {
    const { fake, admin } = product;
    const { telephonySessionId } = await deliverLoggedCall(product, {
      result: 'Accepted',
      recording: { id: '1662272004', type: 'OnDemand', contentUri: RECORDING_URL },
    });

    const enriched = await enrichedCall(admin, telephonySessionId);
    expect(enriched.call).toMatchObject({ result: 'Accepted', recordingUrl: RECORDING_URL });
    expect(fake.requestsTo('/restapi/v1.0/account/~/call-log').length).toBeGreaterThan(0);
    const logs = (await admin.get<Page<SyncLog>>('/api/sync-logs?operation_type=ringcentral.call_log')).body
      .items;
    expect(logs.map((log) => log.status)).toContain('success');
  });
});

describe('a call-log fetch whose job was lost', () => {
  let product: Product;
  // Long enough that the test, not the delay, decides when the fetch is overdue.
  beforeAll(async () => (product = await startProduct(600_000)));
  afterAll(() => stopProduct(product));

  it('is queued again by the sweep once overdue, and settles', async () => {
    const { api, admin } = product;
    const { telephonySessionId } = await deliverLoggedCall(product, { result: 'Missed' });
    const database = api.app.get(DataSource);
    const dueAt = () =>
      database
        .query<{ id: string; call_log_due_at: Date | null }[]>(
          'SELECT id, call_log_due_at FROM conversations WHERE external_id = $1',
          [telephonySessionId],
        )
        .then((rows) => rows[0]);
    const ended = await waitFor('the call to end with its fetch due', async () => {
      const row = await dueAt();
      return row?.call_log_due_at ? row : undefined;
    });

    // Redis lost the delayed job, and the fetch's time has come. The job is added after the
    // commit that set the due time, so it is removed only once it is there.
    const jobs = api.app.get(JobQueue);
    const jobId = `call-log/${ended.id}`;
    await waitFor('the delayed fetch to be queued', () => jobs.queue('integrations').getJob(jobId));
    await jobs.queue('integrations').remove(jobId);
    expect(await jobs.queue('integrations').getJob(jobId)).toBeUndefined();
    await database.query(
      "UPDATE conversations SET call_log_due_at = now() - interval '2 minutes' WHERE id = $1",
      [ended.id],
    );
    await jobs.add('calls.sweep-call-log-fetches', { graceMs: 60_000 });

    const enriched = await enrichedCall(admin, telephonySessionId);
    expect(enriched.call).toMatchObject({ result: 'Missed' });
    expect((await dueAt())?.call_log_due_at).toBeNull();
  });
});

describe('a call whose final notification was lost', () => {
  let product: Product;
  beforeAll(async () => (product = await startProduct(0)));
  afterAll(() => stopProduct(product));

  /** An hour ago the caller's leg outlasted the agent's by 40 s; RingCentral logged the call. */
  const startAt = new Date(Date.now() - 3_600_000);
  const LOGGED_DURATION_SECONDS = 200;

  /** The call, but for the caller's Disconnected: RingCentral never delivered it. */
  async function deliverCallWithoutItsEnd(): Promise<{ telephonySessionId: string; conversationId: string }> {
    const { api, fake } = product;
    const call = callScenario({ secrets, startAt });
    const { telephonySessionId } = call.ids;
    fake.ringcentral.addCallLogRecord(
      fakeCallLogRecord({
        telephonySessionId,
        startTime: startAt.toISOString(),
        duration: LOGGED_DURATION_SECONDS,
        result: 'Accepted',
      }),
    );
    const isCallersEnd = (delivery: (typeof call.deliveries)[number]) => {
      const parties = (delivery.body as { body?: { parties?: { id: string; status: { code: string } }[] } })
        .body?.parties;
      return (
        parties?.some((party) => party.id.endsWith('-1') && party.status.code === 'Disconnected') ?? false
      );
    };
    const delivered = call.deliveries.filter((delivery) => !isCallersEnd(delivery));
    expect(delivered).toHaveLength(call.deliveries.length - 1);
    const results = await deliverAll(api.baseUrl, delivered);
    expect(results.every((result) => 'status' in result && result.status === 200)).toBe(true);
    const database = api.app.get(DataSource);
    const conversationId = await waitFor('the agent to have left the call', async () => {
      const [row] = (await database.query(
        `SELECT c.id FROM conversations c JOIN call_parties p ON p.conversation_id = c.id
         WHERE c.external_id = $1 AND p.extension_id IS NOT NULL AND p.status = 'Disconnected'`,
        [telephonySessionId],
      )) as { id: string }[];
      return row?.id;
    });
    // Silent since: its time to be looked up has come.
    await database.query(
      "UPDATE conversations SET call_reconcile_due_at = now() - interval '2 minutes' WHERE id = $1",
      [conversationId],
    );
    return { telephonySessionId, conversationId };
  }

  /** The notifications the platform wrote itself to end the call (see RingCentralCallReconciliation). */
  const reconciledEnds = async (telephonySessionId: string) =>
    (
      (await product.api.app
        .get(DataSource)
        .query(
          `SELECT id FROM webhook_events WHERE raw_body LIKE '%"SessionGone"%' AND raw_body LIKE '%' || $1 || '%'`,
          [telephonySessionId],
        )) as unknown[]
    ).length;

  const callOf = async (conversationId: string) =>
    (await product.admin.get<Conversation>(`/api/conversations/${conversationId}`)).body;

  it('is ended once RingCentral no longer has its session, when its call log says, and then completed from the log', async () => {
    const { api, admin } = product;
    const { telephonySessionId, conversationId } = await deliverCallWithoutItsEnd();
    expect((await callOf(conversationId)).status).toBe('active');

    await api.app.get(JobQueue).add('calls.sweep-silent-calls', { graceMs: 60_000 });
    const ended = await waitFor('the call to be ended', async () => {
      const call = await callOf(conversationId);
      return call.status === 'ended' ? call : undefined;
    });
    // Not when the platform found it gone, an hour later.
    expect(ended.endedAt).toBe(new Date(startAt.getTime() + LOGGED_DURATION_SECONDS * 1000).toISOString());
    expect(ended.call?.durationSeconds).toBe(LOGGED_DURATION_SECONDS);
    expect(await reconciledEnds(telephonySessionId)).toBe(1);
    expect((await enrichedCall(admin, telephonySessionId)).call).toMatchObject({ result: 'Accepted' });
    const [row] = (await api.app
      .get(DataSource)
      .query('SELECT call_reconcile_due_at FROM conversations WHERE id = $1', [conversationId])) as {
      call_reconcile_due_at: Date | null;
    }[];
    expect(row?.call_reconcile_due_at).toBeNull();
  });

  it('stays as it is while RingCentral still has the session, and is looked up again later', async () => {
    const { api, fake } = product;
    const { telephonySessionId, conversationId } = await deliverCallWithoutItsEnd();
    fake.ringcentral.startSession(telephonySessionId);
    const lookups = () => fake.requestsTo(`/restapi/v1.0/account/~/telephony/sessions/${telephonySessionId}`);

    await api.app.get(JobQueue).add('calls.sweep-silent-calls', { graceMs: 60_000 });
    await waitFor('RingCentral to be asked', () => lookups().length > 0);
    const dueAgain = await waitFor('the next look-up to be set', async () => {
      const [row] = (await api.app
        .get(DataSource)
        .query('SELECT call_reconcile_due_at FROM conversations WHERE id = $1', [conversationId])) as {
        call_reconcile_due_at: Date | null;
      }[];
      return row?.call_reconcile_due_at && row.call_reconcile_due_at > new Date() ? row : undefined;
    });
    expect(dueAgain.call_reconcile_due_at).not.toBeNull();
    expect(await reconciledEnds(telephonySessionId)).toBe(0);
    expect((await callOf(conversationId)).status).toBe('active');
  });
});
