import { runMigrations } from '@ccp/migrations';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** One connection for one piece of work, closed afterwards whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database on local PostgreSQL, for the bench's api and for pgbench. */
export class BenchDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(): Promise<BenchDatabase> {
    const name = `ccp_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await withClient(ADMIN_DATABASE_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${name}`;
    return new BenchDatabase(name, url.toString());
  }

  async migrate(): Promise<void> {
    await runMigrations(this.url);
  }

  async drop(): Promise<void> {
    await withClient(ADMIN_DATABASE_URL, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`),
    );
  }

  /**
   * Flushes dirty pages before a phase, so a checkpoint the previous phase's writes made due
   * does not land in (and get billed to) the next one.
   */
  async checkpoint(): Promise<void> {
    await withClient(this.url, (client) => client.query('CHECKPOINT'));
  }

  async countWebhookEvents(eventKeyPrefix: string): Promise<number> {
    return withClient(this.url, async (client) => {
      const result = await client.query<{ count: string }>(
        'SELECT count(*) AS count FROM webhook_events WHERE starts_with(event_key, $1)',
        [eventKeyPrefix],
      );
      return Number(result.rows[0]?.count ?? 0);
    });
  }
}

export async function postgresVersion(): Promise<string> {
  return withClient(ADMIN_DATABASE_URL, async (client) => {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
}
