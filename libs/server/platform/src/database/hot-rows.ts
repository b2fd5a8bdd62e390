import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { CombinedWrite } from './combined-write';

// Plain SQL for the rows processing reads and writes for every webhook (the agent, the
// conversation): TypeORM's find and update build each statement from the entity's metadata on
// every call, which took more of the worker's CPU than the statements themselves. Values go
// through the same metadata both ways (transformers, json, arrays), so the rows are TypeORM's.

/** `FOR NO KEY UPDATE` lets transactions that only reference the row (`FOR KEY SHARE`) go on. */
export type RowLock = 'FOR UPDATE' | 'FOR NO KEY UPDATE';

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.name} has no column ${property}`);
  return column;
}

/**
 * Reads the one row that `where` (entity properties, compared for equality) selects, under a row
 * lock, as a whole entity.
 */
export async function findLockedRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: { [K in keyof T & string]?: string },
  lock: RowLock,
): Promise<T | undefined> {
  const metadata = manager.connection.getMetadata(target);
  const conditions = Object.entries(where).map(([property, value], index) => ({
    sql: `"${columnOf(metadata, property).databaseName}" = $${index + 1}`,
    value,
  }));
  const [row] = (await manager.query(
    `SELECT * FROM "${metadata.tableName}" WHERE ${conditions.map((c) => c.sql).join(' AND ')} ${lock}`,
    conditions.map((condition) => condition.value),
  )) as Record<string, unknown>[];
  return row && hydrateRow(manager, target, row);
}

/**
 * Every row whose `property` is one of `values`, locked in primary-key order: two transactions
 * that lock overlapping sets this way take the rows they share in the same order, so neither
 * waits for the other in a cycle.
 */
export async function findLockedRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  property: keyof T & string,
  values: string[],
  lock: RowLock,
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(target);
  const key = metadata.primaryColumns[0]?.databaseName ?? 'id';
  const rows = (await manager.query(
    `SELECT * FROM "${metadata.tableName}" WHERE "${columnOf(metadata, property).databaseName}" = ANY($1)
     ORDER BY "${key}" ${lock}`,
    [values],
  )) as Record<string, unknown>[];
  return rows.map((row) => hydrateRow(manager, target, row));
}

/** A whole row as read from PostgreSQL (`SELECT *`, `RETURNING *`) as the entity TypeORM would load. */
export function hydrateRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
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

/**
 * The UPDATE that writes `fields` (entity properties) to the row whose primary key is `id`, and
 * sets the entity's update date column, if it has one, to the database's clock; its values are
 * parameters of `write`.
 */
export function updateRowSql<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  fields: Partial<T>,
  write: CombinedWrite,
): string {
  const metadata = manager.connection.getMetadata(target);
  const { driver } = manager.connection;
  const key = metadata.primaryColumns[0]?.databaseName ?? 'id';
  const where = `"${key}" = ${write.param(id)}`;
  const set = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => {
      const column = columnOf(metadata, property);
      return `"${column.databaseName}" = ${write.param(driver.preparePersistentValue(value, column) as unknown)}`;
    });
  const updatedAt = metadata.updateDateColumn?.databaseName;
  if (updatedAt) set.push(`"${updatedAt}" = now()`);
  return `UPDATE "${metadata.tableName}" SET ${set.join(', ')} WHERE ${where}`;
}

/**
 * Runs updateRowSql(), with the writes added to `write` in the same statement; returns the
 * update date the row got, if the entity has one.
 */
export async function updateRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  fields: Partial<T>,
  write = new CombinedWrite(),
): Promise<Date | undefined> {
  const updatedAt = manager.connection.getMetadata(target).updateDateColumn?.databaseName;
  const row = await write.run(
    manager,
    updateRowSql(manager, target, id, fields, write),
    updatedAt ? [`"${updatedAt}" AS "updatedAt"`] : [],
  );
  return row['updatedAt'] as Date | undefined;
}
