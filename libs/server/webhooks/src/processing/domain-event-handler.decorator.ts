import { SetMetadata } from '@nestjs/common';
import type { DomainEvent } from '../parsing/domain-events';

export const DOMAIN_EVENT_HANDLER = 'ccp:domainEventHandler';

export interface DomainEventHandlerOptions {
  /**
   * Handlers of one event run in ascending order (default 0). A library that builds on another's
   * records (crm links customers to conversations) runs after it.
   */
  order?: number;
}

export interface DomainEventHandlerMetadata {
  type: DomainEvent['type'];
  order: number;
}

/**
 * Marks the provider method (in a domain library) that applies one kind of normalized vendor
 * event. It runs inside the webhook's processing transaction and must be idempotent.
 */
export const HandlesDomainEvent = (
  type: DomainEvent['type'],
  options: DomainEventHandlerOptions = {},
): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_HANDLER, { type, order: options.order ?? 0 } satisfies DomainEventHandlerMetadata);

export const DOMAIN_EVENT_PREPARER = 'ccp:domainEventPreparer';

export interface DomainEventPreparerMetadata {
  type: DomainEvent['type'];
}

/**
 * Marks the provider method that gets, before any of them is applied, every event of one kind
 * that a group of webhooks is about to apply in one transaction, with its manager: to lock the
 * rows they change in one statement, rather than one round trip per event. It must leave the
 * result of applying them unchanged.
 */
export const PreparesDomainEvents = (type: DomainEvent['type']): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_PREPARER, { type } satisfies DomainEventPreparerMetadata);

export const HELD_WRITES_FLUSHER = 'ccp:heldWritesFlusher';

export interface HeldWritesFlusherMetadata {
  type: DomainEvent['type'];
}

/**
 * Marks the provider method that writes what the handlers of one kind of event held back in
 * memory, with the transaction's manager: events of that kind that follow each other in a group
 * then cost one statement together. The dispatcher calls it before it dispatches an event of any
 * other kind, and when the group has applied its last event (DomainEventDispatcher.settle), so
 * nothing else in the transaction ever reads what was not written yet.
 */
export const FlushesHeldWrites = (type: DomainEvent['type']): MethodDecorator =>
  SetMetadata(HELD_WRITES_FLUSHER, { type } satisfies HeldWritesFlusherMetadata);
