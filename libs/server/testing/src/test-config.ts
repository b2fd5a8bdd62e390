import { loadConfig, type AppConfig } from '@ccp/server-platform';
import { inject } from 'vitest';
import { testRedisPrefix } from './redis-keys';
import { testEnvironment } from './test-environment';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database of this integration run, created by the global setup. */
    databaseUrl: string;
  }
}

/**
 * Configuration for an app under test: the run's database, the local Redis under a prefix of its
 * own (so parallel test files never see each other's queues or events), and quiet logs.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: testEnvironment.redisUrl,
    REDIS_PREFIX: testRedisPrefix(),
    LOG_LEVEL: 'silent',
    CONSOLE_DIST_DIR: 'tmp/no-console-in-tests',
    ...overrides,
  });
}
