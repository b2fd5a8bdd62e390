export { WEBHOOK_ENTITIES, WebhooksModule, WebhooksWorkerModule } from './webhooks.module';
export {
  FlushesHeldWrites,
  HandlesDomainEvent,
  PreparesDomainEvents,
} from './processing/domain-event-handler.decorator';
export { DomainEventDispatcher, type DomainEventContext } from './processing/domain-event.dispatcher';
export type { DomainEvent, DomainEventOf, DomainEventType } from './parsing/domain-events';
export { INBOX_STORE_STATEMENT } from './inbox/inbox.repository';
export { OutboxRelay } from './processing/outbox-relay.service';
export { RingCentralCallReconciliation, type VanishedParty } from './ringcentral/call-reconciliation';
export { WebhookEventRetentionHandler } from './inbox/webhook-event-retention.handler';
