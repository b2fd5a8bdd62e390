import { buildDataSourceOptions } from '@ccp/server-platform';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { MIGRATIONS } from './index';

/** The data source migrations are generated from and run with: every entity, every migration. */
export function createMigrationDataSource(url: string): DataSource {
  return new DataSource(
    buildDataSourceOptions({
      url,
      poolSize: 2,
      entities: ALL_ENTITIES,
      migrations: MIGRATIONS,
      applicationName: 'contact-center-migrations',
    }),
  );
}

/** The SQL that would bring the database in line with the entities; empty when migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((query) => query.query),
    down: log.downQueries.map((query) => query.query),
  };
}

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createMigrationDataSource(url);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
