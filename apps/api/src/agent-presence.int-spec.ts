import type { INestApplicationContext } from '@nestjs/common';
import type { Agent, Page, PresencePolicy, UserProfile } from '@ccp/contracts';
import { AgentDirectory, DemoAgentSeeder } from '@ccp/server-agents';
import { DemoUsersSeeder, JobQueue } from '@ccp/server-platform';
import {
  AGENT_EXTENSION_ID,
  AGENT_ID,
  agentLegNotification,
  agentParty,
  agentUser,
  chatDeactivatedBody,
  createTestDatabase,
  customerUser,
  DEMO_PASSWORD,
  incomingChatBody,
  deliver,
  liveChatDelivery,
  loginAs,
  presenceNotification,
  RealtimeTestClient,
  ringCentralDelivery,
  routingStatusSetBody,
  startFakeVendors,
  startTestApi,
  startTestWorker,
  telephonyEventPath,
  telephonyNotification,
  testConfig,
  waitFor,
  type FakeVendors,
  type HttpClient,
  type HttpResult,
  type RecordedRequest,
  type RunningApi,
} from '@ccp/server-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const secrets = {
  livechatSecret: 'livechat-secret-for-tests',
  ringcentralToken: 'ringcentral-token-for-tests',
};
const LIVECHAT_ID = 'presence.agent@example.com';
const EXTENSION_ID = '71000000001';
const SET_ROUTING_STATUS = '/v3.5/agent/action/set_routing_status';

