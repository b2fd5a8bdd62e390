import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, type RetentionPayload } from '@ccp/server-platform';
import { InboxRepository } from './inbox.repository';

/**
 * Keeps the inbox bounded: every webhook is stored with its raw body. Only settled ones go, long
 * after any vendor redelivery (a redelivery after that is stored again, and handlers are
 * idempotent); dead and failed ones stay until someone replays them.
 */
@Injectable()
export class WebhookEventRetentionHandler {
  private readonly logger = new Logger(WebhookEventRetentionHandler.name);

  constructor(private readonly inbox: InboxRepository) {}

  @HandlesJob('maintenance.trim-webhook-events')
  async trim(payload: RetentionPayload): Promise<{ deleted: number }> {
    const deleted = await this.inbox.deleteSettledOlderThan(payload.olderThanDays);
    this.logger.log(`trimmed ${deleted} settled webhooks older than ${payload.olderThanDays} days`);
    return { deleted };
  }
}
