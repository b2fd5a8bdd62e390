import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Telephony values the vendor controls fit whatever it sends: a status code it adds later (it
 * was varchar(32)) and a sequence beyond integer's range. Changed in place, so no call is lost;
 * the unique index on the sequence is rebuilt by PostgreSQL.
 */
export class VendorCallValuesWiden1795262055848 implements MigrationInterface {
  name = 'VendorCallValuesWiden1795262055848';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_parties" ALTER COLUMN "status" TYPE text`);
    await queryRunner.query(`ALTER TABLE "call_parties" ALTER COLUMN "last_sequence" TYPE bigint`);
    await queryRunner.query(`ALTER TABLE "call_status_changes" ALTER COLUMN "sequence" TYPE bigint`);
    await queryRunner.query(`ALTER TABLE "call_status_changes" ALTER COLUMN "status" TYPE text`);
  }

  /** Fails, leaving everything as it is, if a stored value no longer fits the old types. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_status_changes" ALTER COLUMN "status" TYPE character varying(32)`);
    await queryRunner.query(`ALTER TABLE "call_status_changes" ALTER COLUMN "sequence" TYPE integer`);
    await queryRunner.query(`ALTER TABLE "call_parties" ALTER COLUMN "last_sequence" TYPE integer`);
    await queryRunner.query(`ALTER TABLE "call_parties" ALTER COLUMN "status" TYPE character varying(32)`);
  }
}