describe('agent presence kept consistent across LiveChat and RingCentral', { timeout: 30_000 }, () => {
  let fake: FakeVendors;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let admin: HttpClient;
  let supervisor: HttpClient;
  let agentClient: HttpClient;
  let agent: Agent;
  let presenceSequence = 1_000;
  let dropDatabase: (() => Promise<void>) | undefined;

  const sendLiveChatStatus = (status: string, agentId = LIVECHAT_ID) =>
    deliver(
      api.baseUrl,
      liveChatDelivery(
        routingStatusSetBody({ agent_id: agentId, status }, { secretKey: secrets.livechatSecret }),
      ),
    );
  const sendPhonePresence = (body: Record<string, unknown>, sequence = (presenceSequence += 1)) =>
    deliver(
      api.baseUrl,
      ringCentralDelivery(
        presenceNotification({
          envelope: { uuid: randomUUID() },
          body: { extensionId: EXTENSION_ID, sequence, activeCalls: [], ...body },
        }),
        secrets.ringcentralToken,
      ),
    );
  const current = async () => (await admin.get<Agent>(`/api/agents/${agent.id}`)).body;
  const agentBecomes = (description: string, predicate: (value: Agent) => boolean) =>
    waitFor(`the agent to be ${description}`, async () => {
      const value = await current();
      return predicate(value) ? value : undefined;
    });
  const routingPushes = () => fake.requestsTo(SET_ROUTING_STATUS);

  beforeAll(async () => {
    fake = await startFakeVendors();
    // The vendors echo every change we make back to us as a webhook, as they do in production.
    fake.onRequest(async (request: RecordedRequest) => {
      const body = request.body as Record<string, string> | undefined;
      if (request.path === SET_ROUTING_STATUS && body)
        await sendLiveChatStatus(body['status'] ?? '', body['agent_id']);
      if (request.method === 'PUT' && request.path.endsWith('/presence') && body) {
        // RingCentral reports what changed; telephony state is absent when unchanged.
        await sendPhonePresence({
          telephonyStatus: undefined,
          presenceStatus: undefined,
          dndStatus: body['dndStatus'],
          userStatus: body['userStatus'],
        });
      }
    });
    // A database of its own: the presence policy set below is global, and another file's worker
    // sweeping for overdue wrap-ups would restore this file's agent through its own fake vendors.
    const database = await createTestDatabase('presence');
    dropDatabase = database.drop;
    const config = testConfig({
      DATABASE_URL: database.url,
      ...fake.environment,
      LIVECHAT_WEBHOOK_SECRETS: secrets.livechatSecret,
      RINGCENTRAL_VERIFICATION_TOKEN: secrets.ringcentralToken,
    });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
    admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
    supervisor = await loginAs(api.http, 'supervisor@demo.local', DEMO_PASSWORD);
    agentClient = await loginAs(api.http, 'agent@demo.local', DEMO_PASSWORD);
    worker = await startTestWorker(config);
    const policy: PresencePolicy = {
      phoneBusyStates: ['Ringing', 'CallConnected', 'OnHold'],
      wrapUpSeconds: 1,
      capacityDnd: true,
      pushManualStatus: true,
    };
    expect((await admin.put('/api/presence-policy', policy)).status).toBe(200);
    const me = (await agentClient.get<UserProfile>('/api/auth/me')).body;
    const created = await admin.post<Agent>('/api/agents', {
      name: 'Alex Agent',
      userId: me.id,
      teamId: 'support',
      livechatAgentId: LIVECHAT_ID,
      ringcentralExtensionId: EXTENSION_ID,
      maxConcurrentChats: 2,
    });
    expect(created.status).toBe(201);
    agent = created.body;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await fake?.close();
    await dropDatabase?.();
  });

  it('takes a call off chats, restores them after the wrap-up, and settles despite the echoes', async () => {
    expect((await sendLiveChatStatus('accepting chats')).status).toBe(200);
    await sendPhonePresence({
      telephonyStatus: 'NoCall',
      presenceStatus: 'Available',
      dndStatus: 'TakeAllCalls',
    });
    await agentBecomes('available', (value) => value.status === 'available');
    const socket = await new RealtimeTestClient(api.baseUrl, supervisor.token ?? '').ready();
    try {
      await sendPhonePresence({ telephonyStatus: 'CallConnected', presenceStatus: 'Busy' });
      const onCall = await agentBecomes('on a call', (value) => value.statusReason === 'on_call');
      expect(onCall).toMatchObject({ status: 'busy', chatStatus: 'not_accepting_chats' });
      await waitFor('LiveChat to be told', () =>
        routingPushes().some(
          (request) => (request.body as { status: string }).status === 'not_accepting_chats',
        ),
      );

      await sendPhonePresence({ telephonyStatus: 'NoCall', presenceStatus: 'Available' });
      await agentBecomes('wrapping up', (value) => value.statusReason === 'wrap_up');
      const back = await agentBecomes('available again', (value) => value.status === 'available');
      expect(back.chatStatus).toBe('accepting_chats');
      await waitFor('LiveChat to be told again', () =>
        routingPushes().some((request) => (request.body as { status: string }).status === 'accepting_chats'),
      );
      // Both echoes have come back and been absorbed: no further pushes, no further changes.
      await waitFor('the echoes to be processed', async () => {
        const events = (
          await admin.get<Page<{ type: string; status: string }>>(
            '/api/webhook-events?type=routing_status_set&status=received',
          )
        ).body;
        return events.total === 0;
      });
      const settled = await current();
      expect(routingPushes()).toHaveLength(2);
      // Every unified status the agent went through is one interval of the timeline, the last one open.
      const intervals = (await api.app
        .get(DataSource)
        .query(
          'SELECT status, reason, ended_at FROM agent_status_intervals WHERE agent_id = $1 ORDER BY started_at',
          [agent.id],
        )) as { status: string; reason: string | null; ended_at: Date | null }[];
      expect(intervals.slice(-3).map((interval) => interval.reason)).toEqual(['on_call', 'wrap_up', null]);
      expect(intervals.filter((interval) => interval.ended_at === null)).toHaveLength(1);
      expect(settled).toMatchObject({ status: 'available', chatStatus: 'accepting_chats' });
      await waitFor('the board to hear of it', () =>
        socket.events.some(
          (event) =>
            event.type === 'agent:status_changed' && (event.data as Agent).statusReason === 'on_call',
        ),
      );
    } finally {
      socket.close();
    }
  });

  const newSession = () => `s-${randomUUID().replaceAll('-', '')}`;
  /** A telephony-session notification about the agent's own leg of the call. */
  const sendCallLeg = (telephonySessionId: string, sequence: number, code: string) =>
    deliver(
      api.baseUrl,
      ringCentralDelivery(
        agentLegNotification({ telephonySessionId, sequence, code, extensionId: EXTENSION_ID }),
        secrets.ringcentralToken,
      ),
    );
  const allWebhooksProcessed = () =>
    waitFor('every webhook to be processed', async () => {
      const pending = (await admin.get<Page<unknown>>('/api/webhook-events?status=received')).body;
      return pending.total === 0;
    });

  it('follows a telephony-session call leg as quickly as presence, in sequence order', async () => {
    const session = newSession();
    const leg = (sequence: number, code: string) => sendCallLeg(session, sequence, code);
    await agentBecomes('available', (value) => value.status === 'available');
    await leg(8, 'Answered');
    await leg(7, 'Proceeding');
    const onCall = await agentBecomes('on the call', (value) => value.statusReason === 'on_call');
    expect(onCall.chatStatus).toBe('not_accepting_chats');
    await leg(11, 'Disconnected');
    const back = await agentBecomes('available after the wrap-up', (value) => value.status === 'available');
    expect(back).toMatchObject({ chatStatus: 'accepting_chats', phoneStatus: { telephonyStatus: 'NoCall' } });

    // Delivered after the end of the call it belongs to: it must not put the agent back on it.
    await leg(9, 'Hold');
    await allWebhooksProcessed();
    expect(await current()).toMatchObject({
      status: 'available',
      chatStatus: 'accepting_chats',
      phoneStatus: { telephonyStatus: 'NoCall' },
    });
  });

  it('forgets a call leg whose end never arrived once RingCentral presence reports no call', async () => {
    await agentBecomes('available', (value) => value.status === 'available');
    // The Disconnected of this call is lost on the way.
    await sendCallLeg(newSession(), 3, 'Answered');
    await agentBecomes('on the call', (value) => value.statusReason === 'on_call');
    await sendPhonePresence({ telephonyStatus: 'NoCall', presenceStatus: 'Available' });
    await agentBecomes('available after the wrap-up', (value) => value.status === 'available');

    const next = newSession();
    await sendCallLeg(next, 2, 'Answered');
    await agentBecomes('on the next call', (value) => value.statusReason === 'on_call');
    await sendCallLeg(next, 4, 'Disconnected');
    const free = await agentBecomes('available after the next call', (value) => value.status === 'available');
    expect(free.phoneStatus.telephonyStatus).toBe('NoCall');
  });

  it('ends a wrap-up whose restore job Redis lost, once it is overdue', async () => {
    await agentBecomes('available', (value) => value.status === 'available');
    const jobs = api.app.get(JobQueue);
    const integrations = jobs.queue('integrations');
    await integrations.pause();
    try {
      const session = newSession();
      await sendCallLeg(session, 2, 'Answered');
      await agentBecomes('on the call', (value) => value.statusReason === 'on_call');
      await sendCallLeg(session, 3, 'Disconnected');
      await agentBecomes('wrapping up', (value) => value.statusReason === 'wrap_up');
      // Lost: Redis restarted before it was due. The wrap-up's end has long passed since.
      const restores = await waitFor('the restore job to be queued', async () => {
        const queued = await integrations.getJobs(['delayed', 'waiting']);
        const found = queued.filter((job) => job.name === 'presence.restore-after-call');
        return found.length > 0 ? found : undefined;
      });
      for (const job of restores) await job.remove();
      await api.app
        .get(DataSource)
        .query(`UPDATE agents SET wrap_up_until = now() - interval '2 minutes' WHERE id = $1`, [agent.id]);
    } finally {
      await integrations.resume();
    }

    await jobs.add('presence.sweep-overdue-wrap-ups', { graceMs: 60_000 });
    const back = await agentBecomes('available again', (value) => value.status === 'available');
    expect(back.chatStatus).toBe('accepting_chats');
  });

  const pendingPushesOf = async (): Promise<Record<string, { value: string; since: string }>> => {
    const [row] = (await api.app
      .get(DataSource)
      .query('SELECT pending_pushes FROM agents WHERE id = $1', [agent.id])) as {
      pending_pushes: Record<string, { value: string; since: string }>;
    }[];
    return row?.pending_pushes ?? {};
  };
  /** Removes the queued jobs named, as a Redis restart without persistence would. */
  const loseQueuedJobs = async (names: string[]) => {
    const integrations = api.app.get(JobQueue).queue('integrations');
    const lost = await waitFor(`${names.join(' and ')} to be queued`, async () => {
      const queued = (await integrations.getJobs(['waiting'])).filter((job) => names.includes(job.name));
      return queued.length >= names.length ? queued : undefined;
    });
    for (const job of lost) await job.remove();
  };
  /** As if every pending push had been queued two minutes ago: past the sweep's grace. */
  const backdatePendingPushes = () =>
    api.app.get(DataSource).query(
      `UPDATE agents SET pending_pushes = (
         SELECT jsonb_object_agg(key, jsonb_set(value, '{since}', to_jsonb(now() - interval '2 minutes')))
         FROM jsonb_each(pending_pushes))
       WHERE id = $1 AND pending_pushes <> '{}'::jsonb`,
      [agent.id],
    );
  /** No push to a vendor is waiting, running or due to retry (the worker's own schedules aside). */
  const pushesIdle = () =>
    waitFor('every push to a vendor to be done', async () => {
      const jobs = await api.app
        .get(JobQueue)
        .queue('integrations')
        .getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      return !jobs.some((job) => job.name.startsWith('presence.push-'));
    });
  const pushesOf = (status: string) =>
    routingPushes().filter((request) => (request.body as { status: string }).status === status).length;

  it('pushes again a presence change whose push job Redis lost, once it is overdue', async () => {
    await agentBecomes('available', (value) => value.status === 'available');
    await pushesIdle();
    const integrations = api.app.get(JobQueue).queue('integrations');
    const session = newSession();
    const toldBefore = pushesOf('not_accepting_chats');
    await integrations.pause();
    try {
      await sendCallLeg(session, 2, 'Answered');
      await agentBecomes('on the call', (value) => value.statusReason === 'on_call');
      await loseQueuedJobs(['presence.push-chat-status']);
      expect((await pendingPushesOf())['livechatStatus']?.value).toBe('not_accepting_chats');
      await backdatePendingPushes();
    } finally {
      await integrations.resume();
    }

    await api.app.get(JobQueue).add('presence.sweep-unsent-pushes', { graceMs: 60_000 });
    await waitFor('LiveChat to be told after all', () => pushesOf('not_accepting_chats') > toldBefore);
    await waitFor(
      'nothing to be left to push',
      async () => Object.keys(await pendingPushesOf()).length === 0,
    );

    await sendCallLeg(session, 3, 'Disconnected');
    const back = await agentBecomes('available again', (value) => value.status === 'available');
    expect(back.chatStatus).toBe('accepting_chats');
  });

  it('drops an unsent push once the vendor reports a change of its own, which is newer', async () => {
    // Our earlier pushes' echoes are in: none of them can be taken for the vendor's change below.
    await pushesIdle();
    await allWebhooksProcessed();
    const integrations = api.app.get(JobQueue).queue('integrations');
    const userStatusPushes = () =>
      fake
        .requestsTo(`/restapi/v1.0/account/~/extension/${EXTENSION_ID}/presence`)
        .filter((request) => (request.body as { userStatus?: string }).userStatus === 'Busy').length;
    const phoneToldBefore = userStatusPushes();
    const chatToldBefore = pushesOf('not_accepting_chats');
    await integrations.pause();
    try {
      expect((await agentClient.patch(`/api/agents/${agent.id}/status`, { status: 'away' })).status).toBe(
        200,
      );
      await loseQueuedJobs(['presence.push-chat-status', 'presence.push-phone-status']);
      // Minutes after LiveChat last reported a status, the agent switched chats on there: the newer wish.
      await api.app.get(DataSource).query(
        `UPDATE vendor_state_reports SET received_at = received_at - interval '5 minutes'
           WHERE subject LIKE 'livechat:routing_status:%'`,
      );
      await sendLiveChatStatus('accepting_chats');
      await allWebhooksProcessed();
      expect(Object.keys(await pendingPushesOf())).toEqual(['ringcentralUserStatus']);
      await backdatePendingPushes();
    } finally {
      await integrations.resume();
    }

    await api.app.get(JobQueue).add('presence.sweep-unsent-pushes', { graceMs: 60_000 });
    await waitFor('RingCentral to be told after all', () => userStatusPushes() > phoneToldBefore);
    await pushesIdle();
    expect(pushesOf('not_accepting_chats')).toBe(chatToldBefore);
    expect((await current()).chatStatus).toBe('accepting_chats');
    expect(await pendingPushesOf()).toEqual({});
    expect((await admin.patch(`/api/agents/${agent.id}/status`, { status: null })).status).toBe(200);
  });

  it('follows a LiveChat status switched back and forth, and takes a redelivery for what it is', async () => {
    await pushesIdle();
    await allWebhooksProcessed();
    for (const status of ['not_accepting_chats', 'accepting_chats', 'not_accepting_chats']) {
      expect((await sendLiveChatStatus(status)).status).toBe(200);
      await allWebhooksProcessed();
    }
    expect((await current()).chatStatus).toBe('not_accepting_chats');
    expect((await sendLiveChatStatus('accepting chats')).status).toBe(200);
    await agentBecomes('accepting chats', (value) => value.chatStatus === 'accepting_chats');

    // On a call, our push comes back as an echo; then LiveChat delivers that echo a second time.
    const session = newSession();
    await sendCallLeg(session, 2, 'Answered');
    await agentBecomes('on the call', (value) => value.statusReason === 'on_call');
    await pushesIdle();
    await allWebhooksProcessed();
    expect((await sendLiveChatStatus('not_accepting_chats')).status).toBe(200);
    await allWebhooksProcessed();
    // Taken for the agent's own choice, it would have become what the call ends in.
    await sendCallLeg(session, 3, 'Disconnected');
    const back = await agentBecomes('available again', (value) => value.status === 'available');
    expect(back.chatStatus).toBe('accepting_chats');
  });

  it('never lets an older RingCentral presence overwrite a newer one', async () => {
    const newer = (presenceSequence += 10);
    await sendPhonePresence({ telephonyStatus: 'NoCall', userStatus: 'Available' }, newer);
    await sendPhonePresence({ telephonyStatus: 'CallConnected' }, newer - 5);
    await allWebhooksProcessed();
    expect((await current()).phoneStatus.telephonyStatus).toBe('NoCall');
  });

  it('lets agents set their own status, supervisors their team, admins anyone', async () => {
    // The test before may have applied its older CallConnected first: then a wrap-up is still running.
    await agentBecomes('available', (value) => value.status === 'available');
    const other = (await admin.post<Agent>('/api/agents', { name: 'Other Team Agent', teamId: 'sales' }))
      .body;
    expect((await agentClient.patch(`/api/agents/${other.id}/status`, { status: 'away' })).status).toBe(403);
    expect((await supervisor.patch(`/api/agents/${other.id}/status`, { status: 'away' })).status).toBe(403);
    expect((await admin.patch(`/api/agents/${other.id}/status`, { status: 'away' })).status).toBe(200);
    expect((await agentClient.patch(`/api/agents/${agent.id}/status`, { status: 'sleeping' })).status).toBe(
      400,
    );

    const away = await agentClient.patch<Agent>(`/api/agents/${agent.id}/status`, { status: 'away' });
    expect(away.body).toMatchObject({
      status: 'away',
      statusReason: 'manual',
      chatStatus: 'not_accepting_chats',
    });
    await waitFor(
      'both vendors to be told',
      () =>
        fake.requestsTo('/restapi/v1.0/account/~/extension/' + EXTENSION_ID + '/presence').length > 0 &&
        routingPushes().some(
          (request) => (request.body as { status: string }).status === 'not_accepting_chats',
        ),
    );
    const byLead = await supervisor.patch<Agent>(`/api/agents/${agent.id}/status`, { status: 'available' });
    expect(byLead.body).toMatchObject({ status: 'available', chatStatus: 'accepting_chats' });
    expect((await agentClient.get<Agent>('/api/agents/me')).body.id).toBe(agent.id);
    expect((await supervisor.get('/api/agents/me')).status).toBe(404);
  });

  it('switches queue calls off while the agent is at chat capacity, and back on below it', async () => {
    await admin.patch(`/api/agents/${agent.id}/status`, { status: null });
    const envelope = { secretKey: secrets.livechatSecret };
    const chatOf = (index: number) =>
      liveChatDelivery(
        incomingChatBody(
          {
            chat: { id: `CAP${index}${Date.now()}`, users: [customerUser(), agentUser({ id: LIVECHAT_ID })] },
            thread: { id: `CAPT${index}${Date.now()}` },
          },
          envelope,
        ),
      );
    const first = chatOf(1);
    await deliver(api.baseUrl, first);
    await agentBecomes('holding one chat', (value) => value.openChats === 1);
    await deliver(api.baseUrl, chatOf(2));
    const full = await agentBecomes('at capacity', (value) => value.statusReason === 'chats_at_capacity');
    expect(full).toMatchObject({ status: 'busy', openChats: 2 });
    const dndPushes = () =>
      fake
        .requestsTo(`/restapi/v1.0/account/~/extension/${EXTENSION_ID}/presence`)
        .map((request) => (request.body as { dndStatus?: string }).dndStatus)
        .filter((dnd) => dnd !== undefined);
    await waitFor('RingCentral to stop queue calls', () =>
      dndPushes().includes('DoNotAcceptDepartmentCalls'),
    );

    const payload = first.body['payload'] as { chat: { id: string; thread: { id: string } } };
    await deliver(
      api.baseUrl,
      liveChatDelivery(
        chatDeactivatedBody({ chat_id: payload.chat.id, thread_id: payload.chat.thread.id }, envelope),
      ),
    );
    const below = await agentBecomes('below capacity', (value) => value.openChats === 1);
    expect(below.statusReason).not.toBe('chats_at_capacity');
    await waitFor('RingCentral to take queue calls again', () => dndPushes().at(-1) === 'TakeAllCalls');
    expect(
      (await agentBecomes('settled', (value) => value.phoneStatus.dndStatus === 'TakeAllCalls')).status,
    ).toBe('available');

    // An admin lowering the capacity to the chats already open switches queue calls off at once.
    const lowered = await admin.patch<Agent>(`/api/agents/${agent.id}`, { maxConcurrentChats: 1 });
    expect(lowered.body).toMatchObject({ openChats: 1, statusReason: 'chats_at_capacity' });
    await waitFor(
      'RingCentral to stop queue calls for the lower capacity',
      () => dndPushes().at(-1) === 'DoNotAcceptDepartmentCalls',
    );
    const raised = await admin.patch<Agent>(`/api/agents/${agent.id}`, { maxConcurrentChats: 2 });
    expect(raised.body.statusReason).not.toBe('chats_at_capacity');
    await waitFor('RingCentral to take queue calls again', () => dndPushes().at(-1) === 'TakeAllCalls');
    await agentBecomes('settled again', (value) => value.phoneStatus.dndStatus === 'TakeAllCalls');
  });

  it('counts open chats under the agent lock, so two chats changing at once leave the right count', async () => {
    const livechatId = 'olga.overlap@example.com';
    const envelope = { secretKey: secrets.livechatSecret };
    const startChat = (chatId: string) =>
      deliver(
        api.baseUrl,
        liveChatDelivery(
          incomingChatBody(
            {
              chat: { id: chatId, users: [customerUser(), agentUser({ id: livechatId, email: livechatId })] },
              thread: { id: `T${chatId}` },
            },
            envelope,
          ),
        ),
      );
    const olga = async () =>
      (await admin.get<Page<Agent>>('/api/agents?limit=200')).body.items.find(
        (item) => item.livechatAgentId === livechatId,
      );
    const first = `C${randomUUID().slice(0, 8).toUpperCase()}`;
    await startChat(first);
    const holding = await waitFor('the agent holding one chat', async () => {
      const value = await olga();
      return value?.openChats === 1 ? value : undefined;
    });

    const dataSource = api.app.get(DataSource);
    // Another event's transaction, held open: it has ended the first chat and holds the agent.
    const ending = dataSource.createQueryRunner();
    await ending.startTransaction();
    try {
      await ending.query(`UPDATE conversations SET status = 'ended', ended_at = now() WHERE chat_id = $1`, [
        first,
      ]);
      await ending.query('SELECT id FROM agents WHERE id = $1 FOR NO KEY UPDATE', [holding.id]);
      await startChat(`C${randomUUID().slice(0, 8).toUpperCase()}`);
      await waitFor('the second chat to wait for the agent', async () => {
        const [waiting] = (await dataSource.query(
          `SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        )) as { count: number }[];
        return (waiting?.count ?? 0) > 0;
      });
      await ending.query('UPDATE agents SET open_chats = 0 WHERE id = $1', [holding.id]);
      await ending.commitTransaction();
    } finally {
      if (ending.isTransactionActive) await ending.rollbackTransaction();
      await ending.release();
    }
    await allWebhooksProcessed();
    expect((await olga())?.openChats).toBe(1);
  });

  it('keeps vendor ids nobody mapped as placeholders, and lets an admin claim them with their history', async () => {
    await sendLiveChatStatus('accepting chats', 'new.hire@example.com');
    const placeholder = await waitFor('a placeholder for the unknown LiveChat agent', async () =>
      (await admin.get<Page<Agent>>('/api/agents?limit=200')).body.items.find(
        (item) => item.livechatAgentId === 'new.hire@example.com',
      ),
    );
    expect(placeholder).toMatchObject({ mapped: false, chatStatus: 'accepting_chats' });
    const claimed = await admin.post<Agent>('/api/agents', {
      name: 'New Hire',
      livechatAgentId: 'new.hire@example.com',
    });
    expect(claimed.body).toMatchObject({ id: placeholder.id, mapped: true, name: 'New Hire' });
    const duplicate = await admin.post('/api/agents', { name: 'Clash', livechatAgentId: LIVECHAT_ID });
    expect(duplicate.body).toMatchObject({ code: 'CONFLICT' });
    expect((await agentClient.post('/api/agents', { name: 'Nope' })).status).toBe(403);
  });

  it('folds the chat placeholder and the phone placeholder of one person into one agent, with their history', async () => {
    const livechatId = 'dana.dual@example.com';
    const extensionId = '71000000777';
    const session = `s-${randomUUID()}`;
    await sendLiveChatStatus('accepting chats', livechatId);
    const chatId = `C${randomUUID().slice(0, 8).toUpperCase()}`;
    await deliver(
      api.baseUrl,
      liveChatDelivery(
        incomingChatBody(
          {
            chat: { id: chatId, users: [customerUser(), agentUser({ id: livechatId, email: livechatId })] },
            thread: { id: `T${chatId}`, user_ids: [customerUser()['id'] as string, livechatId] },
          },
          { secretKey: secrets.livechatSecret },
        ),
      ),
    );
    await deliver(
      api.baseUrl,
      ringCentralDelivery(
        telephonyNotification({
          envelope: { uuid: randomUUID(), event: telephonyEventPath(extensionId) },
          body: { telephonySessionId: session, sequence: 2 },
          parties: [agentParty({ id: `p-${session}-2`, extensionId })],
        }),
        secrets.ringcentralToken,
      ),
    );
    const holders = async () =>
      (await admin.get<Page<Agent>>('/api/agents?limit=200')).body.items.filter(
        (item) => item.livechatAgentId === livechatId || item.ringcentralExtensionId === extensionId,
      );
    const placeholders = await waitFor(
      'a chat placeholder with its chat and a phone placeholder on the call',
      async () => {
        const found = await holders();
        const chat = found.find((item) => item.livechatAgentId === livechatId);
        const phone = found.find((item) => item.ringcentralExtensionId === extensionId);
        return chat?.openChats === 1 && phone?.phoneStatus.telephonyStatus === 'CallConnected'
          ? found
          : undefined;
      },
    );
    expect(placeholders).toHaveLength(2);

    const mapped = await admin.post<Agent>('/api/agents', {
      name: 'Dana Dual',
      livechatAgentId: livechatId,
      ringcentralExtensionId: extensionId,
    });
    expect(mapped.status).toBe(201);
    expect(placeholders.map((item) => item.id)).toContain(mapped.body.id);
    expect(mapped.body).toMatchObject({
      mapped: true,
      openChats: 1,
      phoneStatus: { telephonyStatus: 'CallConnected' },
      status: 'busy',
      statusReason: 'on_call',
    });
    expect(await holders()).toEqual([expect.objectContaining({ id: mapped.body.id })]);
    const history = await admin.get<Page<{ type: string }>>(`/api/conversations?agentId=${mapped.body.id}`);
    expect(history.body.items.map((item) => item.type).sort()).toEqual(['call', 'chat']);
    // Together the two are an agent on a call, so the policy takes them off chats in LiveChat.
    await waitFor('LiveChat to be told the agent is not accepting chats', () =>
      routingPushes().some(
        (request) =>
          (request.body as Record<string, string>)['agent_id'] === livechatId &&
          (request.body as Record<string, string>)['status'] === 'not_accepting_chats',
      ),
    );

    await sendLiveChatStatus('offline', 'dana.second.login@example.com');
    const third = await waitFor('a placeholder for the second login', async () =>
      (await admin.get<Page<Agent>>('/api/agents?limit=200')).body.items.find(
        (item) => item.livechatAgentId === 'dana.second.login@example.com',
      ),
    );
    const board = await new RealtimeTestClient(api.baseUrl, supervisor.token ?? '').ready();
    try {
      const edited = await admin.patch<Agent>(`/api/agents/${mapped.body.id}`, {
        livechatAgentId: 'dana.second.login@example.com',
      });
      expect(edited.body).toMatchObject({
        id: mapped.body.id,
        livechatAgentId: 'dana.second.login@example.com',
        statusReason: 'on_call',
      });
      // Still busy on the call, yet boards hear of the fold, so they can drop the placeholder.
      await waitFor('the board to hear of the folded placeholder', () =>
        board.events.some(
          (event) =>
            event.type === 'agent:status_changed' &&
            (event.data as Agent).livechatAgentId === 'dana.second.login@example.com',
        ),
      );
    } finally {
      board.close();
    }
    expect((await admin.get(`/api/agents/${third.id}`)).status).toBe(404);
    const taken = await admin.patch(`/api/agents/${mapped.body.id}`, { livechatAgentId: LIVECHAT_ID });
    expect(taken.body).toMatchObject({ code: 'CONFLICT' });
  });

  it('seeds the demo agent even when the simulator already left a placeholder for each vendor id', async () => {
    await sendLiveChatStatus('accepting chats', AGENT_ID);
    await sendPhonePresence({ extensionId: AGENT_EXTENSION_ID });
    const holders = async () =>
      (await admin.get<Page<Agent>>('/api/agents?limit=200')).body.items.filter(
        (item) => item.livechatAgentId === AGENT_ID || item.ringcentralExtensionId === AGENT_EXTENSION_ID,
      );
    await waitFor('a placeholder for each simulator id', async () => (await holders()).length === 2);
    const supervisorUser = (await supervisor.get<UserProfile>('/api/auth/me')).body;

    expect(await api.app.get(DemoAgentSeeder).seed('supervisor@demo.local')).toBe(true);
    const after = await holders();
    const chatSide = after.find((item) => item.livechatAgentId === AGENT_ID);
    const phoneSide = after.find((item) => item.ringcentralExtensionId === AGENT_EXTENSION_ID);
    expect(chatSide).toMatchObject({ userId: supervisorUser.id, mapped: true, ringcentralExtensionId: null });
    expect(phoneSide).toMatchObject({ mapped: false, ringcentralExtensionId: AGENT_EXTENSION_ID });
  });

  it('waits with a merge for event transactions that resolved a placeholder, so none of their references is lost', async () => {
    const livechatId = 'rita.race@example.com';
    const extensionId = '71000000888';
    const dataSource = api.app.get(DataSource);
    const directory = api.app.get(AgentDirectory);
    // An event's transaction, held open: it has resolved both vendor ids, as a handler does.
    const event = dataSource.createQueryRunner();
    let merging: Promise<HttpResult<Agent>> | undefined;
    await event.startTransaction();
    try {
      const resolved = [
        await directory.resolveLiveChatAgent(event.manager, livechatId),
        await directory.resolveExtension(event.manager, extensionId),
      ];
      await event.commitTransaction();
      await event.startTransaction();
      expect(await directory.resolveLiveChatAgent(event.manager, livechatId)).toBe(resolved[0]);
      expect(await directory.resolveExtension(event.manager, extensionId)).toBe(resolved[1]);

      merging = admin.post<Agent>('/api/agents', {
        name: 'Rita Race',
        livechatAgentId: livechatId,
        ringcentralExtensionId: extensionId,
      });
      await waitFor('the merge to wait for the event transaction', async () => {
        const [waiting] = (await dataSource.query(
          `SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT "agent"."id"%'`,
        )) as { count: number }[];
        return (waiting?.count ?? 0) > 0;
      });
      // Written after the merge began: it must still end up on the merged agent.
      const written = (await event.query(
        `INSERT INTO conversations (type, platform, status, external_id, agent_id, agent_ids)
         VALUES ('chat', 'api', 'active', $1, $2, $3) RETURNING id`,
        [`race-${randomUUID()}`, resolved[1], resolved],
      )) as { id: string }[];
      await event.commitTransaction();

      const merged = await merging;
      expect(merged.status).toBe(201);
      const [row] = (await dataSource.query('SELECT agent_id, agent_ids FROM conversations WHERE id = $1', [
        written[0]?.id,
      ])) as { agent_id: string; agent_ids: string[] }[];
      expect(row).toEqual({ agent_id: merged.body.id, agent_ids: [merged.body.id] });
    } finally {
      if (event.isTransactionActive) await event.rollbackTransaction();
      await event.release();
      // Settled before the api closes, also when an assertion above failed.
      await merging?.catch(() => undefined);
    }
  });
});
