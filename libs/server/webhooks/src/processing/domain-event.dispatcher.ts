import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../parsing/domain-events';
import {
  DOMAIN_EVENT_HANDLER,
  DOMAIN_EVENT_PREPARER,
  HELD_WRITES_FLUSHER,
  type DomainEventHandlerMetadata,
  type DomainEventPreparerMetadata,
  type HeldWritesFlusherMetadata,
} from './domain-event-handler.decorator';

export interface DomainEventContext {
  manager: EntityManager;
  webhookEventId: string;
  eventKey: string;
  /** When the vendor's request was stored; the time for events the vendor does not date. */
  receivedAt: Date;
  /**
   * Runs inside the transaction after every handler of the webhook, just before the commit. For
   * locks on busy rows (an agent shared by many conversations): taken last, they are held for
   * the shortest time and never while waiting on anything else.
   */
  beforeCommit(effect: () => Promise<void>): void;
  /**
   * Runs once the processing transaction has committed (realtime broadcasts, follow-up jobs), so
   * nothing outside the database ever reflects a change that was rolled back.
   */
  afterCommit(effect: () => Promise<void>): void;
}

type Handler = (event: DomainEvent, context: DomainEventContext) => Promise<unknown>;
type Preparer = (events: DomainEvent[], manager: EntityManager) => Promise<unknown>;
type Flusher = (manager: EntityManager) => Promise<unknown>;

/** Routes normalized vendor events to the domain handlers that registered for them. */
@Injectable()
export class DomainEventDispatcher implements OnApplicationBootstrap {
  private readonly handlers = new Map<DomainEvent['type'], { order: number; handle: Handler }[]>();
  private readonly preparers: { type: DomainEvent['type']; prepare: Preparer }[] = [];
  private readonly flushers: { type: DomainEvent['type']; flush: Flusher }[] = [];

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
        const preparer = this.reflector.get<DomainEventPreparerMetadata | undefined>(
          DOMAIN_EVENT_PREPARER,
          fn,
        );
        if (preparer) {
          this.preparers.push({
            type: preparer.type,
            prepare: (events, manager) => Promise.resolve(fn.call(instance, events, manager)),
          });
        }
        const flusher = this.reflector.get<HeldWritesFlusherMetadata | undefined>(HELD_WRITES_FLUSHER, fn);
        if (flusher) {
          this.flushers.push({
            type: flusher.type,
            flush: (manager) => Promise.resolve(fn.call(instance, manager)),
          });
        }
        const metadata = this.reflector.get<DomainEventHandlerMetadata | undefined>(DOMAIN_EVENT_HANDLER, fn);
        if (!metadata) continue;
        const list = this.handlers.get(metadata.type) ?? [];
        list.push({
          order: metadata.order,
          handle: (event, context) => Promise.resolve(fn.call(instance, event, context)),
        });
        list.sort((a, b) => a.order - b.order);
        this.handlers.set(metadata.type, list);
      }
    }
  }

  handles(type: DomainEvent['type']): boolean {
    return (this.handlers.get(type)?.length ?? 0) > 0;
  }

  /** Hands each preparer the events of its kind among `events`, the ones a group is about to apply. */
  async prepare(events: DomainEvent[], manager: EntityManager): Promise<void> {
    for (const { type, prepare } of this.preparers) {
      const ofType = events.filter((event) => event.type === type);
      if (ofType.length > 0) await prepare(ofType, manager);
    }
  }

  /**
   * Runs the event's handlers, once the writes held back for events of other kinds are in the
   * database. Whoever dispatches must settle() before anything else reads, and before the commit.
   */
  async dispatch(event: DomainEvent, context: DomainEventContext): Promise<void> {
    for (const { type, flush } of this.flushers) if (type !== event.type) await flush(context.manager);
    for (const { handle } of this.handlers.get(event.type) ?? []) await handle(event, context);
  }

  /** Writes everything the handlers held back in this transaction. */
  async settle(manager: EntityManager): Promise<void> {
    for (const { flush } of this.flushers) await flush(manager);
  }
}
