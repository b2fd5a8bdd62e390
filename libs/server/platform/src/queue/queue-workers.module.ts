import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueModule } from './queue.module';
import { QueueWorkers } from './queue-workers.service';

/** Imported by the worker app only: the api produces jobs but never processes them. */
@Module({
  imports: [DiscoveryModule, QueueModule],
  providers: [QueueWorkers],
})
export class QueueWorkersModule {}
