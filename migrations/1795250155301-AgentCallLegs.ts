import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentCallLegs1795250155301 implements MigrationInterface {
  name = 'AgentCallLegs1795250155301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" ADD "call_legs" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "call_legs"`);
  }
}
