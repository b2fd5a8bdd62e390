import {
  createTestDatabase,
  DEMO_PASSWORD,
  freePort,
  loginAs,
  HttpClient,
  testEnvironment,
  testRedisPrefix,
  waitFor,
} from '@ccp/server-testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess, assertBuilt, ROOT } from './support/app-process';
import { launchChromium } from './support/browser';

const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

/**
 * The smoke journey of the foundation, against the built product: two api replicas and a worker
 * sharing PostgreSQL and Redis, the console in real Chromium.
 */
describe('console: sign in, live events, resume after a dropped connection', () => {
  let dropDatabase: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  let replicaA: AppProcess;
  let replicaB: AppProcess;
  let worker: AppProcess;
  let supervisorOnB: HttpClient;

  const feedItem = (text: string) =>
    page.getByRole('list', { name: 'Live events' }).getByRole('listitem').filter({ hasText: text });
  const connectionIs = (state: string, timeoutMs = 10_000) =>
    waitFor(
      `the connection indicator to say ${state}`,
      async () => (await page.getByRole('status', { name: 'Connection status' }).innerText()).includes(state),
      { timeoutMs },
    );
  const shownOnce = (text: string) =>
    waitFor(
      `"${text}" to be in the live feed exactly once`,
      async () => (await feedItem(text).count()) === 1,
    );

  beforeAll(async () => {
    assertBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    const database = await createTestDatabase('e2e');
    dropDatabase = database.drop;
    const shared = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LIVECHAT_WEBHOOK_SECRETS: randomBytes(16).toString('hex'),
      RINGCENTRAL_VERIFICATION_TOKEN: randomBytes(16).toString('hex'),
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment.redisUrl,
      REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: 'warn',
      CONSOLE_DIST_DIR: 'dist/console/browser',
    };
    const seed = new AppProcess('seed', shared).start();
    expect(await seed.finished()).toBe(0);

    const [portA, portB] = [await freePort(), await freePort()];
    replicaA = new AppProcess('api', { ...shared, PORT: String(portA) }).start();
    replicaB = new AppProcess('api', { ...shared, PORT: String(portB) }).start();
    worker = new AppProcess('worker', shared).start();
    await Promise.all([replicaA.healthy(), replicaB.healthy()]);
    supervisorOnB = await loginAs(new HttpClient(replicaB.baseUrl), 'supervisor@demo.local', DEMO_PASSWORD);

    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([replicaA?.stop(), replicaB?.stop(), worker?.stop()]);
    await dropDatabase?.();
  });

  const announce = async (text: string) => {
    const result = await supervisorOnB.post('/api/announcements', { text });
    expect(result.status).toBe(201);
  };

  it('signs the supervisor in and shows the connection as connected', async () => {
    await page.goto(replicaA.baseUrl);
    await page.getByLabel('Email').fill('supervisor@demo.local');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Sam Supervisor · supervisor').waitFor({ timeout: 10_000 });
    await connectionIs('Connected');
  });

  it('shows an event published by the server (through the other replica) in the feed', async () => {
    await announce('Welcome to the floor');
    await shownOnce('Welcome to the floor');
  });

  it('after the socket drops, shows both events published meanwhile exactly once', async () => {
    await replicaA.stop();
    await connectionIs('Reconnecting');

    await announce('Missed while away 1');
    await announce('Missed while away 2');

    replicaA.start();
    await replicaA.healthy();
    await connectionIs('Connected', 15_000);
    await shownOnce('Missed while away 1');
    await shownOnce('Missed while away 2');
    expect(await feedItem('Welcome to the floor').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'console-feed-after-resume.png'), fullPage: true });
  });
});
