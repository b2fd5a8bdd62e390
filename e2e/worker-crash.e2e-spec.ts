import type { Conversation, ConversationDetail, Customer, Message, Page, WebhookEvent } from '@ccp/contracts';
import {
  DEMO_PASSWORD,
  deliverAll,
  HttpClient,
  loginAs,
  stormScenario,
  waitFor,
  type JsonObject,
  type WebhookDelivery,
} from '@ccp/server-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededProduct, randomVendorSecrets } from './support/product-environment';
import { AppProcess, assertBuilt } from './support/app-process';

const PAIRS = 15;

type Body = JsonObject & { action?: string; payload?: JsonObject; body?: JsonObject };

/** What one chat's deliveries must produce: every distinct message, plus one entry per agent join, leave or transfer. */
function expectedEntriesOf(deliveries: readonly WebhookDelivery[]): number {
  const messageIds = new Set<string>();
  let systemEntries = 0;
  for (const delivery of deliveries) {
    const body = delivery.body as Body;
    const payload = body.payload ?? {};
    const chat = payload['chat'] as { thread?: { events?: { id: string }[] } } | undefined;
    for (const event of chat?.thread?.events ?? []) messageIds.add(event.id);
    const event = payload['event'] as { id?: string } | undefined;
    if (event?.id) messageIds.add(event.id);
    const agentChange =
      (body.action === 'user_added_to_chat' || body.action === 'user_removed_from_chat') &&
      payload['user_type'] === 'agent';
    if (agentChange || body.action === 'chat_transferred') systemEntries += 1;
  }
  return messageIds.size + systemEntries;
}

/** A worker SIGKILLed in the middle of a storm: its jobs are picked up again, nothing lost or applied twice. */
describe('a worker killed mid-batch', () => {
  let dropDatabase: () => Promise<void>;
  let api: AppProcess;
  const workers: AppProcess[] = [];
  let admin: HttpClient;
  const secrets = randomVendorSecrets();
  let environment: Record<string, string>;

  const count = async (status?: string) =>
    (await admin.get<Page<WebhookEvent>>(`/api/webhook-events?limit=1${status ? `&status=${status}` : ''}`))
      .body.total;

  beforeAll(async () => {
    assertBuilt();
    const product = await seededProduct('e2e-crash', secrets, { JOB_LOCK_DURATION_MS: '2000' });
    dropDatabase = product.dropDatabase;
    environment = product.environment;
    api = new AppProcess('api', environment).start();
    await api.healthy();
    admin = await loginAs(new HttpClient(api.baseUrl), 'admin@demo.local', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), ...workers.map((worker) => worker.stop())]);
    await dropDatabase?.();
  });

  it('loses and doubles nothing', async () => {
    const storm = stormScenario({ secrets, count: PAIRS });
    const results = await deliverAll(api.baseUrl, storm.deliveries, { concurrency: 8 });
    expect(results.filter((result) => !('status' in result) || result.status !== 200)).toEqual([]);
    const stored = await count();

    const first = new AppProcess('worker', environment).start();
    workers.push(first);
    await waitFor(
      'the first worker to be part-way through',
      async () => (await count('received')) < stored * 0.8,
      {
        timeoutMs: 30_000,
        intervalMs: 20,
      },
    );
    await first.kill();
    expect(await count('received')).toBeGreaterThan(0);

    workers.push(new AppProcess('worker', environment).start());
    await waitFor(
      'every stored webhook to be applied',
      async () => (await count('received')) === 0 && (await count('failed')) === 0,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const dead = (await admin.get<Page<WebhookEvent>>('/api/webhook-events?status=dead')).body.items;
    expect(dead.map((event) => `${event.eventKey}: ${event.lastError}`)).toEqual([]);
    expect(await count()).toBe(stored);

    const conversations = (await admin.get<Page<Conversation>>('/api/conversations?limit=200')).body.items;
    expect(conversations).toHaveLength(PAIRS * 2);
    const customers = (await admin.get<Page<Customer>>('/api/customers?limit=200')).body;
    expect(customers.total).toBe(PAIRS);
    for (const pair of storm.pairs) {
      const chat = conversations.find((conversation) => conversation.externalId === pair.chat.ids.threadId);
      const call = conversations.find(
        (conversation) => conversation.externalId === pair.call.ids.telephonySessionId,
      );
      expect(chat?.status).toBe('ended');
      expect(call?.customerId).toBe(chat?.customerId);
      const messages = (await admin.get<Page<Message>>(`/api/conversations/${chat?.id}/messages?limit=200`))
        .body;
      expect(messages.total).toBe(expectedEntriesOf(pair.chat.deliveries));
      const detail = (await admin.get<ConversationDetail>(`/api/conversations/${call?.id}`)).body;
      const telephony = pair.call.deliveries.filter(
        (delivery) => 'telephonySessionId' in ((delivery.body as Body).body ?? {}),
      );
      expect(detail.timeline).toHaveLength(telephony.length);
    }
  });
});
