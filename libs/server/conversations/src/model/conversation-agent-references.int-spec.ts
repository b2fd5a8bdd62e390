import { AgentReferences } from '@ccp/server-agents';
import { ApiPlatformModule } from '@ccp/server-platform';
import { startTestApi, testConfig, type RunningApi } from '@ccp/server-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationsModule } from '../conversations.module';

const TABLES_WITH_AGENT_IDS = ['conversations', 'call_parties', 'call_status_changes', 'messages'];

describe('moving a placeholder agent’s history', () => {
  let api: RunningApi;

  beforeAll(async () => {
    const config = testConfig();
    class TestApi {}
    api = await startTestApi(
      { module: TestApi, imports: [ApiPlatformModule.forRoot(config), ConversationsModule] },
      config,
    );
  });

  afterAll(() => api?.close());

  // Both agent rows stay locked while their history moves, so the move must not read whole tables.
  it('finds every reference through an index', async () => {
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
});
