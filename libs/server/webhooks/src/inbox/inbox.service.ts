import { Injectable, Logger } from '@nestjs/common';
import {
  DomainException,
  JobQueue,
  jobIdOfEventKey,
  MetricsService,
  QueueUnavailableError,
} from '@ccp/server-platform';
import type { WebhookVendor } from '@ccp/contracts';
import { contentHash } from '../parsing';
import { OutboxCleanup } from './outbox-cleanup';
import { InboxRepository, type NewInboxEvent, type StoredInboxEvent } from './inbox.repository';
import { InboxWriter } from './inbox-writer';

const VENDOR_NAMES: Record<WebhookVendor, string> = { livechat: 'LiveChat', ringcentral: 'RingCentral' };

/**
 * Step two of the data path: store, then try to enqueue (InboxWriter). Only the store decides the
 * answer to the vendor; the queue is best-effort because the outbox relay catches up on anything
 * missed.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  constructor(
    private readonly inbox: InboxRepository,
    private readonly writer: InboxWriter,
    private readonly jobs: JobQueue,
    private readonly metrics: MetricsService,
    private readonly outboxCleanup: OutboxCleanup,
  ) {}

  async accept(event: NewInboxEvent): Promise<StoredInboxEvent> {
    let stored: StoredInboxEvent;
    try {
      stored = await this.writer.store(event);
    } catch (error) {
      // No durable row means no acknowledgement: 503 makes the vendor retry later.
      this.logger.error(`could not store ${event.vendor} ${event.type}: ${(error as Error).message}`);
      this.count(event.vendor, 'unavailable');
      throw new DomainException('SERVICE_UNAVAILABLE', 'The webhook could not be stored; retry later');
    }
    this.count(event.vendor, stored.inserted ? event.status : 'duplicate');
    return stored;
  }

  /** An admin's replay: back to received, into the outbox, and onto the queue now if possible. */
  async replay(eventId: string): Promise<void> {
    const event = await this.inbox.findById(eventId);
    if (!event) throw new DomainException('NOT_FOUND', 'No webhook event with this id');
    if (event.status === 'invalid') {
      throw new DomainException('CONFLICT', 'An invalid webhook cannot be replayed; it never parsed');
    }
    const jobId = `${jobIdOfEventKey(event.eventKey)}/replay/${Date.now()}`;
    await this.inbox.requeue(event.id, event.eventKey, jobId);
    await this.enqueueReplay(event.id, event.eventKey, jobId);
  }

  /**
   * Keeps a verified body that is not the vendor's envelope (status invalid, keyed by its
   * content) for an operator to inspect, and returns the 400 to answer the vendor with.
   */
  async rejectInvalid(
    vendor: WebhookVendor,
    type: string,
    rawBody: string,
    reason: string,
  ): Promise<DomainException> {
    await this.accept({
      vendor,
      eventKey: `${vendor}:invalid:${contentHash(rawBody)}`,
      type,
      status: 'invalid',
      rawBody,
      lastError: reason,
    });
    return new DomainException('INVALID_WEBHOOK', `Not a ${VENDOR_NAMES[vendor]} webhook: ${reason}`);
  }

  /** Adds the replay's job and clears its outbox row (batched); if the queue is down the relay will. */
  private async enqueueReplay(eventId: string, eventKey: string, jobId: string): Promise<void> {
    try {
      await this.jobs.add('webhooks.process', { eventId, eventKey }, { jobId });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      this.logger.warn(`${eventKey} requeued; queue unavailable, the outbox relay will enqueue it`);
      return;
    }
    this.outboxCleanup.schedule(eventId);
  }

  private count(vendor: WebhookVendor, outcome: string): void {
    this.metrics.webhooksReceived.inc({ vendor, outcome });
  }
}
