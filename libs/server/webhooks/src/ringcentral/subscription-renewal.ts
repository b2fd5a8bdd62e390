import { Injectable, Logger } from '@nestjs/common';
import { OutboundCallError, RingCentralClient, type OutboundResult } from '@ccp/server-integrations';
import {
  HandlesJob,
  JobQueue,
  QueueUnavailableError,
  type RenewSubscriptionPayload,
} from '@ccp/server-platform';
import { UnrecoverableError } from 'bullmq';
import type { DomainEventOf } from '../parsing/domain-events';
import { HandlesDomainEvent } from '../processing/domain-event-handler.decorator';
import type { DomainEventContext } from '../processing/domain-event.dispatcher';

/**
 * Keeps the RingCentral webhook subscription alive: without renewal it silently stops at its
 * expiration time (vendor-webhooks.md §2.1, §2.7). An expiry reminder queues a renewal job.
 */
@Injectable()
export class RingCentralSubscriptionRenewal {
  private readonly logger = new Logger(RingCentralSubscriptionRenewal.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly ringcentral: RingCentralClient,
  ) {}

  @HandlesDomainEvent('subscription.expiring')
  queueRenewal(event: DomainEventOf<'subscription.expiring'>, context: DomainEventContext): void {
    const { subscriptionId } = event;
    this.logger.log(`RingCentral subscription ${subscriptionId} expires soon; queueing its renewal`);
    context.afterCommit(async () => {
      try {
        await this.jobs.add('ringcentral.renew-subscription', { subscriptionId });
      } catch (error) {
        if (!(error instanceof QueueUnavailableError)) throw error;
        // RingCentral repeats the reminder every `interval` until the subscription is renewed.
        this.logger.warn(
          `renewal of ${subscriptionId} not queued (${error.message}); the next reminder retries`,
        );
      }
    });
  }

  @HandlesJob('ringcentral.renew-subscription')
  async renew({ subscriptionId }: RenewSubscriptionPayload): Promise<void> {
    let result: OutboundResult<{ expirationTime?: string }>;
    try {
      result = await this.ringcentral.renewSubscription(subscriptionId);
    } catch (error) {
      // A retryable failure goes back to BullMQ for a later attempt; any other would fail alike every time.
      if (error instanceof OutboundCallError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    }
    if (result.outcome === 'skipped') {
      this.logger.warn(`renewal of RingCentral subscription ${subscriptionId} skipped: ${result.reason}`);
      return;
    }
    const until = result.value.expirationTime ?? 'an expiration time RingCentral did not state';
    this.logger.log(`RingCentral subscription ${subscriptionId} renewed until ${until}`);
  }
}
