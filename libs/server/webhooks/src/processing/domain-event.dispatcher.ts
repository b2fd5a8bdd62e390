import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../parsing/domain-events';
import { DOMAIN_EVENT_HANDLER } from './domain-event-handler.decorator';

export interface DomainEventContext {
  manager: EntityManager;
  webhookEventId: string;
  eventKey: string;
}

type Handler = (event: DomainEvent, context: DomainEventContext) => Promise<unknown>;

/** Routes normalized vendor events to the domain handlers that registered for them. */
@Injectable()
export class DomainEventDispatcher implements OnApplicationBootstrap {
  private readonly handlers = new Map<DomainEvent['type'], Handler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const type = this.reflector.get<DomainEvent['type'] | undefined>(DOMAIN_EVENT_HANDLER, fn);
        if (!type) continue;
        const list = this.handlers.get(type) ?? [];
        list.push((event, context) => Promise.resolve(fn.call(instance, event, context)));
        this.handlers.set(type, list);
      }
    }
  }

  handles(type: DomainEvent['type']): boolean {
    return (this.handlers.get(type)?.length ?? 0) > 0;
  }

  async dispatch(event: DomainEvent, context: DomainEventContext): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) await handler(event, context);
  }
}
