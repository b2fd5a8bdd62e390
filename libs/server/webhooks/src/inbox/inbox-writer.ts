import { Injectable, Logger } from '@nestjs/common';
import { isDatabaseUnavailable, JobQueue, MetricsService, QueueUnavailableError } from '@ccp/server-platform';
import { InboxRepository, type NewInboxEvent, type StoredInboxEvent } from './inbox.repository';
import { OutboxCleanup } from './outbox-cleanup';

/** Statements storing webhooks at once; the rest of the pool stays free for everything else. */
const MAX_STATEMENTS_IN_FLIGHT = 2;
/** Bound one statement's size (bodies may be up to the body limit each) and the wait behind it. */
const MAX_EVENTS_PER_STATEMENT = 100;
const MAX_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

interface PendingStore {
  event: NewInboxEvent;
  resolve: (stored: StoredInboxEvent) => void;
  reject: (error: unknown) => void;
}

/**
 * The acknowledgement path with group commit: store the inbox rows, acknowledge them, and put the
 * new ones' jobs on the queue. A webhook is written at once while fewer than MAX_STATEMENTS_IN_FLIGHT statements
 * are running; the ones that arrive meanwhile wait and go together in the next statement, and
 * their jobs in one queue round trip. So a quiet installation stores each webhook alone without
 * delay, and a busy one pays one round trip and one commit for many, which is what bounds
 * throughput. Each webhook is still acknowledged only after the commit that holds its row.
 */
@Injectable()
export class InboxWriter {
  private readonly logger = new Logger(InboxWriter.name);
  private waiting: PendingStore[] = [];
  private statementsInFlight = 0;

  constructor(
    private readonly inbox: InboxRepository,
    private readonly jobs: JobQueue,
    private readonly outboxCleanup: OutboxCleanup,
    private readonly metrics: MetricsService,
  ) {}

  store(event: NewInboxEvent): Promise<StoredInboxEvent> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      this.writeWaiting();
    });
  }

  private writeWaiting(): void {
    while (this.statementsInFlight < MAX_STATEMENTS_IN_FLIGHT && this.waiting.length > 0) {
      void this.write(this.takeBatch());
    }
  }

  /** The longest run of waiting webhooks within both bounds, and always at least one. */
  private takeBatch(): PendingStore[] {
    let count = 0;
    let bytes = 0;
    for (const pending of this.waiting) {
      bytes += pending.event.rawBody.length;
      if (count > 0 && (count === MAX_EVENTS_PER_STATEMENT || bytes > MAX_BYTES_PER_STATEMENT)) break;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  /** Never rejects: each waiting webhook gets its own outcome. */
  private async write(batch: PendingStore[]): Promise<void> {
    this.statementsInFlight += 1;
    this.metrics.inboxStatementSize.observe(batch.length);
    let stored: StoredInboxEvent[];
    try {
      stored = await this.inbox.storeMany(batch.map((pending) => pending.event));
    } catch (error) {
      this.statementDone();
      await this.writeOneByOne(batch, error);
      return;
    }
    this.statementDone();
    // The commit is what the acknowledgement promises, so it does not wait on the queue's round
    // trip: a job that never gets there is the relay's (its outbox row stays until it does).
    batch.forEach((pending, index) => pending.resolve(stored[index] as StoredInboxEvent));
    await this.enqueue(
      stored.filter((row, index) => row.inserted && batch[index]?.event.status === 'received'),
    );
  }

  private statementDone(): void {
    this.statementsInFlight -= 1;
    this.writeWaiting();
  }

  /** A row the database refuses must fail its own webhook only, not the others in its statement. */
  private async writeOneByOne(batch: PendingStore[], error: unknown): Promise<void> {
    if (batch.length === 1 || isDatabaseUnavailable(error)) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    await Promise.all(batch.map((pending) => this.write([pending])));
  }

  /**
   * Jobs of newly stored events. Never fails the acknowledgement: the rows are committed, and if
   * the queue is down their outbox rows stay for the relay.
   */
  private async enqueue(events: StoredInboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.jobs.addBulk(
        'webhooks.process',
        events.map(({ id, eventKey }) => ({ payload: { eventId: id, eventKey } })),
      );
    } catch (error) {
      const reason = error instanceof QueueUnavailableError ? 'queue unavailable' : (error as Error).message;
      this.logger.warn(`${events.length} webhooks stored; ${reason}: the outbox relay will enqueue them`);
      return;
    }
    for (const event of events) this.outboxCleanup.schedule(event.id);
  }
}
