import type { DataSource } from 'typeorm';

const BATCH = 5_000;

/**
 * Deletes the rows of `table` that `where` selects, one batch per statement, so that trimming a
 * long history never holds many row locks or one long transaction while ingestion goes on.
 * `table`, `where` and `key` (the primary key column) are the caller's constants; values go in
 * `parameters`. Returns the count.
 */
export async function deleteInBatches(
  dataSource: DataSource,
  table: string,
  where: string,
  parameters: unknown[],
  key = 'id',
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [batch] = (await dataSource.query(
      `WITH gone AS (
         DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${where} LIMIT ${BATCH}) RETURNING 1
       )
       SELECT count(*)::int AS count FROM gone`,
      parameters,
    )) as { count: number }[];
    const count = batch?.count ?? 0;
    deleted += count;
    if (count < BATCH) return deleted;
  }
}
