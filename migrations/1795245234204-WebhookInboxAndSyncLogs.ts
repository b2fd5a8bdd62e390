import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookInboxAndSyncLogs1795245234204 implements MigrationInterface {
  name = 'WebhookInboxAndSyncLogs1795245234204';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."sync_log_status" AS ENUM('success', 'failed', 'skipped')`);
    await queryRunner.query(`CREATE TABLE "sync_logs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_type" text NOT NULL, "status" "public"."sync_log_status" NOT NULL, "duration_ms" integer NOT NULL, "error" text, "references" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f441fe15484e077c80ddec89336" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sync_logs_created_at_idx" ON "sync_logs"  ("created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."webhook_vendor" AS ENUM('livechat', 'ringcentral')`);
    await queryRunner.query(`CREATE TYPE "public"."webhook_event_status" AS ENUM('received', 'processed', 'ignored', 'failed', 'dead', 'invalid')`);
    await queryRunner.query(`CREATE TABLE "webhook_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vendor" "public"."webhook_vendor" NOT NULL, "event_key" text NOT NULL, "type" text NOT NULL, "status" "public"."webhook_event_status" NOT NULL, "raw_body" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "webhook_events_event_key_key" ON "webhook_events"  ("event_key") `);
    await queryRunner.query(`CREATE INDEX "webhook_events_status_received_at_idx" ON "webhook_events"  ("status", "received_at") `);
    await queryRunner.query(`CREATE TABLE "webhook_outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "webhook_event_id" uuid NOT NULL, "event_key" text NOT NULL, "job_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4a40df90155b6146edea062e4b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "webhook_outbox_webhook_event_id_key" ON "webhook_outbox"  ("webhook_event_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."webhook_outbox_webhook_event_id_key"`);
    await queryRunner.query(`DROP TABLE "webhook_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_events_status_received_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_events_event_key_key"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_event_status"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_vendor"`);
    await queryRunner.query(`DROP INDEX "public"."sync_logs_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "sync_logs"`);
    await queryRunner.query(`DROP TYPE "public"."sync_log_status"`);
  }
}
