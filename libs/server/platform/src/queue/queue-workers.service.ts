import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppConfig } from '../config/app-config';
import { flattenValidationErrors } from '../errors/validation.pipe';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobQueue } from './job-queue.service';
import { bullPrefixOf } from './queue.module';
import {
  JOB_NAMES,
  JOBS,
  QUEUE_CONCURRENCY,
  QUEUE_NAMES,
  retryOptionsOf,
  type JobName,
} from './queue.registry';
import { createRedisConnection } from './redis-connection';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

export class JobHandlerRegistrationError extends Error {
  constructor(problems: string[]) {
    super(`Job handlers are not registered correctly:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JobHandlerRegistrationError';
  }
}

/** Finds @HandlesJob methods; every registered job must have exactly one. */
export function collectHandlers(
  candidates: { owner: string; jobName: JobName; handler: Handler }[],
): Map<JobName, Handler> {
  const problems: string[] = [];
  const handlers = new Map<JobName, Handler>();
  for (const name of JOB_NAMES) {
    const found = candidates.filter((candidate) => candidate.jobName === name);
    if (found.length === 0) problems.push(`${name} has no handler`);
    if (found.length > 1)
      problems.push(`${name} has ${found.length} handlers: ${found.map((f) => f.owner).join(', ')}`);
    if (found.length === 1 && found[0]) handlers.set(name, found[0].handler);
  }
  if (problems.length > 0) throw new JobHandlerRegistrationError(problems);
  return handlers;
}

/** How often the worker checks that Redis still holds its schedules. */
const SCHEDULE_CHECK_MS = 60_000;

const SCHEDULED_JOBS = JOB_NAMES.filter((name) => JOBS[name].schedule !== undefined);

/** Runs one BullMQ worker per queue in the worker process and schedules the repeatable jobs. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private scheduleCheck?: NodeJS.Timeout;
  private checkingSchedules?: Promise<unknown>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = collectHandlers(this.discoverHandlers());
    for (const queueName of QUEUE_NAMES) {
      const connection = createRedisConnection(this.config.REDIS_URL, 'worker');
      this.connections.push(connection);
      const worker = new Worker(queueName, (job) => this.process(handlers, job), {
        connection,
        prefix: bullPrefixOf(this.config),
        concurrency: QUEUE_CONCURRENCY[queueName],
        // A crashed worker's jobs go back to the queue once their lock lapses unrenewed.
        lockDuration: this.config.JOB_LOCK_DURATION_MS,
        stalledInterval: this.config.JOB_LOCK_DURATION_MS,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`,
        ),
      );
      worker.on('error', (error) => this.logger.error(`worker for ${queueName}: ${error.message}`));
      this.workers.push(worker);
    }
    for (const name of SCHEDULED_JOBS) await this.schedule(name);
    // A Redis restarted without persistence has forgotten the schedules, and with them the sweeps
    // that recover everything else it lost.
    this.scheduleCheck = setInterval(() => {
      this.checkingSchedules ??= this.restoreMissingSchedules()
        .catch((error: unknown) => this.logger.warn(`schedule check: ${(error as Error).message}`))
        .finally(() => (this.checkingSchedules = undefined));
    }, SCHEDULE_CHECK_MS);
    this.logger.log(`processing ${JOB_NAMES.length} job types on queues: ${QUEUE_NAMES.join(', ')}`);
  }

  /** Schedules again the repeatable jobs Redis no longer knows; returns their names. */
  async restoreMissingSchedules(): Promise<JobName[]> {
    const restored: JobName[] = [];
    for (const name of SCHEDULED_JOBS) {
      if (await this.jobs.queue(JOBS[name].queue).getJobScheduler(name)) continue;
      await this.schedule(name);
      restored.push(name);
    }
    if (restored.length > 0)
      this.logger.warn(`Redis had lost the schedules of ${restored.join(', ')}: restored`);
    return restored;
  }

  /** Lets active jobs finish (BullMQ waits for them), then closes the connections it was handed. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleCheck);
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.connections.forEach((connection) => connection.disconnect());
  }

  private async process(handlers: Map<JobName, Handler>, job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = handlers.get(name);
    const definition = JOBS[name];
    if (!handler || !definition) throw new UnrecoverableError(`unknown job ${job.name}`);
    const payload = plainToInstance(definition.payload as new () => object, job.data);
    const errors = await validate(payload, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const details = flattenValidationErrors(errors).map((d) => `${d.field}: ${d.message}`);
      throw new UnrecoverableError(`invalid payload for ${name}: ${details.join('; ')}`);
    }
    return handler(payload, job);
  }

  private discoverHandlers(): { owner: string; jobName: JobName; handler: Handler }[] {
    return this.discovery.getProviders().flatMap((wrapper) => {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') return [];
      const prototype = Object.getPrototypeOf(instance) as object;
      return this.scanner.getAllMethodNames(prototype).flatMap((method) => {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') return [];
        const jobName = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (!jobName) return [];
        const handler: Handler = (payload, job) => Promise.resolve(fn.call(instance, payload, job));
        return [{ owner: `${instance.constructor.name}.${method}`, jobName, handler }];
      });
    });
  }

  private async schedule(name: JobName): Promise<void> {
    const definition = JOBS[name];
    if (!definition.schedule) return;
    await this.jobs.queue(definition.queue).upsertJobScheduler(name, definition.schedule.repeat, {
      name,
      data: definition.schedule.payload(this.config),
      opts: retryOptionsOf(name, this.config),
    });
  }
}
