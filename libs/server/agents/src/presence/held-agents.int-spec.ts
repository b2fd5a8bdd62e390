import type { INestApplicationContext } from '@nestjs/common';
import { startTestWorker, testConfig } from '@ccp/server-testing';
import { DomainEventDispatcher, type DomainEventContext } from '@ccp/server-webhooks';
import type { Agent } from '@ccp/contracts';
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentDirectory } from '../directory/agent-directory';
import { PresenceService, type UnitOfWork } from './presence.service';

interface AgentRow {
  name: string;
  status: string;
  statusReason: string | null;
  phoneTelephonyStatus: string | null;
  phoneDndStatus: string | null;
  phoneSequence: string | null;
}

interface IntervalRow {
  status: string;
  reason: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

describe('agents held by a transaction, and presence changes written behind', () => {
  const config = testConfig();
  let worker: INestApplicationContext;
  let database: DataSource;
  let directory: AgentDirectory;
  let presence: PresenceService;
  let dispatcher: DomainEventDispatcher;

  /** Unique per run: the int database is shared with other files. */
  const newExtension = () => `79${randomInt(10 ** 9, 10 ** 10 - 1)}`;
  /** A placeholder for the extension, committed, as an earlier webhook would have left it. */
  const knownExtension = async () => {
    const extension = newExtension();
    const id = await database.transaction((manager) => directory.resolveExtension(manager, extension));
    return { extension, id };
  };
  /** A transaction, and the after-commit effects its changes registered (their broadcasts, their jobs). */
  const inTransaction = async <T>(change: (work: UnitOfWork) => Promise<T>) => {
    const effects: (() => Promise<void>)[] = [];
    const result = await database.transaction((manager: EntityManager) =>
      change({ manager, afterCommit: (effect) => effects.push(effect) }),
    );
    return { result, effects };
  };
  /** Whether another transaction could lock the row now, without waiting for it. */
  const lockableElsewhere = async (id: string) => {
    // A connection of its own, outside TypeORM, which would log the refusal as a failed query.
    const client = new pg.Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT id FROM agents WHERE id = $1 FOR NO KEY UPDATE NOWAIT', [id]);
      return true;
    } catch (error) {
      // 55P03 lock_not_available: anything else is a real failure.
      if ((error as { code?: string }).code !== '55P03') throw error;
      return false;
    } finally {
      await client.end();
    }
  };
  const row = async (id: string, manager: EntityManager = database.manager) =>
    (
      await manager.query<AgentRow[]>(
        `SELECT name, status, status_reason AS "statusReason", phone_telephony_status AS "phoneTelephonyStatus",
                phone_dnd_status AS "phoneDndStatus", phone_sequence::text AS "phoneSequence"
         FROM agents WHERE id = $1`,
        [id],
      )
    )[0];
  const intervals = (id: string) =>
    database.query<IntervalRow[]>(
      `SELECT status, reason, started_at AS "startedAt", ended_at AS "endedAt"
       FROM agent_status_intervals WHERE agent_id = $1 ORDER BY started_at`,
      [id],
    );
  const statusEvents = (id: string) =>
    database.query<{ id: string; data: Agent }[]>(
      `SELECT id, data FROM events WHERE type = 'agent:status_changed' AND data->>'id' = $1 ORDER BY id`,
      [id],
    );
  const contextOf = (work: UnitOfWork): DomainEventContext => ({
    ...work,
    webhookEventId: randomUUID(),
    eventKey: randomUUID(),
    receivedAt: new Date(),
    beforeCommit: () => undefined,
  });

  beforeAll(async () => {
    worker = await startTestWorker(config);
    database = worker.get(DataSource);
    directory = worker.get(AgentDirectory);
    presence = worker.get(PresenceService);
    dispatcher = worker.get(DomainEventDispatcher);
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('holds the known agents of the group until it commits, and leaves the others alone', async () => {
    const [first, second, bystander] = await Promise.all([
      knownExtension(),
      knownExtension(),
      knownExtension(),
    ]);
    const seenWhileLocked: boolean[] = [];
    await inTransaction(async ({ manager }) => {
      // A never-seen extension among them is not created here: its change makes the placeholder.
      await presence.lockAheadByExtension(manager, [second.extension, first.extension, newExtension()]);
      for (const { id } of [first, second, bystander]) seenWhileLocked.push(await lockableElsewhere(id));
    });
    expect(seenWhileLocked).toEqual([false, false, true]);
    expect(await lockableElsewhere(first.id)).toBe(true);
  });

  it('applies every change of one agent in the transaction, each on what the one before left', async () => {
    const { extension, id } = await knownExtension();
    await inTransaction(async (work) => {
      await presence.lockAheadByExtension(work.manager, [extension, extension]);
      const agent = { ringcentralExtensionId: extension };
      await presence.phonePresenceReported(work, agent, { sequence: 1, telephonyStatus: 'Ringing' });
      await presence.phonePresenceReported(work, agent, { sequence: 2, dndStatus: 'DoNotAcceptAnyCalls' });
    });
    expect(await row(id)).toMatchObject({
      phoneTelephonyStatus: 'Ringing',
      phoneDndStatus: 'DoNotAcceptAnyCalls',
      phoneSequence: '2',
    });
  });

  it('writes the held-back changes of a group in one statement: the agent, its chained intervals, its events in order', async () => {
    const { extension, id } = await knownExtension();
    const agent = { ringcentralExtensionId: extension };
    // Committed first, so that the agent has an open interval for the group's first change to end.
    await inTransaction((work) =>
      presence.phonePresenceReported(work, agent, {
        sequence: 1,
        presenceStatus: 'Available',
        telephonyStatus: 'NoCall',
      }),
    );
    const [before] = await intervals(id);
    expect(before).toMatchObject({ status: 'available', reason: null, endedAt: null });
    const eventsBefore = (await statusEvents(id)).length;

    const writeBehind = { writeBehind: true };
    const { result, effects } = await inTransaction(async (work) => {
      await presence.lockAheadByExtension(work.manager, [extension]);
      await presence.phonePresenceReported(
        work,
        agent,
        { sequence: 2, telephonyStatus: 'CallConnected' },
        writeBehind,
      );
      await presence.phonePresenceReported(
        work,
        agent,
        { sequence: 3, telephonyStatus: 'NoCall' },
        writeBehind,
      );
      const unwritten = await row(id, work.manager);
      const sent = vi.spyOn(
        work.manager.queryRunner as NonNullable<typeof work.manager.queryRunner>,
        'query',
      );
      await presence.flushHeldWrites(work.manager);
      return { unwritten, statements: sent.mock.calls.length };
    });

    expect(result.unwritten).toMatchObject({ phoneSequence: '1', phoneTelephonyStatus: 'NoCall' });
    expect(result.statements).toBe(1);
    expect(await row(id)).toMatchObject({
      phoneSequence: '3',
      phoneTelephonyStatus: 'NoCall',
      status: before?.status,
      statusReason: before?.reason,
    });
    const timeline = await intervals(id);
    expect(timeline.map(({ status, reason }) => ({ status, reason }))).toEqual([
      { status: before?.status, reason: before?.reason },
      { status: 'busy', reason: 'on_call' },
      { status: before?.status, reason: before?.reason },
    ]);
    // Each interval ends where the next starts; only the last is open.
    expect(timeline.map(({ endedAt }) => endedAt)).toEqual([
      timeline[1]?.startedAt,
      timeline[2]?.startedAt,
      null,
    ]);
    const events = (await statusEvents(id)).slice(eventsBefore);
    expect(events.map(({ data }) => data.statusReason)).toEqual(['on_call', before?.reason]);
    // Their broadcasts, one each, wait for the commit.
    expect(effects).toHaveLength(2);
  });

  it('writes what a group held back before it dispatches an event of another kind, and when it settles', async () => {
    const { extension, id } = await knownExtension();
    const seen = await inTransaction(async (work) => {
      const context = contextOf(work);
      await dispatcher.prepare(
        [{ type: 'agent.phone_presence', extensionId: extension, sequence: 1, activeCalls: [] }],
        work.manager,
      );
      await dispatcher.dispatch(
        {
          type: 'agent.phone_presence',
          extensionId: extension,
          sequence: 1,
          telephonyStatus: 'CallConnected',
          activeCalls: [],
        },
        context,
      );
      const held = await row(id, work.manager);
      // An event whose handler writes no agent: only the dispatcher can have written the held change.
      await dispatcher.dispatch({ type: 'subscription.expiring', subscriptionId: randomUUID() }, context);
      const afterOther = await row(id, work.manager);
      await dispatcher.dispatch(
        {
          type: 'agent.phone_presence',
          extensionId: extension,
          sequence: 2,
          telephonyStatus: 'OnHold',
          activeCalls: [],
        },
        context,
      );
      await dispatcher.settle(work.manager);
      return { held, afterOther, settled: await row(id, work.manager) };
    });
    expect(seen.result.held?.phoneTelephonyStatus).toBeNull();
    expect(seen.result.afterOther?.phoneTelephonyStatus).toBe('CallConnected');
    expect(seen.result.settled?.phoneTelephonyStatus).toBe('OnHold');
  });

  it('keeps the name an event of the same group gave the placeholder while its presence change was held', async () => {
    const { extension, id } = await knownExtension();
    await inTransaction(async (work) => {
      await presence.lockAheadByExtension(work.manager, [extension]);
      await presence.phonePresenceReported(
        work,
        { ringcentralExtensionId: extension },
        { sequence: 1, telephonyStatus: 'CallConnected' },
        { writeBehind: true },
      );
      // A call leg naming the person behind the extension; without being told, the flush would
      // write back the name the row had when it was locked.
      await directory.resolveExtension(work.manager, extension, { name: 'Riley Phone' });
      await presence.flushHeldWrites(work.manager);
    });
    expect(await row(id)).toMatchObject({ name: 'Riley Phone', phoneTelephonyStatus: 'CallConnected' });
  });
});
