import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntegrationsModule } from '@ccp/server-integrations';
import { QueueModule } from '@ccp/server-platform';
import { WebhookEventsController } from './events-api/webhook-events.controller';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxService } from './inbox/inbox.service';
import { InboxWriter } from './inbox/inbox-writer';
import { OutboxCleanup } from './inbox/outbox-cleanup';
import { WebhookEventEntity } from './inbox/webhook-event.entity';
import { WebhookOutboxEntity } from './inbox/webhook-outbox.entity';
import { LiveChatWebhookController } from './livechat/livechat-webhook.controller';
import { LiveChatWebhookService } from './livechat/livechat-webhook.service';
import { DomainEventDispatcher } from './processing/domain-event.dispatcher';
import { OutboxRelay } from './processing/outbox-relay.service';
import { WebhookEventRetentionHandler } from './inbox/webhook-event-retention.handler';
import { WebhookEventProcessor } from './processing/webhook-event.processor';
import { RingCentralWebhookController } from './ringcentral/ringcentral-webhook.controller';
import { RingCentralWebhookService } from './ringcentral/ringcentral-webhook.service';
import { RingCentralCallReconciliation } from './ringcentral/call-reconciliation';
import { RingCentralSubscriptionRenewal } from './ringcentral/subscription-renewal';
import { StateReportsRepository } from './state-reports/state-reports.repository';
import { VendorStateReportEntity } from './state-reports/vendor-state-report.entity';

export const WEBHOOK_ENTITIES = [WebhookEventEntity, WebhookOutboxEntity, VendorStateReportEntity];

const inbox = [TypeOrmModule.forFeature(WEBHOOK_ENTITIES), QueueModule];

/** The api side: vendor endpoints (verify → store → enqueue → 200) and the operations API. */
@Module({
  imports: inbox,
  controllers: [LiveChatWebhookController, RingCentralWebhookController, WebhookEventsController],
  providers: [
    InboxRepository,
    InboxService,
    InboxWriter,
    OutboxCleanup,
    LiveChatWebhookService,
    RingCentralWebhookService,
  ],
})
export class WebhooksModule {}

/**
 * The worker side: processing stored webhooks, relaying the outbox, renewing the RingCentral
 * subscription, and storing what reconciliation with RingCentral finds (for the calls library).
 */
@Module({
  imports: [...inbox, DiscoveryModule, IntegrationsModule],
  providers: [
    InboxRepository,
    InboxService,
    InboxWriter,
    OutboxCleanup,
    DomainEventDispatcher,
    WebhookEventProcessor,
    OutboxRelay,
    RingCentralSubscriptionRenewal,
    RingCentralCallReconciliation,
    StateReportsRepository,
    WebhookEventRetentionHandler,
  ],
  exports: [RingCentralCallReconciliation],
})
export class WebhooksWorkerModule {}
