import {
  createTestDatabase,
  freePort,
  testEnvironment,
  testRedisPrefix,
  type VendorSecrets,
} from '@ccp/server-testing';
import { randomBytes } from 'node:crypto';
import { AppProcess } from './app-process';

export interface SeededProduct {
  /** The environment of every process: production mode, a fresh database, its own Redis prefix. */
  environment: Record<string, string>;
  dropDatabase: () => Promise<void>;
}

/** A fresh, migrated and seeded installation for a journey, configured as production runs it. */
export async function seededProduct(
  name: string,
  secrets: VendorSecrets,
  overrides: Record<string, string> = {},
): Promise<SeededProduct> {
  const database = await createTestDatabase(name);
  const environment = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LIVECHAT_WEBHOOK_SECRETS: secrets.livechatSecret,
    RINGCENTRAL_VERIFICATION_TOKEN: secrets.ringcentralToken,
    DATABASE_URL: database.url,
    REDIS_URL: testEnvironment.redisUrl,
    REDIS_PREFIX: testRedisPrefix(),
    LOG_LEVEL: 'warn',
    CONSOLE_DIST_DIR: 'dist/console/browser',
    PORT: String(await freePort()),
    ...overrides,
  };
  const seed = new AppProcess('seed', environment).start();
  const exitCode = await seed.finished();
  if (exitCode !== 0) throw new Error(`seeding failed (exit ${exitCode}):\n${seed.log}`);
  return { environment, dropDatabase: database.drop };
}

/** Secrets of one journey's vendor webhooks. */
export function randomVendorSecrets(): VendorSecrets {
  return {
    livechatSecret: randomBytes(16).toString('hex'),
    ringcentralToken: randomBytes(16).toString('hex'),
  };
}
