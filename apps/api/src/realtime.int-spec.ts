import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import {
  createTestDatabase,
  loginAs,
  RealtimeTestClient,
  startTestApi,
  testConfig,
  type HttpClient,
  type RunningApi,
} from '@ccp/server-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Audience,
  DEMO_PASSWORD,
  DemoUsersSeeder,
  RealtimePublisher,
  PlatformCoreModule,
} from '@ccp/server-platform';
import { DataSource } from 'typeorm';
import { ApiModule } from './api.module';

describe('realtime over real Socket.IO', () => {
  let api: RunningApi;
  let worker: INestApplicationContext;
  let supervisor: HttpClient;
  let supervisorToken: string;
  let agentToken: string;
  let dropDatabase: () => Promise<void>;
  const clients: RealtimeTestClient[] = [];

  const connect = (token: string | undefined, lastEventId?: number) => {
    const client = new RealtimeTestClient(api.baseUrl, token, lastEventId);
    clients.push(client);
    return client;
  };
  const announce = async (text: string) => {
    const result = await supervisor.post('/api/announcements', { text });
    expect(result.status).toBe(201);
  };

  beforeAll(async () => {
    // A database of its own: the event log replays whatever other test files publish too.
    const database = await createTestDatabase('realtime');
    dropDatabase = database.drop;
    const config = testConfig({ DATABASE_URL: database.url });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
    supervisor = await loginAs(api.http, 'supervisor@demo.local', DEMO_PASSWORD);
    supervisorToken = supervisor.token ?? '';
    const agent = await api.http.post<{ accessToken: string }>('/api/auth/login', {
      email: 'agent@demo.local',
      password: DEMO_PASSWORD,
    });
    agentToken = agent.body.accessToken;
    // A second process, as the worker is: its own module graph and its own Redis and database connections.
    worker = await NestFactory.createApplicationContext(PlatformCoreModule.forRoot(config), {
      logger: false,
    });
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  it('rejects a handshake without a valid JWT', async () => {
    const anonymous = connect(undefined);
    expect(await anonymous.connectError()).toBe('UNAUTHORIZED');
    const forged = connect('not-a-jwt');
    expect(await forged.connectError()).toBe('UNAUTHORIZED');
  });

  it('delivers an event published over REST as { id, type, at, data }', async () => {
    const client = await connect(supervisorToken).ready();
    await announce('Queue is long today');
    const [event] = await client.waitForEvents(1);
    expect(event).toMatchObject({
      id: expect.any(Number),
      type: 'announcement:created',
      at: expect.any(String),
      data: { text: 'Queue is long today', authorName: 'Sam Supervisor' },
    });
  });

  it('delivers events published from the worker process', async () => {
    const client = await connect(agentToken).ready();
    await worker.get(RealtimePublisher).publish(
      'announcement:created',
      {
        id: 'w-1',
        text: 'from the worker',
        authorId: 'system',
        authorName: 'System',
        createdAt: new Date().toISOString(),
      },
      [Audience.everyone],
    );
    const events = await client.waitForEvents(1);
    expect(events.map((event) => event.data)).toContainEqual(
      expect.objectContaining({ text: 'from the worker' }),
    );
  });

  it('sends each client only the events addressed to its rooms', async () => {
    const agentClient = await connect(agentToken).ready();
    const supervisorClient = await connect(supervisorToken).ready();
    const publisher = worker.get(RealtimePublisher);
    const data = (text: string) => ({
      id: text,
      text,
      authorId: 's',
      authorName: 'S',
      createdAt: new Date().toISOString(),
    });
    await publisher.publish('announcement:created', data('supervisors only'), [Audience.supervisors]);
    await publisher.publish('announcement:created', data('for everyone'), [Audience.everyone]);
    await supervisorClient.waitForEvents(2);
    await agentClient.waitForEvents(1);
    expect(agentClient.events.map((event) => (event.data as { text: string }).text)).toEqual([
      'for everyone',
    ]);
  });

  it('replays what a reconnecting client missed, in order, exactly once, then continues live', async () => {
    const first = await connect(supervisorToken).ready();
    await announce('before the drop');
    const [seen] = await first.waitForEvents(1);
    first.close();

    await announce('missed one');
    await announce('missed two');

    const resumed = connect(supervisorToken, seen?.id);
    await resumed.ready();
    await announce('live after resume');
    const events = await resumed.waitForEvents(3);
    const texts = events.map((event) => (event.data as { text: string }).text);
    expect(texts).toEqual(['missed one', 'missed two', 'live after resume']);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(events.map((event) => event.id)).toEqual(
      [...events.map((event) => event.id)].sort((a, b) => a - b),
    );
    expect(resumed.replays[0]).toMatchObject({ replayed: 2, complete: true });
  });

  it('tells a client when a replay cannot bring it up to date, so that it reloads', async () => {
    const fresh = await connect(supervisorToken).ready();
    expect(fresh.replays[0]).toMatchObject({ replayed: 0, complete: false });

    await announce('about to be trimmed');
    const [trimmed] = await fresh.waitForEvents(1);
    await announce('still in the log');
    await fresh.waitForEvents(2);
    // As the retention job does: the oldest events leave the log.
    await api.app.get(DataSource).query('DELETE FROM events WHERE id <= $1', [trimmed?.id]);
    const behind = await connect(supervisorToken, (trimmed?.id ?? 1) - 1).ready();
    expect(behind.replays[0]).toMatchObject({ complete: false });
  });
});
