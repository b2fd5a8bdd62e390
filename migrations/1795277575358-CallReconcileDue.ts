import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When to ask RingCentral whether a call that has gone silent is still going. Calls already
 * open are due at once: any of them whose end was lost is ended by the next sweep.
 */
export class CallReconcileDue1795277575358 implements MigrationInterface {
  name = 'CallReconcileDue1795277575358';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversations" ADD "call_reconcile_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "conversations_call_reconcile_due_at_idx" ON "conversations"  ("call_reconcile_due_at") WHERE call_reconcile_due_at IS NOT NULL`);
    await queryRunner.query(
      `UPDATE "conversations" SET "call_reconcile_due_at" = now()
       WHERE "type" = 'call' AND "platform" = 'ringcentral' AND "status" IN ('queued', 'active')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."conversations_call_reconcile_due_at_idx"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "call_reconcile_due_at"`);
  }
}
