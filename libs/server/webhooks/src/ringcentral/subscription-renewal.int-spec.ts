import type { INestApplicationContext } from '@nestjs/common';
import { SyncLogsRepository } from '@ccp/server-platform';
import { OutboundCallError } from '@ccp/server-integrations';
import {
  deliver,
  ringCentralDelivery,
  startFakeVendors,
  startFeatureApi,
  startTestWorker,
  subscriptionReminderNotification,
  testConfig,
  waitFor,
  type FakeVendors,
  type RunningApi,
} from '@ccp/server-testing';
import { UnrecoverableError } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhooksModule } from '../webhooks.module';
import { RingCentralSubscriptionRenewal } from './subscription-renewal';

const VERIFICATION_TOKEN = 'ringcentral-token-for-renewal-tests';

describe('RingCentral subscription renewal', () => {
  let fake: FakeVendors;
  let api: RunningApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    fake = await startFakeVendors();
    const config = testConfig({ ...fake.environment, RINGCENTRAL_VERIFICATION_TOKEN: VERIFICATION_TOKEN });
    api = await startFeatureApi(config, [WebhooksModule]);
    worker = await startTestWorker(config);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await fake?.close();
  });

  it('renews the subscription an expiry reminder names, once the reminder is processed', async () => {
    const { id } = fake.ringcentral.addSubscription();
    const reminder = subscriptionReminderNotification({
      envelope: { uuid: randomUUID(), subscriptionId: id },
      body: { id },
    });
    const answer = await deliver(api.baseUrl, ringCentralDelivery(reminder, VERIFICATION_TOKEN));
    expect(answer.status).toBe(200);

    const renewal = await fake.waitForRequest(
      (request) => request.method === 'POST' && request.path === `/restapi/v1.0/subscription/${id}/renew`,
      15_000,
    );
    expect(renewal.headers.authorization).toMatch(/^Bearer /);
    const syncLogs = worker.get(SyncLogsRepository);
    const [log] = await waitFor('the renewal to be recorded', async () => {
      const { items } = await syncLogs.list({
        operationType: 'ringcentral.subscription_renew',
        limit: 200,
        offset: 0,
      });
      const mine = items.filter((item) => item.references['subscriptionId'] === id);
      return mine.length > 0 ? mine : undefined;
    });
    expect(log?.status).toBe('success');
    expect(fake.ringcentral.subscription(id)?.renewals).toBe(1);
  });

  it('hands a retryable failure back to the queue, and ends one that cannot succeed', async () => {
    const renewal = worker.get(RingCentralSubscriptionRenewal);
    const { id } = fake.ringcentral.addSubscription();
    fake.failNext(`/restapi/v1.0/subscription/${id}/renew`, { status: 429, retryAfterSeconds: 3_600 });
    await expect(renewal.renew({ subscriptionId: id })).rejects.toSatisfy(
      (error) => error instanceof OutboundCallError && error.retryable,
    );

    await expect(renewal.renew({ subscriptionId: randomUUID() })).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
