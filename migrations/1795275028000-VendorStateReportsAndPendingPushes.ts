import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last LiveChat state report applied per subject (an agent's routing status, a thread's tag,
 * a participant, a rating…), so that every delivery of such a report can be stored and still the
 * last one received wins and a redelivery changes nothing; and, on the agent row, what each
 * vendor still has to be told, kept in the transaction of the change so that a push whose job
 * Redis lost is queued again by a sweep. Nothing to backfill: a subject without a row takes the
 * next report as news, and existing agents have nothing pending.
 */
export class VendorStateReportsAndPendingPushes1795275028000 implements MigrationInterface {
  name = 'VendorStateReportsAndPendingPushes1795275028000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "vendor_state_reports" ("subject" text NOT NULL, "value" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d33db9f422e908f673dcfd0fe4c" PRIMARY KEY ("subject"))`);
    await queryRunner.query(`CREATE INDEX "vendor_state_reports_received_at_idx" ON "vendor_state_reports"  ("received_at") `);
    await queryRunner.query(`ALTER TABLE "agents" ADD "pending_pushes" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "pending_pushes"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_state_reports_received_at_idx"`);
    await queryRunner.query(`DROP TABLE "vendor_state_reports"`);
  }
}
