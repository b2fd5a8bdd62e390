import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import {
  JOBS,
  jobOptionsOf,
  QUEUE_NAMES,
  type JobName,
  type JobPayloads,
  type NewJobOptions,
  type QueueName,
} from './queue.registry';

export class QueueUnavailableError extends Error {
  constructor(jobName: JobName, cause: unknown) {
    super(`Could not add ${jobName} to the queue: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'QueueUnavailableError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The only way to put work on a queue: typed by the registry, bounded in time. */
@Injectable()
export class JobQueue implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  /**
   * A queue re-emits every failed reconnect of its connection as 'error', and BullMQ prints an
   * unheard one to stderr, a raw stack per attempt while Redis is away. The outage is reported
   * by the health check and by each caller (QueueUnavailableError), as for the connection itself.
   */
  onModuleInit(): void {
    for (const name of QUEUE_NAMES) this.queue(name).on('error', () => undefined);
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /**
   * Adds a job or throws QueueUnavailableError within QUEUE_ADD_TIMEOUT_MS. Callers that must not
   * lose the work keep it in PostgreSQL first and let a relay retry.
   */
  add<N extends JobName>(name: N, payload: JobPayloads[N], options: NewJobOptions = {}): Promise<void> {
    const definition = JOBS[name];
    const adding = this.queue(definition.queue).add(
      name,
      payload,
      jobOptionsOf(name, payload, this.config, options),
    );
    return this.boundInTime(name, adding);
  }

  /** Several jobs of one kind in one round trip (a MULTI), with add's guarantees. */
  addBulk<N extends JobName>(
    name: N,
    jobs: readonly ({ payload: JobPayloads[N] } & NewJobOptions)[],
  ): Promise<void> {
    // A MULTI builds an ioredis pipeline, which copies every loaded script onto itself: for one
    // job that was most of the api's cost of queueing it, and a plain add is the same round trip.
    const [only, ...others] = jobs;
    if (only && others.length === 0) return this.add(name, only.payload, only);
    const definition = JOBS[name];
    const adding = this.queue(definition.queue).addBulk(
      jobs.map(({ payload, ...options }) => ({
        name,
        data: payload,
        opts: jobOptionsOf(name, payload, this.config, options),
      })),
    );
    return this.boundInTime(name, adding);
  }

  private async boundInTime(name: JobName, adding: Promise<unknown>): Promise<void> {
    try {
      await withTimeout(adding, this.config.QUEUE_ADD_TIMEOUT_MS);
    } catch (error) {
      // The add may still complete later; a deterministic jobId makes that harmless.
      adding.catch(() => undefined);
      throw new QueueUnavailableError(name, error);
    }
  }
}
