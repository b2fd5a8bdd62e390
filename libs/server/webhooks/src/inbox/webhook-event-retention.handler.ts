import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, type RetentionPayload } from '@ccp/server-platform';
import { StateReportsRepository } from '../state-reports/state-reports.repository';
import { InboxRepository } from './inbox.repository';

/**
 * Keeps the inbox bounded: every webhook is stored with its raw body. Only settled ones go, long
 * after any vendor redelivery (a redelivery after that is stored again, and handlers are
 * idempotent); dead and failed ones stay until someone replays them.
 */
@Injectable()
export class WebhookEventRetentionHandler {
  private readonly logger = new Logger(WebhookEventRetentionHandler.name);

  constructor(
    private readonly inbox: InboxRepository,
    private readonly stateReports: StateReportsRepository,
  ) {}

  /** With the webhooks go the last state reports applied from them (see state-report.ts). */
  @HandlesJob('maintenance.trim-webhook-events')
  async trim(payload: RetentionPayload): Promise<{ deleted: number; stateReports: number }> {
    const deleted = await this.inbox.deleteSettledOlderThan(payload.olderThanDays);
    const stateReports = await this.stateReports.deleteOlderThan(payload.olderThanDays);
    this.logger.log(
      `trimmed ${deleted} settled webhooks and ${stateReports} state reports older than ${payload.olderThanDays} days`,
    );
    return { deleted, stateReports };
  }
}
