import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  REALTIME_PATH,
  REALTIME_REPLAY_DONE,
  type RealtimeEvent,
  type RealtimeHandshakeAuth,
  type RealtimeReplayDone,
} from '@ccp/contracts';
import type { Redis } from 'ioredis';
import type { Server, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { createRedisConnection } from '../queue/redis-connection';
import { roomsOf } from './audience';
import { EventLogRepository, type AddressedEvent } from './event-log.repository';
import { realtimeChannelOf } from './realtime.publisher';
import { RecentEventsBuffer } from './recent-events.buffer';

const REPLAYING_ROOM = 'replaying';
/** A client further behind than this reloads instead of replaying (the console refetches over REST). */
const MAX_REPLAY = 5_000;

interface SocketData {
  principal: Principal;
  rooms: string[];
}

type RealtimeSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

function toWire({ id, type, at, data }: AddressedEvent): RealtimeEvent {
  return { id, type, at, data };
}

function lastEventIdOf(auth: Partial<RealtimeHandshakeAuth>): number | undefined {
  const value = Number(auth.lastEventId);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The single Socket.IO endpoint. Authenticates the handshake, joins the caller's rooms, replays
 * what a resuming client missed, and delivers live events that arrive over Redis from any process.
 */
@WebSocketGateway({ path: REALTIME_PATH })
export class RealtimeGateway
  implements
    OnGatewayInit<Server>,
    OnGatewayConnection<RealtimeSocket>,
    OnGatewayDisconnect,
    OnApplicationShutdown
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly recent = new RecentEventsBuffer(2_000);
  private subscriber?: Redis;

  @WebSocketServer()
  private readonly server!: Server;

  constructor(
    private readonly auth: AuthService,
    private readonly eventLog: EventLogRepository,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const handshake = socket.handshake.auth as Partial<RealtimeHandshakeAuth>;
      this.auth
        .authenticate(typeof handshake.token === 'string' ? handshake.token : undefined)
        .then((principal) => {
          const data = socket.data as SocketData;
          data.principal = principal;
          data.rooms = roomsOf(principal);
          next();
        })
        // The client sees connect_error with this message and stops retrying with a bad token.
        .catch(() => next(new Error('UNAUTHORIZED')));
    });
    this.subscriber = createRedisConnection(this.config.REDIS_URL, 'subscriber');
    this.subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    this.subscriber.subscribe(realtimeChannelOf(this.config)).catch((error: unknown) => {
      this.logger.error(`cannot subscribe to realtime events: ${(error as Error).message}`);
    });
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    this.metrics.socketConnections.inc();
    const { rooms } = socket.data;
    const afterId = lastEventIdOf(socket.handshake.auth as Partial<RealtimeHandshakeAuth>);
    if (afterId === undefined) {
      await socket.join(rooms);
      this.emitReplayDone(socket, 0, 0, false);
      return;
    }
    await socket.join([REPLAYING_ROOM, ...rooms]);
    try {
      const [replay, oldestId] = await Promise.all([
        this.eventLog.since(afterId, rooms, MAX_REPLAY),
        this.eventLog.oldestId(),
      ]);
      // Ids can have gaps (rolled-back transactions), so a trimmed log is presumed rather than proven.
      const trimmed = oldestId > afterId + 1;
      const sent = new Set<number>();
      for (const event of replay) {
        this.emit(socket, event);
        sent.add(event.id);
      }
      // Synchronous from here on: no live event can slip between the catch-up and leaving the room.
      const missed = this.recent.missedBy(rooms, afterId, sent);
      missed.forEach((event) => this.emit(socket, event));
      // The in-memory adapter leaves synchronously, which the no-gap guarantee above relies on.
      void socket.leave(REPLAYING_ROOM);
      const all = replay.concat(missed);
      this.emitReplayDone(
        socket,
        all.length,
        all.reduce((max, event) => Math.max(max, event.id), afterId),
        !trimmed && replay.length < MAX_REPLAY,
      );
    } catch (error) {
      this.logger.error(`replay for ${socket.data.principal.id} failed: ${(error as Error).message}`);
      socket.disconnect(true);
    }
  }

  handleDisconnect(): void {
    this.metrics.socketConnections.dec();
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }

  private deliver(message: string): void {
    let event: AddressedEvent;
    try {
      event = JSON.parse(message) as AddressedEvent;
    } catch {
      this.logger.warn('dropped a realtime message that is not JSON');
      return;
    }
    this.recent.add(event);
    this.server.to(event.audience).except(REPLAYING_ROOM).emit(event.type, toWire(event));
    this.metrics.realtimeEventsDelivered.inc();
  }

  private emit(socket: RealtimeSocket, event: AddressedEvent): void {
    (socket as unknown as Socket).emit(event.type, toWire(event));
  }

  private emitReplayDone(
    socket: RealtimeSocket,
    replayed: number,
    lastEventId: number,
    complete: boolean,
  ): void {
    const done: RealtimeReplayDone = { replayed, lastEventId, complete };
    (socket as unknown as Socket).emit(REALTIME_REPLAY_DONE, done);
  }
}
