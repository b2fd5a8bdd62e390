import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GroupCommit,
  HandlesJob,
  SyncLogsRepository,
  isDatabaseUnavailable,
  isDataException,
  isLastAttempt,
  type NewSyncLog,
  type ProcessWebhookPayload,
} from '@ccp/server-platform';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { InboxRepository, type ClaimedWebhookEvent } from '../inbox/inbox.repository';
import type { DomainEvent } from '../parsing/domain-events';
import { InvalidWebhookError } from '../parsing/invalid-webhook.error';
import {
  normalizeLiveChat,
  normalizeRingCentral,
  parseRingCentralNotification,
  parseStoredLiveChatEnvelope,
  stateReportOf,
} from '../parsing';
import { StateReportsRepository } from '../state-reports/state-reports.repository';
import { DomainEventDispatcher } from './domain-event.dispatcher';

type Outcome = 'processed' | 'ignored' | 'already-done';
type Effect = () => Promise<void>;

/**
 * One group transaction at a time: two could lock the same rows in opposite order, which
 * PostgreSQL breaks only after deadlock_timeout (a second). More at once measured no better.
 */
const MAX_GROUPS_IN_FLIGHT = 1;
/** Bounds a group's transaction, and with it the wait of its first job for its last. */
const MAX_EVENTS_PER_GROUP = 32;

interface ProcessingRequest {
  payload: ProcessWebhookPayload;
  /** performance.now() when its job started: the sync log's duration runs from there. */
  started: number;
}

interface Processed {
  outcome: Outcome;
  /** Of the run that committed: a group that rolls back runs its events again, each alone. */
  afterCommit: Effect[];
}

function referencesOf(payload: ProcessWebhookPayload): Record<string, string> {
  return { webhookEventId: payload.eventId, eventKey: payload.eventKey };
}

/**
 * PostgreSQL text cannot hold U+0000, which JSON may spell as \u0000 anywhere: such a message or
 * name is kept without it rather than failing every attempt until the event is dead.
 */
function withoutNulCharacters(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replaceAll('\u0000', '') : value;
}

function normalize(event: ClaimedWebhookEvent): DomainEvent[] {
  // A reviver makes the parse several times slower, so only a body that spells the character pays for it.
  const body: unknown = event.rawBody.includes('\\u0000')
    ? JSON.parse(event.rawBody, withoutNulCharacters)
    : JSON.parse(event.rawBody);
  return event.vendor === 'livechat'
    ? normalizeLiveChat(parseStoredLiveChatEnvelope(body))
    : normalizeRingCentral(parseRingCentralNotification(body));
}

/**
 * Processes stored webhooks: parse, normalize, apply every domain event, all in one transaction
 * that holds the inbox row's lock from its first statement, so a duplicate job waits and then
 * finds it done. Jobs that run at once share that transaction (group commit): their events are
 * claimed in one statement, shown all at once to the preparers (which lock the rows they are
 * about to change together), applied one after another in the order their jobs came, and their sync logs
 * written in one statement, so a busy worker pays one BEGIN, claim, log and COMMIT for
 * many webhooks. Each job still gets its own outcome: if any event of a group fails, the group
 * rolls back and each of its events runs again alone, in order, where only its own failure can
 * touch it. With one group at a time, two groups of this worker never wait for each other's locks.
 */
@Injectable()
export class WebhookEventProcessor {
  private readonly logger = new Logger(WebhookEventProcessor.name);
  private readonly groups = new GroupCommit<ProcessingRequest, Processed>(
    { maxInFlight: MAX_GROUPS_IN_FLIGHT, maxItems: MAX_EVENTS_PER_GROUP },
    (requests) => this.processGroup(requests),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly dispatcher: DomainEventDispatcher,
    private readonly syncLogs: SyncLogsRepository,
    private readonly stateReports: StateReportsRepository,
  ) {}

