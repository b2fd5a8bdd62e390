import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RealtimeEvent, RealtimeEventMap, RealtimeEventType } from '@ccp/contracts';
import type { Redis } from 'ioredis';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { CombinedWrite } from '../database/combined-write';
import { createRedisConnection } from '../queue/redis-connection';
import { EventLogRepository, type AddressedEvent, type NewRealtimeEvent } from './event-log.repository';

export function realtimeChannelOf(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:realtime`;
}

/**
 * The one way to send a realtime event, from any process (api or worker). The event is first
 * appended to the PostgreSQL event log, which gives it its id and makes it replayable; then it is
 * published on Redis, and every api instance delivers it to its own sockets.
 */
@Injectable()
export class RealtimePublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(RealtimePublisher.name);
  private readonly redis: Redis;
  private readonly channel: string;

  constructor(
    private readonly eventLog: EventLogRepository,
    config: AppConfig,
  ) {
    this.redis = createRedisConnection(config.REDIS_URL, 'producer');
    this.channel = realtimeChannelOf(config);
  }

  async publish<T extends RealtimeEventType>(
    type: T,
    data: RealtimeEventMap[T],
    audience: string[],
  ): Promise<RealtimeEvent> {
    const event = await this.eventLog.append(type, data, audience);
    await this.broadcast(event);
    return event;
  }

  /**
   * Appends inside the caller's transaction. Call broadcast() with the result after the commit, so
   * that no client ever sees an event whose change was rolled back.
   */
  record<T extends RealtimeEventType>(
    manager: EntityManager,
    type: T,
    data: RealtimeEventMap[T],
    audience: string[],
  ): Promise<AddressedEvent> {
    return this.eventLog.append(type, data, audience, manager);
  }

  /** As record(), as part of `write`, for several events in the order given; read them once it has run. */
  recordAllWith(write: CombinedWrite, events: NewRealtimeEvent[]): () => AddressedEvent[] {
    return this.eventLog.appendAllWith(write, events);
  }

  /** Never throws: connected clients that miss a broadcast get the event from the log when they resume. */
  async broadcast(event: AddressedEvent): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(event));
    } catch (error) {
      this.logger.warn(`event ${event.id} stored but not broadcast: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
