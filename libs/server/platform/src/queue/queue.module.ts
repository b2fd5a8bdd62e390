import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue.service';
import { QUEUE_NAMES, RETENTION } from './queue.registry';
import { createRedisConnection } from './redis-connection';

export function bullPrefixOf(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:bull`;
}

/** Producer side of the queues: available to the api and the worker alike. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: createRedisConnection(config.REDIS_URL, 'producer'),
        prefix: bullPrefixOf(config),
      }),
    }),
    ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name, defaultJobOptions: RETENTION })),
  ],
  providers: [JobQueue],
  exports: [JobQueue],
})
export class QueueModule {}
