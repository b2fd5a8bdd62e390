import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from './concurrent-index';

const INDEXES = [
  {
    name: 'call_parties_agent_id_idx',
    definition: `ON "call_parties" ("agent_id") WHERE agent_id IS NOT NULL`,
  },
  {
    name: 'call_status_changes_agent_id_idx',
    definition: `ON "call_status_changes" ("agent_id") WHERE agent_id IS NOT NULL`,
  },
  {
    name: 'messages_agent_author_id_idx',
    definition: `ON "messages" ("author_id") WHERE author_type = 'agent'`,
  },
];

/**
 * Mapping an unmapped placeholder onto an agent moves its calls' parties, status history and
 * messages while both agent rows are locked; without these indexes each move read the whole
 * table, and the agent's presence waited meanwhile. Built concurrently, outside a transaction,
 * so ingestion keeps writing calls and messages during the build.
 */
export class AgentReferenceIndexes1795280598158 implements MigrationInterface {
  name = 'AgentReferenceIndexes1795280598158';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { name, definition } of INDEXES) await createIndexConcurrently(queryRunner, name, definition);
  }

  /** Not concurrently: TypeORM reverts inside a transaction whatever the migration asks, and a drop is quick. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { name } of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX IF EXISTS "${name}"`);
  }
}
