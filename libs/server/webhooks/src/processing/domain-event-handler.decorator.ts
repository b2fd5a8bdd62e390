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
