import { Redis, type RedisOptions } from 'ioredis';

/**
 * Producer connections fail fast when Redis is away (no offline queue), so a request is never held
 * hostage by the queue; worker connections retry forever, as BullMQ requires.
 */
export function createRedisConnection(url: string, role: 'producer' | 'worker' | 'subscriber'): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  const connection = new Redis(url, {
    ...options,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // ioredis emits 'error' on every failed reconnect; health checks and callers report it instead.
  connection.on('error', () => undefined);
  return connection;
}
