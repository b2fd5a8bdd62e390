import { deleteRedisKeys } from '@ccp/server-testing';
import { Redis } from 'ioredis';

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

export async function redisVersion(): Promise<string> {
  return withRedis(async (redis) => {
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  });
}
