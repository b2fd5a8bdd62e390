import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from './concurrent-index';

const NAME = 'agent_status_intervals_open_idx';

/**
 * Closing an agent's open interval searched all of that agent's intervals (or, once the planner
 * judged them many, the whole table), on every status change and while the agent row is locked.
 * Built concurrently, outside a transaction, so presence keeps writing intervals during the build.
 */
export class OpenStatusIntervalsIndex1796563200000 implements MigrationInterface {
  name = 'OpenStatusIntervalsIndex1796563200000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIndexConcurrently(
      queryRunner,
      NAME,
      `ON "agent_status_intervals" ("agent_id") WHERE ended_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "${NAME}"`);
  }
}
