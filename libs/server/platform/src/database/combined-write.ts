import type { EntityManager } from 'typeorm';

/**
 * Several writes of one transaction sent as ONE statement: each extra write is a data-modifying
 * WITH query of the final one. Processing a webhook is bound by its round trips to PostgreSQL
 * (every one wakes the database and the worker up again on a busy box), so the writes that follow
 * a decision go together. They all see the same snapshot: none may read what another writes.
 */
export class CombinedWrite {
  private readonly values: unknown[] = [];
  private readonly withQueries: string[] = [];
  private readonly returning: string[] = [];
  private row: Record<string, unknown> | undefined;

  /** The placeholder of `value` in this statement. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * Adds a write and returns its name within the statement (`label` made unique), under which its
   * `columns` (of its RETURNING clause) are read back once the statement has run.
   */
  with(label: string, sql: string, columns: readonly string[] = []): string {
    return this.add(label, sql, columns, (name, column) => `SELECT "${column}" FROM "${name}"`);
  }

  /**
   * As with(), for a write of many rows: each of its `columns` is read back as an array, in the
   * order of `orderBy` (a column of its RETURNING clause).
   */
  withRows(label: string, sql: string, columns: readonly string[], orderBy: string): string {
    return this.add(
      label,
      sql,
      columns,
      (name, column) => `SELECT array_agg("${column}" ORDER BY "${orderBy}") FROM "${name}"`,
    );
  }

  /** `readBack` is the subquery that reads one returned column of the write named `name`. */
  private add(
    label: string,
    sql: string,
    columns: readonly string[],
    readBack: (name: string, column: string) => string,
  ): string {
    const name = `${label}_${this.withQueries.length + 1}`;
    this.withQueries.push(`"${name}" AS (${sql})`);
    for (const column of columns) this.returning.push(`(${readBack(name, column)}) AS "${name}.${column}"`);
    return name;
  }

  /**
   * Runs the WITH queries and `finalSql` (a write of at most one row, with its own RETURNING
   * columns in `finalReturning`; without it, only the WITH queries) and returns that row, empty
   * if it wrote none.
   */
  async run(
    manager: EntityManager,
    finalSql?: string,
    finalReturning: readonly string[] = [],
  ): Promise<Record<string, unknown>> {
    const returning = [...finalReturning, ...this.returning];
    const statement = [
      this.withQueries.length > 0 ? `WITH ${this.withQueries.join(',\n')}\n` : '',
      finalSql === undefined
        ? `SELECT ${returning.length > 0 ? returning.join(', ') : '1'}`
        : `${finalSql}${returning.length > 0 ? ` RETURNING ${returning.join(', ')}` : ''}`,
    ].join('');
    const result = (await manager.query(statement, this.values)) as unknown;
    // TypeORM answers an UPDATE or DELETE with [rows, affected count], an INSERT with its rows.
    const rows = Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
    const [row] = (Array.isArray(rows) ? rows : []) as Record<string, unknown>[];
    this.row = row ?? {};
    return this.row;
  }

  /** The value `name.column` of the statement once it has run (and its final write wrote its row). */
  resultOf(name: string, column: string): unknown {
    const alias = `${name}.${column}`;
    if (!this.row || !(alias in this.row)) throw new Error(`the combined write returned no ${alias}`);
    return this.row[alias];
  }
}
