import { randomBytes } from 'node:crypto';
import { deleteRedisKeys } from '@ccp/server-testing';
import { Redis } from 'ioredis';
import type { Teardown } from './bench-run';

export const REDIS_URL = 'redis://127.0.0.1:6379';

async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under the prefix (the bench api's queues and realtime channels); returns how many. */
export function deleteKeysUnderPrefix(prefix: string): Promise<number> {
  return deleteRedisKeys(REDIS_URL, `${prefix}:*`);
}

/**
 * A Redis prefix of the bench's own (`ccp-bench-<name>-…`), so nothing else on the shared Redis is
 * touched; its keys are deleted at teardown.
 */
export function ownRedisPrefix(name: string, teardown: Teardown): string {
  const prefix = `ccp-bench-${name}-${randomBytes(4).toString('hex')}`;
  teardown.add(`delete the Redis keys under ${prefix}`, async () => {
    const deleted = await deleteKeysUnderPrefix(prefix);
    console.log(`  deleted ${deleted} Redis keys under ${prefix}`);
  });
  return prefix;
}

export async function redisVersion(): Promise<string> {
  return withRedis(async (redis) => {
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  });
}
