// Redis is the one dependency `npm start` cannot embed; say exactly how to get one.
import { Redis } from 'ioredis';

export async function assertRedisReachable(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      [
        `Redis is not reachable at ${url} (${reason}).`,
        'Start one, then run npm start again:',
        '  docker compose -f docker/compose.yml up -d redis',
        '  or: sudo apt-get install -y redis-server && redis-server --daemonize yes',
        'or point REDIS_URL at an existing Redis.',
      ].join('\n'),
    );
  } finally {
    redis.disconnect();
  }
}
