import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** `FOR NO KEY UPDATE` lets transactions that only reference the row (`FOR KEY SHARE`) go on. */
export type RowLock = 'FOR UPDATE' | 'FOR NO KEY UPDATE';

/**
 * Reads the one row that `where` (entity properties, compared for equality) selects, under a row
 * lock, as a whole entity hydrated through its metadata as TypeORM's own reads are. Processing
 * locks an agent or a conversation for every webhook, and TypeORM's find builds that SELECT from
 * the metadata on each call, which took more of the worker's CPU than the statement itself.
 */
export async function findLockedRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: { [K in keyof T & string]?: string },
  lock: RowLock,
): Promise<T | undefined> {
  const metadata = manager.connection.getMetadata(target);
  const conditions = Object.entries(where).map(([property, value], index) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return { sql: `"${column.databaseName}" = $${index + 1}`, value };
  });
  const [row] = (await manager.query(
    `SELECT * FROM "${metadata.tableName}" WHERE ${conditions.map((c) => c.sql).join(' AND ')} ${lock}`,
    conditions.map((condition) => condition.value),
  )) as Record<string, unknown>[];
  if (!row) return undefined;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.isVirtual) continue;
    column.setEntityValue(
      entity,
      manager.connection.driver.prepareHydratedValue(row[column.databaseName], column),
    );
  }
  return entity;
}
