import { SetMetadata } from '@nestjs/common';
import type { DomainEvent } from '../parsing/domain-events';

export const DOMAIN_EVENT_HANDLER = 'ccp:domainEventHandler';

/**
 * Marks the provider method (in a domain library) that applies one kind of normalized vendor
 * event. It runs inside the webhook's processing transaction and must be idempotent.
 */
export const HandlesDomainEvent = (type: DomainEvent['type']): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_HANDLER, type);
