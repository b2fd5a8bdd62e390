import { CombinedWrite } from '@ccp/server-platform';
import { testConfig } from '@ccp/server-testing';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatusIntervals } from './agent-timeline';

const HISTORY_LENGTH = 5_000;

/** Rows of agent_status_intervals this transaction has read so far, whole-table or through an index. */
async function intervalRowsRead(manager: EntityManager): Promise<number> {
  const [row] = await manager.query<{ read: number }[]>(
    `SELECT (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int AS read
     FROM pg_stat_xact_user_tables WHERE relname = 'agent_status_intervals'`,
  );
  return row?.read ?? 0;
}

describe('the agent state timeline', () => {
  let database: DataSource;

  beforeAll(async () => {
    database = await new DataSource({ type: 'postgres', url: testConfig().DATABASE_URL }).initialize();
  });

  afterAll(() => database?.destroy());

  /** The int database is shared with other files: what a test writes here is never committed. */
  const rolledBack = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const runner = database.createQueryRunner();
    await runner.startTransaction();
    try {
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  // Every status change closes the agent's open interval while the agent's row is locked, so its
  // cost must not grow with the agent's history.
  it('closes an agent’s open interval reading that interval alone, however long the history', async () => {
    const agentId = randomUUID();
    const changedAt = new Date();
    const { rowsRead, open } = await rolledBack(async (manager) => {
      await manager.query(
        `INSERT INTO agent_status_intervals (agent_id, status, started_at, ended_at)
         SELECT $1, 'busy', $2::timestamptz - make_interval(mins => i), $2::timestamptz - make_interval(mins => i - 1)
         FROM generate_series(2, $3) AS i`,
        [agentId, changedAt, HISTORY_LENGTH],
      );
      await manager.query(
        `INSERT INTO agent_status_intervals (agent_id, status, started_at)
         VALUES ($1, 'available', $2::timestamptz - interval '1 minute')`,
        [agentId, changedAt],
      );
      // A test database's tables are so small that PostgreSQL would rather read them whole.
      await manager.query('SET LOCAL enable_seqscan = off');
      const before = await intervalRowsRead(manager);
      const write = new CombinedWrite();
      startStatusIntervals(
        write,
        new Map([[agentId, [{ status: 'busy', reason: 'on_call', at: changedAt }]]]),
      );
      await write.run(manager);
      const rowsRead = (await intervalRowsRead(manager)) - before;
      const open = await manager.query<{ status: string; startedAt: Date }[]>(
        `SELECT status, started_at AS "startedAt" FROM agent_status_intervals
         WHERE agent_id = $1 AND ended_at IS NULL`,
        [agentId],
      );
      return { rowsRead, open };
    });
    expect(open).toEqual([{ status: 'busy', startedAt: changedAt }]);
    expect(rowsRead).toBe(1);
  });
});
