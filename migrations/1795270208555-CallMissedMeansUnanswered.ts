import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call's `missed` now means that it ended without any agent answering it, as its `missed`
 * status does. It used to be set as well when one agent let a queue call ring out that another
 * agent then answered; that leg keeps its own flag in `call_parties`. Recomputed from what is
 * stored, both ways.
 */
export class CallMissedMeansUnanswered1795270208555 implements MigrationInterface {
  name = 'CallMissedMeansUnanswered1795270208555';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "conversations" SET "missed" = ("status" = 'missed')
       WHERE "type" = 'call' AND "platform" = 'ringcentral' AND "missed" <> ("status" = 'missed')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "conversations" c SET "missed" = (c."status" = 'missed' OR EXISTS (
         SELECT 1 FROM "call_status_changes" s WHERE s."conversation_id" = c."id" AND s."missed_call"))
       WHERE c."type" = 'call' AND c."platform" = 'ringcentral'`,
    );
  }
}
