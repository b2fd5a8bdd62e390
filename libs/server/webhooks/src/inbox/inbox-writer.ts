import { Injectable, Logger } from '@nestjs/common';
import {
  GroupCommit,
  isDatabaseUnavailable,
  JobQueue,
  MetricsService,
  QueueUnavailableError,
} from '@ccp/server-platform';
import { InboxRepository, type NewInboxEvent, type StoredInboxEvent } from './inbox.repository';
import { OutboxCleanup } from './outbox-cleanup';

/** Statements storing webhooks at once; the rest of the pool stays free for everything else. */
const MAX_STATEMENTS_IN_FLIGHT = 2;
/** Bound one statement's size (bodies may be up to the body limit each) and the wait behind it. */
const MAX_EVENTS_PER_STATEMENT = 100;
const MAX_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

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
  private readonly statements = new GroupCommit<NewInboxEvent, StoredInboxEvent>(
    {
      maxInFlight: MAX_STATEMENTS_IN_FLIGHT,
      maxItems: MAX_EVENTS_PER_STATEMENT,
      maxWeight: MAX_BYTES_PER_STATEMENT,
      weigh: (event) => event.rawBody.length,
    },
    (events) => this.write(events),
  );

  constructor(
    private readonly inbox: InboxRepository,
    private readonly jobs: JobQueue,
    private readonly outboxCleanup: OutboxCleanup,
    private readonly metrics: MetricsService,
  ) {}

  store(event: NewInboxEvent): Promise<StoredInboxEvent> {
    return this.statements.submit(event);
  }

  private async write(events: NewInboxEvent[]): Promise<PromiseSettledResult<StoredInboxEvent>[]> {
    this.metrics.inboxStatementSize.observe(events.length);
    let stored: StoredInboxEvent[];
    try {
      stored = await this.inbox.storeMany(events);
    } catch (error) {
      return this.writeOneByOne(events, error);
    }
    // The commit is what the acknowledgement promises, so it does not wait on the queue's round
    // trip: a job that never gets there is the relay's (its outbox row stays until it does).
    void this.enqueue(stored.filter((row, index) => row.inserted && events[index]?.status === 'received'));
    return stored.map((value) => ({ status: 'fulfilled', value }));
  }

  /** A row the database refuses must fail its own webhook only, not the others in its statement. */
  private async writeOneByOne(
    events: NewInboxEvent[],
    error: unknown,
  ): Promise<PromiseSettledResult<StoredInboxEvent>[]> {
    if (events.length === 1 || isDatabaseUnavailable(error)) {
      return events.map(() => ({ status: 'rejected', reason: error }));
    }
    const outcomes = await Promise.all(events.map((event) => this.write([event])));
    return outcomes.flat();
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
