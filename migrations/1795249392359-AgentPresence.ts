import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentPresence1795249392359 implements MigrationInterface {
  name = 'AgentPresence1795249392359';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "presence_policy" ("id" integer NOT NULL, "policy" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_32014d8f627017b0ae7ef8e4001" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "agent_status_intervals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agent_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "reason" character varying(32), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b9ef29c49c15d986a0b436cbce9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "agent_status_intervals_agent_id_started_at_idx" ON "agent_status_intervals"  ("agent_id", "started_at") `);
    await queryRunner.query(`ALTER TABLE "agents" ADD "status_reason" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "status_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "chat_status" character varying(24)`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "phone_presence_status" text`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "phone_user_status" text`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "phone_telephony_status" text`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "phone_dnd_status" text`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "phone_sequence" bigint`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "manual_status" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "open_chats" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "chat_status_before_call" character varying(24)`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "wrap_up_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "dnd_before_capacity" text`);
    await queryRunner.query(`ALTER TABLE "agents" ADD "pending_echoes" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "pending_echoes"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "dnd_before_capacity"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "wrap_up_until"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "chat_status_before_call"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "open_chats"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "manual_status"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "phone_sequence"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "phone_dnd_status"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "phone_telephony_status"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "phone_user_status"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "phone_presence_status"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "chat_status"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "status_since"`);
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "status_reason"`);
    await queryRunner.query(`DROP INDEX "public"."agent_status_intervals_agent_id_started_at_idx"`);
    await queryRunner.query(`DROP TABLE "agent_status_intervals"`);
    await queryRunner.query(`DROP TABLE "presence_policy"`);
  }
}
