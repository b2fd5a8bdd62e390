import type { INestApplicationContext } from '@nestjs/common';
import { startTestWorker, testConfig } from '@ccp/server-testing';
import { randomInt } from 'node:crypto';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PresenceService, type UnitOfWork } from '../presence/presence.service';
import { AgentDirectory } from './agent-directory';

interface AgentRow {
  name: string;
  phoneTelephonyStatus: string | null;
  phoneDndStatus: string | null;
  phoneSequence: string | null;
}

describe('agents locked ahead by a group of presence webhooks', () => {
  const config = testConfig();
  let worker: INestApplicationContext;
  let database: DataSource;
  let directory: AgentDirectory;
  let presence: PresenceService;

  /** Unique per run: the int database is shared with other files. */
  const newExtension = () => `79${randomInt(10 ** 9, 10 ** 10 - 1)}`;
  /** A placeholder for the extension, committed, as an earlier webhook would have left it. */
  const knownExtension = async () => {
    const extension = newExtension();
    const id = await database.transaction((manager) => directory.resolveExtension(manager, extension));
    return { extension, id };
  };
  const inTransaction = (change: (work: UnitOfWork) => Promise<void>) =>
    database.transaction((manager: EntityManager) => change({ manager, afterCommit: () => undefined }));
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
  const row = async (id: string) =>
    (
      await database.query<AgentRow[]>(
        `SELECT name, phone_telephony_status AS "phoneTelephonyStatus", phone_dnd_status AS "phoneDndStatus",
                phone_sequence::text AS "phoneSequence"
         FROM agents WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    worker = await startTestWorker(config);
    database = worker.get(DataSource);
    directory = worker.get(AgentDirectory);
    presence = worker.get(PresenceService);
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

  it('applies every change of one agent in the group, each on what the one before wrote', async () => {
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

  it('keeps the name an event of the same group gave the placeholder before its presence changed', async () => {
    const { extension, id } = await knownExtension();
    await inTransaction(async (work) => {
      await presence.lockAheadByExtension(work.manager, [extension]);
      // A call leg ahead of the presence notification, naming the person behind the extension.
      await directory.resolveExtension(work.manager, extension, { name: 'Riley Phone' });
      await presence.phonePresenceReported(
        work,
        { ringcentralExtensionId: extension },
        {
          sequence: 1,
          telephonyStatus: 'CallConnected',
        },
      );
    });
    expect(await row(id)).toMatchObject({ name: 'Riley Phone', phoneTelephonyStatus: 'CallConnected' });
  });
});
