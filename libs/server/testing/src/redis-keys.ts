import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { testEnvironment } from './test-environment';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis key prefix of this test run; every app under test adds a part of its own. */
    redisRunPrefix: string;
  }
}

/** Deletes the keys matching a SCAN pattern (queues, locks, event channels); returns how many. */
export async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    const stream = redis.scanStream({ match: pattern, count: 1_000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/**
 * For a global setup: a prefix for the run, and what removes every key under it at the end.
 * Redis outlives test runs on a developer's machine and in CI, so each run clears up after itself.
 */
export function redisRunPrefix(kind: 'test' | 'e2e'): { prefix: string; clear: () => Promise<number> } {
  const prefix = `ccp-${kind}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return { prefix, clear: () => deleteRedisKeys(testEnvironment.redisUrl, `${prefix}-*`) };
}

/** A Redis prefix of its own for one app under test, inside the run's prefix. */
export function testRedisPrefix(): string {
  return `${inject('redisRunPrefix')}-${randomBytes(4).toString('hex')}`;
}
