import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConversationsCustomersAgents1795247787394 implements MigrationInterface {
  name = 'ConversationsCustomersAgents1795247787394';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "email" text, "user_id" uuid, "team_id" text, "skills" text array NOT NULL DEFAULT '{}', "max_concurrent_chats" integer NOT NULL DEFAULT '3', "livechat_agent_id" text, "ringcentral_extension_id" text, "mapped" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'offline', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c653f28ae19c5884d5baf6a1d9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "agents_user_id_key" ON "agents"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "agents_livechat_agent_id_key" ON "agents"  ("livechat_agent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "agents_ringcentral_extension_id_key" ON "agents"  ("ringcentral_extension_id") `);
    await queryRunner.query(`CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(8) NOT NULL, "platform" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "external_id" text NOT NULL, "chat_id" text, "customer_id" uuid, "agent_id" uuid, "agent_ids" uuid array NOT NULL DEFAULT '{}', "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "tags" text array NOT NULL DEFAULT '{}', "csat" character varying(8), "csat_comment" text, "properties" jsonb NOT NULL DEFAULT '{}', "direction" character varying(8), "from_number" text, "from_name" text, "to_number" text, "to_name" text, "missed" boolean NOT NULL DEFAULT false, "answered_at" TIMESTAMP WITH TIME ZONE, "duration_seconds" integer, "talk_seconds" integer, "call_result" text, "recording_url" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "conversations_chat_id_idx" ON "conversations"  ("chat_id") `);
    await queryRunner.query(`CREATE INDEX "conversations_customer_id_idx" ON "conversations"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "conversations_agent_id_idx" ON "conversations"  ("agent_id") `);
    await queryRunner.query(`CREATE INDEX "conversations_started_at_idx" ON "conversations"  ("started_at") `);
    await queryRunner.query(`CREATE INDEX "conversations_status_type_idx" ON "conversations"  ("status", "type") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "conversations_platform_external_id_key" ON "conversations"  ("platform", "external_id") `);
    await queryRunner.query(`CREATE TABLE "call_parties" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "party_id" text NOT NULL, "extension_id" text, "agent_id" uuid, "direction" character varying(8) NOT NULL, "from_number" text, "from_name" text, "to_number" text, "to_name" text, "status" character varying(32) NOT NULL, "reason" text, "missed" boolean NOT NULL DEFAULT false, "last_sequence" integer NOT NULL, CONSTRAINT "PK_acd10c8850540f6a53ca01eabf3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "call_parties_conversation_id_party_id_key" ON "call_parties"  ("conversation_id", "party_id") `);
    await queryRunner.query(`CREATE TABLE "call_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "party_id" text NOT NULL, "sequence" integer NOT NULL, "event_time" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(32) NOT NULL, "reason" text, "direction" character varying(8) NOT NULL, "extension_id" text, "agent_id" uuid, "from_number" text, "from_name" text, "to_number" text, "to_name" text, "missed_call" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_c78ab61053c3d517abfcd2a28b3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "call_status_changes_conversation_party_sequence_key" ON "call_status_changes"  ("conversation_id", "party_id", "sequence") `);
    await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "external_id" text NOT NULL, "author_type" character varying(16) NOT NULL, "author_id" uuid, "author_external_id" text, "kind" character varying(32) NOT NULL, "text" text, "attachments" jsonb NOT NULL DEFAULT '[]', "visibility" character varying(8) NOT NULL DEFAULT 'all', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "messages_conversation_id_created_at_idx" ON "messages"  ("conversation_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "messages_conversation_id_external_id_key" ON "messages"  ("conversation_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text, "name_source" character varying(16), "attributes" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "customer_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a6dcd2cf7f2587b5a27cfa9c8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "customer_identities_customer_id_idx" ON "customer_identities"  ("customer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_identities_kind_value_key" ON "customer_identities"  ("kind", "value") `);
    await queryRunner.query(`ALTER TABLE "call_parties" ADD CONSTRAINT "FK_3d3196de5567c365ed38134ae31" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "call_status_changes" ADD CONSTRAINT "FK_28e7fd4d50d20b629aeab22a02a" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "customer_identities" ADD CONSTRAINT "FK_f029c64f58346eb3bb3d760a97e" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_identities" DROP CONSTRAINT "FK_f029c64f58346eb3bb3d760a97e"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23"`);
    await queryRunner.query(`ALTER TABLE "call_status_changes" DROP CONSTRAINT "FK_28e7fd4d50d20b629aeab22a02a"`);
    await queryRunner.query(`ALTER TABLE "call_parties" DROP CONSTRAINT "FK_3d3196de5567c365ed38134ae31"`);
    await queryRunner.query(`DROP INDEX "public"."customer_identities_kind_value_key"`);
    await queryRunner.query(`DROP INDEX "public"."customer_identities_customer_id_idx"`);
    await queryRunner.query(`DROP TABLE "customer_identities"`);
    await queryRunner.query(`DROP TABLE "customers"`);
    await queryRunner.query(`DROP INDEX "public"."messages_conversation_id_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."messages_conversation_id_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP INDEX "public"."call_status_changes_conversation_party_sequence_key"`);
    await queryRunner.query(`DROP TABLE "call_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."call_parties_conversation_id_party_id_key"`);
    await queryRunner.query(`DROP TABLE "call_parties"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_platform_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_status_type_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_started_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_agent_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_customer_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_chat_id_idx"`);
    await queryRunner.query(`DROP TABLE "conversations"`);
    await queryRunner.query(`DROP INDEX "public"."agents_ringcentral_extension_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."agents_livechat_agent_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."agents_user_id_key"`);
    await queryRunner.query(`DROP TABLE "agents"`);
  }
}
