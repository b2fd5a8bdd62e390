import { Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  DomainException,
  MetricsService,
  ringcentralVerificationTokenOf,
} from '@ccp/server-platform';
import { InboxService } from '../inbox/inbox.service';
import { secretMatches } from '../verification/shared-secret';
import { InvalidWebhookError } from '../parsing/invalid-webhook.error';
import { parseRingCentralNotification, ringCentralEventKey } from '../parsing';

@Injectable()
export class RingCentralWebhookService {
  private readonly logger = new Logger(RingCentralWebhookService.name);
  private readonly verificationToken: string | undefined;

  constructor(
    private readonly inbox: InboxService,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.verificationToken = ringcentralVerificationTokenOf(config);
  }

  async receive(body: unknown, rawBody: string, verificationToken: string | undefined): Promise<void> {
    if (
      !this.verificationToken ||
      !verificationToken ||
      !secretMatches(verificationToken, [this.verificationToken])
    ) {
      this.metrics.webhooksReceived.inc({ vendor: 'ringcentral', outcome: 'unauthorized' });
      throw new DomainException('WEBHOOK_UNAUTHORIZED', 'The Verification-Token header is missing or wrong');
    }
    let notification;
    try {
      notification = parseRingCentralNotification(body);
    } catch (error) {
      if (!(error instanceof InvalidWebhookError)) throw error;
      throw await this.inbox.rejectInvalid('ringcentral', 'unknown', rawBody, error.reason);
    }
    if (notification.kind === 'subscription_reminder') {
      this.logger.warn(`RingCentral subscription ${notification.subscriptionId} is about to expire`);
    }
    await this.inbox.accept({
      vendor: 'ringcentral',
      eventKey: ringCentralEventKey(notification),
      type: notification.kind,
      status: notification.kind === 'other' ? 'ignored' : 'received',
      rawBody,
    });
  }
}