  @HandlesJob('webhooks.process')
  async process(payload: ProcessWebhookPayload, job: Job): Promise<Outcome> {
    const started = performance.now();
    try {
      const { outcome, afterCommit } = await this.groups.submit({ payload, started });
      for (const effect of afterCommit) {
        await effect().catch((error: unknown) =>
          this.logger.warn(`${payload.eventKey}: after-commit effect failed: ${(error as Error).message}`),
        );
      }
      return outcome;
    } catch (error) {
      const message =
        error instanceof InvalidWebhookError ? `invalid payload: ${error.reason}` : (error as Error).message;
      // Neither an unparsable payload nor a value the database refuses gets better on a retry.
      const permanent = error instanceof InvalidWebhookError || isDataException(error);
      const lastAttempt = permanent || isLastAttempt(job);
      await this.inbox.markFailed(payload.eventId, message, lastAttempt);
      await this.syncLogs.record({
        operationType: 'webhook.process',
        status: 'failed',
        durationMs: performance.now() - started,
        error: message,
        references: referencesOf(payload),
      });
      this.logger.warn(
        `${payload.eventKey} failed${lastAttempt ? ' for the last time (dead)' : ''}: ${message}`,
      );
      throw permanent ? new UnrecoverableError(message) : error;
    }
  }

  /** One transaction for the group; if it fails, each event again alone, so only its own failure fails it. */
  private async processGroup(requests: ProcessingRequest[]): Promise<PromiseSettledResult<Processed>[]> {
    try {
      const processed = await this.processTogether(requests);
      return processed.map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      if (requests.length === 1 || isDatabaseUnavailable(error)) {
        return requests.map(() => ({ status: 'rejected', reason: error }));
      }
    }
    const outcomes: PromiseSettledResult<Processed>[] = [];
    for (const request of requests) outcomes.push(...(await this.processGroup([request])));
    return outcomes;
  }

  private processTogether(requests: ProcessingRequest[]): Promise<Processed[]> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await this.inbox.claimForProcessing(
        manager,
        requests.map(({ payload }) => payload.eventId),
      );
      const domainEvents = new Map([...claimed.values()].map((event) => [event.id, normalize(event)]));
      await this.dispatcher.prepare([...domainEvents.values()].flat(), manager);
      const processed: Processed[] = [];
      const logs: NewSyncLog[] = [];
      for (const { payload, started } of requests) {
        const event = claimed.get(payload.eventId);
        // Two jobs of one event (a replay) in one group: the first processes it, the second finds it done.
        claimed.delete(payload.eventId);
        const afterCommit: Effect[] = [];
        const outcome = event
          ? await this.apply(manager, event, domainEvents.get(event.id) ?? [], afterCommit)
          : 'already-done';
        if (outcome !== 'already-done') {
          // In the same transaction: the log says exactly what committed.
          logs.push({
            operationType: 'webhook.process',
            status: outcome === 'processed' ? 'success' : 'skipped',
            durationMs: performance.now() - started,
            references: referencesOf(payload),
          });
        }
        processed.push({ outcome, afterCommit });
      }
      await this.dispatcher.settle(manager);
      await this.syncLogs.recordMany(logs, manager);
      return processed;
    });
  }

  private async apply(
    manager: EntityManager,
    event: ClaimedWebhookEvent,
    domainEvents: DomainEvent[],
    afterCommit: Effect[],
  ): Promise<Exclude<Outcome, 'already-done'>> {
    const handled = domainEvents.filter((domainEvent) => this.dispatcher.handles(domainEvent.type));
    const beforeCommit: Effect[] = [];
    for (const domainEvent of handled) {
      // A state report that is not news (stale, or a redelivery) leaves the state as it is.
      const report = stateReportOf(domainEvent);
      if (report && (await this.stateReports.judge(manager, report, event.receivedAt)) !== 'apply') continue;
      await this.dispatcher.dispatch(domainEvent, {
        manager,
        webhookEventId: event.id,
        eventKey: event.eventKey,
        receivedAt: event.receivedAt,
        beforeCommit: (effect) => beforeCommit.push(effect),
        afterCommit: (effect) => afterCommit.push(effect),
      });
    }
    if (beforeCommit.length > 0) await this.dispatcher.settle(manager);
    for (const effect of beforeCommit) await effect();
    if (handled.length > 0) return 'processed';
    // Events nobody handles yet stay replayable: POST /api/webhook-events/:id/replay once a handler exists.
    await this.inbox.markIgnored(manager, event.id);
    return 'ignored';
  }
}
