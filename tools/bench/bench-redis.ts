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
export async function deleteKeysUnderPrefix(prefix: string): Promise<number> {
  return withRedis(async (redis) => {
    let deleted = 0;
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1_000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  });
}

export async function redisVersion(): Promise<string> {
  return withRedis(async (redis) => {
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  });
}
