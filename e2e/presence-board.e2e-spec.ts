import type { PresencePolicy } from '@ccp/contracts';
import {
  agentLegNotification,
  AGENT_ID,
  DEMO_PASSWORD,
  deliver,
  HttpClient,
  liveChatDelivery,
  loginAs,
  ringCentralDelivery,
  routingStatusSetBody,
  startFakeVendors,
  waitFor,
  type FakeVendors,
  type RecordedRequest,
} from '@ccp/server-testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededProduct, randomVendorSecrets } from './support/product-environment';
import { AppProcess, assertBuilt, ROOT } from './support/app-process';
import { launchChromium } from './support/browser';

const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
const SET_ROUTING_STATUS = '/v3.5/agent/action/set_routing_status';
const WRAP_UP_SECONDS = 2;

/**
 * The presence journey against the built product: the demo agent (seeded on the simulator's
 * vendor ids) takes a RingCentral call; the supervisor board shows it live and LiveChat is told
 * to stop offering chats; after the hang-up and the wrap-up both come back. LiveChat echoes our
 * change back as a webhook, as it does in production.
 */
describe('supervisor board: an agent on a call is taken off chats, and given them back', () => {
  let dropDatabase: () => Promise<void>;
  let fake: FakeVendors;
  let api: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let page: Page;
  const secrets = randomVendorSecrets();
  const session = `s-${randomBytes(16).toString('hex')}`;

  const row = () => page.getByRole('table', { name: 'Agent board' }).getByRole('row', { name: 'Alex Agent' });
  const cell = (column: string) => row().locator(`[data-column="${column}"]`);
  const routingPushes = (status: string) =>
    fake
      .requestsTo(SET_ROUTING_STATUS)
      .filter((request) => (request.body as { status?: string }).status === status);
  const callLeg = (sequence: number, code: string) =>
    deliver(
      api.baseUrl,
      ringCentralDelivery(
        agentLegNotification({ telephonySessionId: session, sequence, code }),
        secrets.ringcentralToken,
      ),
    );
  const liveChatStatus = (status: string) =>
    deliver(
      api.baseUrl,
      liveChatDelivery(
        routingStatusSetBody({ agent_id: AGENT_ID, status }, { secretKey: secrets.livechatSecret }),
      ),
    );

  beforeAll(async () => {
    assertBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    fake = await startFakeVendors();
    fake.onRequest(async (request: RecordedRequest) => {
      const body = request.body as { status?: string } | undefined;
      if (request.path === SET_ROUTING_STATUS && body?.status) await liveChatStatus(body.status);
    });
    const product = await seededProduct('e2e-presence', secrets, fake.environment);
    dropDatabase = product.dropDatabase;
    const { environment } = product;
    api = new AppProcess('api', environment).start();
    worker = new AppProcess('worker', environment).start();
    await api.healthy();
    const admin = await loginAs(new HttpClient(api.baseUrl), 'admin@demo.local', DEMO_PASSWORD);
    const policy: PresencePolicy = {
      phoneBusyStates: ['Ringing', 'CallConnected', 'OnHold'],
      wrapUpSeconds: WRAP_UP_SECONDS,
      capacityDnd: true,
      pushManualStatus: true,
    };
    expect((await admin.put('/api/presence-policy', policy)).status).toBe(200);
    expect((await liveChatStatus('accepting chats')).status).toBe(200);

    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([api?.stop(), worker?.stop()]);
    await fake?.close();
    await dropDatabase?.();
  });

  it('shows the agent available on the live board', async () => {
    await page.goto(api.baseUrl);
    await page.getByLabel('Email').fill('supervisor@demo.local');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Supervisor board' }).click();
    await waitFor(
      'Alex Agent to be available',
      async () => (await cell('status').getAttribute('data-status')) === 'available',
      {
        timeoutMs: 10_000,
      },
    );
    expect(await cell('chat').getAttribute('data-chat-status')).toBe('accepting_chats');
  });

  it('within 2 s of the call being answered: busy on the phone, not accepting chats, LiveChat told', async () => {
    await callLeg(7, 'Proceeding');
    const answeredAt = Date.now();
    await callLeg(8, 'Answered');
    await waitFor(
      'the board to show the agent on the call and off chats',
      async () =>
        (await cell('status').getAttribute('data-reason')) === 'on_call' &&
        (await cell('chat').getAttribute('data-chat-status')) === 'not_accepting_chats',
      { timeoutMs: 2_000, intervalMs: 50 },
    );
    await waitFor(
      'LiveChat to receive set_routing_status',
      () => routingPushes('not_accepting_chats').length > 0,
      {
        timeoutMs: Math.max(100, 2_000 - (Date.now() - answeredAt)),
      },
    );
    expect(await cell('status').getAttribute('data-status')).toBe('busy');
    expect(await cell('phone').getAttribute('data-telephony-status')).toBe('CallConnected');
    await page.screenshot({ path: join(ARTIFACTS, 'board-agent-on-call.png'), fullPage: true });
  });

  it('after the hang-up and the wrap-up, restores chats on both sides', async () => {
    await callLeg(11, 'Disconnected');
    await waitFor(
      'the wrap-up to show',
      async () => (await cell('status').getAttribute('data-reason')) === 'wrap_up',
    );
    await waitFor(
      'the agent to be available again',
      async () =>
        (await cell('status').getAttribute('data-status')) === 'available' &&
        (await cell('chat').getAttribute('data-chat-status')) === 'accepting_chats',
      { timeoutMs: (WRAP_UP_SECONDS + 5) * 1000 },
    );
    await waitFor(
      'LiveChat to be told to offer chats again',
      () => routingPushes('accepting_chats').length > 0,
    );
    // Our own changes came back as webhooks and were absorbed: exactly one push each way.
    expect(routingPushes('not_accepting_chats')).toHaveLength(1);
    expect(routingPushes('accepting_chats')).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'board-agent-back.png'), fullPage: true });
  });

  it('takes the agent offline when they sign out of the console, and back when they sign in', async () => {
    const agentPage = await browser.newPage();
    const signIn = async () => {
      await agentPage.goto(api.baseUrl);
      await agentPage.getByLabel('Email').fill('agent@demo.local');
      await agentPage.getByLabel('Password').fill(DEMO_PASSWORD);
      await agentPage.getByRole('button', { name: 'Sign in' }).click();
      await agentPage.getByRole('combobox', { name: 'My status' }).waitFor({ timeout: 10_000 });
    };
    await signIn();
    await agentPage.getByRole('button', { name: 'Sign out' }).click();
    await waitFor(
      'the board to show the agent signed out',
      async () => (await cell('status').getAttribute('data-status')) === 'offline',
    );
    expect(await cell('chat').getAttribute('data-chat-status')).toBe('offline');

    await signIn();
    await waitFor(
      'the board to show the agent back',
      async () => (await cell('status').getAttribute('data-status')) !== 'offline',
    );
    await agentPage.close();
  });
});
