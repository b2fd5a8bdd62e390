import 'reflect-metadata';
import { readConfigFromEnvironment } from '@ccp/server-platform';
import { fileURLToPath } from 'node:url';
import { writeMigration } from './migration-file';
import { createMigrationDataSource, pendingSchemaChanges, runMigrations } from '@ccp/migrations';

const USAGE = `Usage:
  npm run migration:generate -- <PascalCaseName>   write a migration for the entity changes
  npm run migration:run                            apply pending migrations`;

// Runs from dist/server/tools/migrations; the sources live four levels up.
const MIGRATIONS_DIRECTORY = fileURLToPath(new URL('../../../../migrations/', import.meta.url));

async function generate(url: string, name: string | undefined): Promise<void> {
  if (!name) throw new Error(`A migration name is required.\n${USAGE}`);
  const dataSource = createMigrationDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const { up, down } = await pendingSchemaChanges(dataSource);
    if (up.length === 0) {
      console.log('No changes: the migrations already match the entities.');
      return;
    }
    const file = writeMigration(MIGRATIONS_DIRECTORY, name, up, down);
    console.log(`Wrote migrations/${file} (${up.length} statements). Review it, then commit it.`);
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const { DATABASE_URL } = readConfigFromEnvironment();
  if (command === 'generate') return generate(DATABASE_URL, name);
  if (command === 'run') {
    const applied = await runMigrations(DATABASE_URL);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return;
  }
  throw new Error(USAGE);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
