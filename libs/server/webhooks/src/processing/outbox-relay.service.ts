import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOBS, JobQueue, jobIdOfEventKey } from '@ccp/server-platform';
import { InboxRepository } from '../inbox/inbox.repository';

const RELAY_INTERVAL_MS = 2_000;
/** Rows younger than this belong to a request that is still enqueueing them itself. */
const MIN_AGE_MS = 1_000;
const BATCH = 200;
/** How long an event may sit unprocessed with no outbox row before its job is looked for. */
const LOST_JOB_AFTER_MS = 5 * 60_000;
const LOST_JOB_SWEEP_MS = 60_000;

/**
 * Runs in the worker: whatever the api stored but could not put on the queue (Redis down, a
 * crash between commit and enqueue) is enqueued here, and so is whatever Redis lost after it
 * was queued. Several workers share the work safely.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** The first round sweeps: a worker starting after an outage finds what was lost at once. */
  private nextSweepAt = 0;

  constructor(
    private readonly inbox: InboxRepository,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.round()
        .catch((error: unknown) => this.logger.warn(`outbox relay: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, RELAY_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Puts the webhooks whose queue job was lost (Redis restarted without persistence, a flushed
   * queue) back into the outbox: unprocessed for a while, with no outbox row and no job in Redis.
   * One webhook merely waiting behind a backlog still has its job, and is left alone. Goes through
   * every candidate a page at a time, so a large loss is recovered in one sweep.
   */
  async restoreLostJobs(): Promise<number> {
    const queue = this.jobs.queue(JOBS['webhooks.process'].queue);
    let restored = 0;
    let page = await this.inbox.findStale(LOST_JOB_AFTER_MS, null, BATCH);
    while (page.length > 0) {
      const jobs = await Promise.all(page.map((event) => queue.getJob(jobIdOfEventKey(event.eventKey))));
      const lost = page.filter((_event, index) => jobs[index] === undefined);
      await this.inbox.returnToOutbox(lost);
      restored += lost.length;
      const last = page.at(-1);
      page = page.length < BATCH || !last ? [] : await this.inbox.findStale(LOST_JOB_AFTER_MS, last, BATCH);
    }
    if (restored > 0) this.logger.warn(`restored ${restored} webhooks whose queue job was lost`);
    return restored;
  }

  /** Enqueues one batch; throws (rolling the batch back into the outbox) if the queue is unavailable. */
  async relayOnce(): Promise<number> {
    // A failed add (QueueUnavailableError) rolls the batch back into the outbox for the next round.
    const relayed = await this.inbox.relayOutbox(BATCH, MIN_AGE_MS, (entries) =>
      this.jobs.addBulk(
        'webhooks.process',
        entries.map(({ webhookEventId, eventKey, jobId }) => ({
          payload: { eventId: webhookEventId, eventKey },
          jobId,
        })),
      ),
    );
    if (relayed > 0) this.logger.log(`relayed ${relayed} stored webhooks to the queue`);
    return relayed;
  }

  private async round(): Promise<void> {
    if (Date.now() >= this.nextSweepAt) {
      this.nextSweepAt = Date.now() + LOST_JOB_SWEEP_MS;
      await this.restoreLostJobs();
    }
    while ((await this.relayOnce()) === BATCH) {
      // Full batches mean a backlog (Redis back after an outage): it moves at full speed rather
      // than one batch per interval.
    }
  }
}
