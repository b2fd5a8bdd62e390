import type { QueryRunner } from 'typeorm';

/**
 * Builds an index without blocking writes to its table; the migration must run outside a
 * transaction (`transaction = false`).
 */
export async function createIndexConcurrently(
  queryRunner: QueryRunner,
  name: string,
  definition: string,
): Promise<void> {
  // An interrupted concurrent build leaves an invalid index behind; start again from nothing.
  await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
  await queryRunner.query(`CREATE INDEX CONCURRENTLY "${name}" ${definition}`);
}
