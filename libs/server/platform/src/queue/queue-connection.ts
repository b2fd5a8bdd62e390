import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedisConnection } from './redis-connection';

/**
 * The producers' shared Redis connection. BullMQ never closes a connection it was handed, so
 * its owner does, or the process could not exit after a graceful shutdown.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly redis: Redis;

  constructor(config: AppConfig) {
    this.redis = createRedisConnection(config.REDIS_URL, 'producer');
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
