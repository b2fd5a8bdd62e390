import { randomBytes } from 'node:crypto';
import { ownRedisPrefix, REDIS_URL } from './bench-redis';
import type { Teardown } from './bench-run';
import { DEMO_LIVECHAT_SECRET } from './livechat-webhook.body';

export const API_ENTRY_POINT = 'dist/server/apps/api/src/main.js';
export const WORKER_ENTRY_POINT = 'dist/server/apps/worker/src/main.js';

/** The development RingCentral token (ARCHITECTURE.md §5); the bench's own servers accept it. */
export const DEMO_RINGCENTRAL_TOKEN = 'demo-ringcentral-token';

/** The api's database pool (its default), so the bench measures the configuration that ships. */
export const DATABASE_POOL_SIZE = 10;

/** What the bench's own api and worker share: one database, one Redis prefix, one JWT secret. */
export interface OwnInstallation {
  redisPrefix: string;
  /** Tokens for its sockets are signed with it. */
  jwtSecret: string;
  /** Lets the bench read the api's /metrics. */
  metricsToken: string;
  /** For BenchProcess: production settings, as the production image runs. */
  environment: Record<string, string>;
}

/**
 * Settings for servers the bench starts on its own database, with a Redis prefix of their own so
 * nothing else on the shared Redis is touched; the prefix's keys are deleted at teardown.
 */
export function ownInstallation(databaseUrl: string, teardown: Teardown): OwnInstallation {
  const redisPrefix = ownRedisPrefix('installation', teardown);
  const jwtSecret = randomBytes(32).toString('hex');
  const metricsToken = randomBytes(16).toString('hex');
  return {
    redisPrefix,
    jwtSecret,
    metricsToken,
    environment: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(DATABASE_POOL_SIZE),
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'info',
      JWT_SECRET: jwtSecret,
      METRICS_TOKEN: metricsToken,
      LIVECHAT_WEBHOOK_SECRETS: DEMO_LIVECHAT_SECRET,
      RINGCENTRAL_VERIFICATION_TOKEN: DEMO_RINGCENTRAL_TOKEN,
    },
  };
}
