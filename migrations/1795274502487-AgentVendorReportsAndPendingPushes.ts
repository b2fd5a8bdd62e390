import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two records on the agent row: the last LiveChat status report and when it came, so that every
 * delivery of a status report can be stored and a redelivery still recognised; and what each
 * vendor still has to be told, kept in the transaction of the change, so that a push whose job
 * Redis lost is queued again by a sweep. Existing agents start with neither, as before.
 */
export class AgentVendorReportsAndPendingPushes1795274502487 implements MigrationInterface {
  name = 'AgentVendorReportsAndPendingPushes1795274502487';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" ADD "chat_status_reported" character varying(24)`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "chat_status_reported_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "pending_pushes" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "pending_pushes"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "chat_status_reported_at"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "chat_status_reported"`);
  }
}
