import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  HandlesJob,
  SyncLogsRepository,
  isDataException,
  isLastAttempt,
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

/**
 * PostgreSQL text cannot hold U+0000, which JSON may spell as \u0000 anywhere: such a message or
 * name is kept without it rather than failing every attempt until the event is dead.
 */
function withoutNulCharacters(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replaceAll('\u0000', '') : value;
}

function normalize(event: ClaimedWebhookEvent): DomainEvent[] {
  const body: unknown = JSON.parse(event.rawBody, withoutNulCharacters);
  return event.vendor === 'livechat'
    ? normalizeLiveChat(parseStoredLiveChatEnvelope(body))
    : normalizeRingCentral(parseRingCentralNotification(body));
}

/**
 * Processes one stored webhook: parse, normalize, apply every domain event, all in one
 * transaction that holds the inbox row's lock from its first statement, so a duplicate job waits
 * and then finds it done.
 */
@Injectable()
export class WebhookEventProcessor {
  private readonly logger = new Logger(WebhookEventProcessor.name);

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
    const references = { webhookEventId: payload.eventId, eventKey: payload.eventKey };
    try {
      const afterCommit: (() => Promise<void>)[] = [];
      const outcome = await this.dataSource.transaction(async (manager) => {
        const applied = await this.apply(manager, payload, afterCommit);
        if (applied === 'processed' || applied === 'ignored') {
          // In the same transaction: one commit per event, and the log says exactly what committed.
          await this.syncLogs.record(
            {
              operationType: 'webhook.process',
              status: applied === 'processed' ? 'success' : 'skipped',
              durationMs: performance.now() - started,
              references,
            },
            manager,
          );
        }
        return applied;
      });
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
        references,
      });
      this.logger.warn(
        `${payload.eventKey} failed${lastAttempt ? ' for the last time (dead)' : ''}: ${message}`,
      );
      throw permanent ? new UnrecoverableError(message) : error;
    }
  }

  private async apply(
    manager: EntityManager,
    payload: ProcessWebhookPayload,
    afterCommit: (() => Promise<void>)[],
  ): Promise<Outcome> {
    const event = await this.inbox.claimForProcessing(manager, payload.eventId);
    // Processed by a duplicate job, or deleted by retention while its job waited.
    if (!event) return 'already-done';
    const domainEvents = normalize(event);
    const handled = domainEvents.filter((domainEvent) => this.dispatcher.handles(domainEvent.type));
    const beforeCommit: (() => Promise<void>)[] = [];
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
    for (const effect of beforeCommit) await effect();
    if (handled.length > 0) return 'processed';
    // Events nobody handles yet stay replayable: POST /api/webhook-events/:id/replay once a handler exists.
    await this.inbox.markIgnored(manager, event.id);
    return 'ignored';
  }
}
