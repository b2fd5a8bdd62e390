import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import {
  JOBS,
  RETENTION,
  retryOptionsOf,
  type JobName,
  type JobPayloads,
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
export class JobQueue {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /**
   * Adds a job or throws QueueUnavailableError within QUEUE_ADD_TIMEOUT_MS. Callers that must not
   * lose the work keep it in PostgreSQL first and let a relay retry.
   */
  async add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: { delayMs?: number; jobId?: string } = {},
  ): Promise<void> {
    const definition = JOBS[name];
    const jobId = options.jobId ?? definition.jobId?.(payload);
    const delayMs = options.delayMs;
    const adding = this.queue(definition.queue).add(name, payload, {
      ...retryOptionsOf(name, this.config),
      ...RETENTION,
      ...(jobId ? { jobId } : {}),
      ...(delayMs ? { delay: delayMs } : {}),
    });
    try {
      await withTimeout(adding, this.config.QUEUE_ADD_TIMEOUT_MS);
    } catch (error) {
      // The add may still complete later; a deterministic jobId makes that harmless.
      adding.catch(() => undefined);
      throw new QueueUnavailableError(name, error);
    }
  }
}
