import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversations by any agent who took part (`GET /api/conversations?agentId`, and moving a
 * placeholder's history) found through an index instead of reading every conversation. Built
 * concurrently, outside a transaction, so ingestion keeps writing conversations meanwhile.
 */
export class ConversationAgentsIndex1795270288956 implements MigrationInterface {
  name = 'ConversationAgentsIndex1795270288956';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    // An interrupted concurrent build leaves an invalid index behind; start again from nothing.
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "conversations_agent_ids_idx"`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "conversations_agent_ids_idx" ON "conversations" USING gin ("agent_ids")`,
    );
  }

  /** Not concurrently: TypeORM reverts inside a transaction whatever the migration asks, and a drop is quick. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "conversations_agent_ids_idx"`);
  }
}
