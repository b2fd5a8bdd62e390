/**
 * Where the integration tests find PostgreSQL and Redis. Defaults match a developer machine and CI
 * (local services, trust auth); override with TEST_DATABASE_URL and REDIS_URL.
 */
const { TEST_DATABASE_URL, REDIS_URL } = process.env;

export const testEnvironment = {
  /** Any database on the server; each run creates and drops its own next to it. */
  adminDatabaseUrl: TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: REDIS_URL ?? 'redis://127.0.0.1:6379',
};

export function databaseUrlFor(database: string): string {
  const url = new URL(testEnvironment.adminDatabaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
