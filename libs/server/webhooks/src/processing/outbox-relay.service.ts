import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JobQueue } from '@ccp/server-platform';
import { InboxRepository } from '../inbox/inbox.repository';

const RELAY_INTERVAL_MS = 2_000;
/** Rows younger than this belong to a request that is still enqueueing them itself. */
const MIN_AGE_MS = 1_000;
const BATCH = 200;
/** How long an event may sit in `received` with no outbox row before its job counts as lost. */
const LOST_JOB_AFTER_MS = 5 * 60_000;
const LOST_JOB_SWEEP_EVERY = 30; // relay rounds, i.e. once a minute

/**
 * Runs in the worker: whatever the api stored but could not put on the queue (Redis down, a
 * crash between commit and enqueue) is enqueued here. Several workers share the work safely.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rounds = 0;

  constructor(
    private readonly inbox: InboxRepository,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.relayOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`outbox relay: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, RELAY_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Puts webhooks whose queue job was lost back into the outbox, for the next round to enqueue. */
  async restoreLostJobs(): Promise<number> {
    const restored = await this.inbox.restoreLostJobs(LOST_JOB_AFTER_MS, BATCH);
    if (restored > 0) this.logger.warn(`restored ${restored} webhooks whose queue job was lost`);
    return restored;
  }

  /** Enqueues one batch; throws (rolling the batch back into the outbox) if the queue is unavailable. */
  async relayOnce(): Promise<number> {
    this.rounds += 1;
    if (this.rounds % LOST_JOB_SWEEP_EVERY === 0) await this.restoreLostJobs();
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
}
