import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CallLogDue1795257047622 implements MigrationInterface {
  name = 'CallLogDue1795257047622';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversations" ADD "call_log_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "conversations_call_log_due_at_idx" ON "conversations"  ("call_log_due_at") WHERE call_log_due_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversations_call_log_due_at_idx"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "call_log_due_at"`);
  }
}
