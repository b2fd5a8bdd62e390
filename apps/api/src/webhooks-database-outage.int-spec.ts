import type { ApiError, Page, WebhookEvent } from '@ccp/contracts';
import { DemoUsersSeeder } from '@ccp/server-platform';
import {
  DEMO_PASSWORD,
  deliver,
  incomingEventBody,
  liveChatDelivery,
  loginAs,
  startTestApi,
  TcpProxy,
  testConfig,
  waitFor,
  type RunningApi,
} from '@ccp/server-testing';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const SECRET = 'livechat-secret-for-tests';

describe('vendor webhooks while PostgreSQL is unavailable', () => {
  let proxy: TcpProxy;
  let api: RunningApi;

  beforeAll(async () => {
    const databaseUrl = new URL(inject('databaseUrl'));
    proxy = await TcpProxy.start({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    const config = testConfig({
      DATABASE_URL: proxy.route(databaseUrl.toString()),
      LIVECHAT_WEBHOOK_SECRETS: SECRET,
    });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
  });

  afterAll(async () => {
    await proxy?.restore();
    await api?.close();
    await proxy?.close();
  });

  it('answers 503 so the vendor retries, and stores the retried delivery exactly once', async () => {
    const chatId = `O${Date.now().toString(36).toUpperCase()}`;
    const delivery = liveChatDelivery(incomingEventBody({ chat_id: chatId }, { secretKey: SECRET }));

    await proxy.cut();
    const refused = await deliver(api.baseUrl, delivery);
    expect(refused.status).toBe(503);
    expect((await refused.json()) as ApiError).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await api.http.get('/health')).status).toBe(503);

    await proxy.restore();
    const accepted = await waitFor('the api to reach the database again', async () => {
      const response = await deliver(api.baseUrl, delivery);
      return response.status === 200 ? response : undefined;
    });
    expect(accepted.status).toBe(200);
    expect((await deliver(api.baseUrl, delivery)).status).toBe(200);

    const admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
    const stored = (await admin.get<Page<WebhookEvent>>('/api/webhook-events?limit=200')).body.items.filter(
      (event) => event.eventKey.includes(chatId),
    );
    expect(stored).toHaveLength(1);
  });
});
