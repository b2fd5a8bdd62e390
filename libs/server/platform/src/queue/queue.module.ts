import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue.service';
import { QUEUE_NAMES, RETENTION } from './queue.registry';
import { QueueConnection } from './queue-connection';

export function bullPrefixOf(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:bull`;
}

@Module({ providers: [QueueConnection], exports: [QueueConnection] })
class QueueConnectionModule {}

/** Producer side of the queues: available to the api and the worker alike. */
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [AppConfig, QueueConnection],
      useFactory: (config: AppConfig, connection: QueueConnection) => ({
        connection: connection.redis,
        prefix: bullPrefixOf(config),
      }),
    }),
    ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name, defaultJobOptions: RETENTION })),
  ],
  providers: [JobQueue],
  exports: [JobQueue],
})
export class QueueModule {}
