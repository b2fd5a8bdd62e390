import { AgentReferences } from '@ccp/server-agents';
import { CombinedWrite, findLockedRow, RealtimePublisher, updateRow } from '@ccp/server-platform';
import { startFeatureApi, testConfig, type RunningApi } from '@ccp/server-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConversationsModule } from '../conversations.module';
import { ConversationEntity } from './conversation.entity';
import { ConversationStore, type NewMessage } from './conversation.store';
import { MessageEntity } from './message.entity';

const TABLES_WITH_AGENT_IDS = ['conversations', 'call_parties', 'call_status_changes', 'messages'];

describe('the conversation model on PostgreSQL', () => {
  let api: RunningApi;

  beforeAll(async () => {
    const config = testConfig();
    api = await startFeatureApi(config, [ConversationsModule]);
  });

  afterAll(() => api?.close());

  // Both agent rows stay locked while their history moves, so the move must not read whole tables.
  it('moves a placeholder agent’s history through indexes only', async () => {
    const scans = await api.app.get(DataSource).transaction(async (manager) => {
      // A test database's tables are so small that PostgreSQL would rather read them whole.
      await manager.query('SET LOCAL enable_seqscan = off');
      await api.app.get(AgentReferences).move(manager, randomUUID(), randomUUID());
      return (await manager.query(
        'SELECT relname AS "table", seq_scan::int AS "wholeTableReads" FROM pg_stat_xact_user_tables WHERE relname = ANY($1) ORDER BY relname',
        [TABLES_WITH_AGENT_IDS],
      )) as { table: string; wholeTableReads: number }[];
    });
    expect(scans).toEqual([...TABLES_WITH_AGENT_IDS].sort().map((table) => ({ table, wholeTableReads: 0 })));
  });

  // Processing reads them for every webhook with plain SQL instead of TypeORM's find.
  it('reads a locked agent or conversation exactly as TypeORM does', async () => {
    const database = api.app.get(DataSource);
    // The agents library keeps its entity to itself; TypeORM knows it by name.
    const AgentEntity = 'AgentEntity';
    const agent = await database.getRepository(AgentEntity).save({
      name: 'Locked Reader',
      skills: ['billing', 'arabic'],
      livechatAgentId: `${randomUUID()}@example.com`,
      callLegs: { [`s-${randomUUID()}`]: { sequence: 7, telephonyStatus: 'CallConnected' } },
      pendingPushes: { livechatStatus: { value: 'not_accepting_chats', since: new Date().toISOString() } },
      wrapUpUntil: new Date(),
    });
    const conversation = await database.getRepository(ConversationEntity).save({
      type: 'chat',
      platform: 'livechat',
      status: 'active',
      externalId: `thread-${randomUUID()}`,
      agentId: agent.id,
      agentIds: [agent.id],
      tags: ['vip'],
      properties: { routing: { score: 3 } },
      startedAt: new Date(),
    });

    await database.transaction(async (manager) => {
      expect(await findLockedRow(manager, AgentEntity, { id: agent.id }, 'FOR NO KEY UPDATE')).toEqual(
        await manager.findOneBy(AgentEntity, { id: agent.id }),
      );
      const key = { platform: 'livechat' as const, externalId: conversation.externalId };
      expect(await findLockedRow(manager, ConversationEntity, key, 'FOR UPDATE')).toEqual(
        await manager.findOneBy(ConversationEntity, key),
      );
      expect(await findLockedRow(manager, AgentEntity, { id: randomUUID() }, 'FOR UPDATE')).toBeUndefined();
    });
  });

  it('writes an agent or a conversation exactly as TypeORM reads it back', async () => {
    const database = api.app.get(DataSource);
    const AgentEntity = 'AgentEntity';
    const agent = await database.getRepository(AgentEntity).save({ name: 'Row Writer', skills: ['sales'] });
    const conversation = await database.getRepository(ConversationEntity).save({
      type: 'call',
      platform: 'ringcentral',
      status: 'active',
      externalId: `s-${randomUUID()}`,
    });

    const agentChanges = {
      skills: ['sales', 'english'],
      callLegs: {
        [`s-${randomUUID()}`]: { sequence: 3, telephonyStatus: null, endedAt: new Date().toISOString() },
      },
      pendingPushes: {},
      wrapUpUntil: new Date(Date.now() + 30_000),
      maxConcurrentChats: 5,
    };
    const conversationChanges = {
      status: 'ended' as const,
      agentIds: [agent.id as string],
      tags: ['refund', 'vip'],
      properties: { source: { url: 'https://example.com/help' } },
      missed: true,
      endedAt: new Date(),
      durationSeconds: 95,
      csat: null,
    };
    const updatedAt = await database.transaction(async (manager) => {
      expect(await updateRow(manager, AgentEntity, agent.id as string, agentChanges)).toBeInstanceOf(Date);
      return updateRow(manager, ConversationEntity, conversation.id, conversationChanges);
    });

    expect(await database.getRepository(AgentEntity).findOneBy({ id: agent.id })).toMatchObject(agentChanges);
    expect(await database.getRepository(ConversationEntity).findOneBy({ id: conversation.id })).toEqual({
      ...conversation,
      ...conversationChanges,
      updatedAt,
    });
  });

  // Presence changes write their agents, their timelines and their events together, in one round trip.
  it('sends the writes gathered for a row update with it, as one statement, and reads back what they return', async () => {
    const database = api.app.get(DataSource);
    const AgentEntity = 'AgentEntity';
    const agent = await database.getRepository(AgentEntity).save({ name: 'Combined Writer' });
    const announcement = {
      id: randomUUID(),
      text: 'written with the agent',
      authorId: agent.id as string,
      authorName: 'Combined Writer',
      createdAt: new Date().toISOString(),
    };
    const later = { ...announcement, id: randomUUID(), text: 'and one after it' };
    const { statements, events } = await database.transaction(async (manager) => {
      const sent = vi.spyOn(manager.queryRunner as NonNullable<typeof manager.queryRunner>, 'query');
      const write = new CombinedWrite();
      const recorded = api.app.get(RealtimePublisher).recordAllWith(write, [
        { type: 'announcement:created', data: announcement, audience: ['supervisors'] },
        { type: 'announcement:created', data: later, audience: ['supervisors', 'team:t1'] },
      ]);
      write.with(
        'interval',
        `INSERT INTO agent_status_intervals (agent_id, status, reason, started_at)
         VALUES (${write.param(agent.id)}, 'busy', 'manual', now())`,
      );
      await updateRow(manager, AgentEntity, agent.id as string, { name: 'Renamed Writer' }, write);
      return { statements: sent.mock.calls.length, events: recorded() };
    });

    expect(statements).toBe(1);
    expect(await database.getRepository(AgentEntity).findOneBy({ id: agent.id })).toMatchObject({
      name: 'Renamed Writer',
    });
    expect(
      await database.query('SELECT status FROM agent_status_intervals WHERE agent_id = $1', [agent.id]),
    ).toEqual([{ status: 'busy' }]);
    const stored = (await database.query(
      'SELECT id, type, at, data, audience FROM events WHERE id = ANY($1) ORDER BY id',
      [events.map((event) => event.id)],
    )) as { id: string; type: string; at: Date; data: unknown; audience: string[] }[];
    // In the order given, each read back with the id and time the log gave it.
    expect(events).toEqual(stored.map((row) => ({ ...row, id: Number(row.id), at: row.at.toISOString() })));
    expect(stored).toMatchObject([
      { type: 'announcement:created', data: announcement, audience: ['supervisors'] },
      { type: 'announcement:created', data: later, audience: ['supervisors', 'team:t1'] },
    ]);
  });

  // Processing adds one for every chat message webhook and reads it back from the same statement.
  it('adds a message once and returns it exactly as TypeORM reads it', async () => {
    const database = api.app.get(DataSource);
    // The worker's store, stateless: the api module under test does not provide it.
    const store = new ConversationStore();
    const key = {
      type: 'chat' as const,
      platform: 'livechat' as const,
      externalId: `thread-${randomUUID()}`,
    };
    const message: Omit<NewMessage, 'conversationId'> = {
      externalId: `event-${randomUUID()}`,
      authorType: 'customer',
      authorId: null,
      authorExternalId: 'customer@example.com',
      kind: 'file',
      text: 'the invoice',
      attachments: [
        {
          url: 'https://cdn.example.com/invoice.pdf',
          name: 'invoice.pdf',
          size: 1024,
          contentType: 'application/pdf',
        },
      ],
      visibility: 'all',
      createdAt: new Date('2026-11-21T10:00:00.123Z'),
    };
    const [added, again, created] = await database.transaction(async (manager) => {
      const { conversation, created: first } = await store.lockOrCreate(manager, key, { status: 'active' });
      const locked = await store.lockOrCreate(manager, key, { status: 'queued' });
      expect(locked.conversation.id).toBe(conversation.id);
      const newMessage = { ...message, conversationId: conversation.id };
      return [
        await store.addMessage(manager, newMessage),
        await store.addMessage(manager, newMessage),
        [first, locked.created],
      ];
    });

    expect(created).toEqual([true, false]);
    expect(again).toBeUndefined();
    expect(added).toBeInstanceOf(MessageEntity);
    expect(added).toEqual(await database.getRepository(MessageEntity).findOneBy({ id: added?.id }));
    expect(added).toMatchObject(message);
  });
});
