import {
  REALTIME_PATH,
  REALTIME_REPLAY_DONE,
  type RealtimeEvent,
  type RealtimeHandshakeAuth,
} from '@ccp/contracts';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

/** What the bench reacts to; `receivedAt` is taken first thing, before any of the bench's own work. */
export interface RealtimeListeners {
  /** `owner` is the index of the token (and agent) the socket signed in with. */
  statusChanged(owner: number, event: RealtimeEvent<'agent:status_changed'>, receivedAt: number): void;
  announcement(event: RealtimeEvent<'announcement:created'>, receivedAt: number): void;
}

/** The handshake (upgrade, JWT check, joining rooms) of one socket must finish within this. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Many agents' consoles in one process, as Socket.IO clients over WebSocket only (what a browser
 * ends up on; long polling would add HTTP requests the api does not get from real consoles). No
 * reconnection: a socket the api drops stays down and is counted, instead of resuming quietly.
 */
export class AgentSockets {
  private readonly sockets: Socket[] = [];
  private closing = false;
  /** Sockets the api closed while the bench still needed them. */
  unexpectedDisconnects = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly listeners: RealtimeListeners,
  ) {}

  get connected(): number {
    return this.sockets.length;
  }

  /**
   * Opens one socket per token, `concurrency` handshakes at a time, and resolves once every one is
   * in its rooms. The first failure closes them all and names the socket and the api's reason.
   */
  async connectAll(tokens: string[], concurrency: number): Promise<void> {
    // One iterator shared by the workers: each takes the next token that nobody has taken yet.
    const queue = tokens.entries();
    const connectNext = async (): Promise<void> => {
      for (const [owner, token] of queue) this.sockets.push(await this.connect(owner, token));
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, connectNext));
    } catch (error) {
      this.close();
      throw error;
    }
  }

  close(): void {
    this.closing = true;
    this.sockets.forEach((socket) => socket.disconnect());
  }

  private connect(owner: number, token: string): Promise<Socket> {
    const socket = io(this.baseUrl, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      reconnection: false,
      // One connection per agent, as separate browsers have; without it they would share one.
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
      auth: { token } satisfies RealtimeHandshakeAuth,
    });
    socket.on('agent:status_changed', (event: RealtimeEvent<'agent:status_changed'>) =>
      this.listeners.statusChanged(owner, event, performance.now()),
    );
    socket.on('announcement:created', (event: RealtimeEvent<'announcement:created'>) =>
      this.listeners.announcement(event, performance.now()),
    );
    socket.on('disconnect', () => {
      if (!this.closing) this.unexpectedDisconnects++;
    });
    return new Promise((resolve, reject) => {
      const fail = (reason: string): void => {
        clearTimeout(timer);
        socket.disconnect();
        reject(new Error(`socket ${owner + 1} could not connect to ${this.baseUrl}: ${reason}`));
      };
      const timer = setTimeout(
        () => fail(`no ${REALTIME_REPLAY_DONE} within ${CONNECT_TIMEOUT_MS} ms`),
        CONNECT_TIMEOUT_MS,
      );
      socket.once('connect_error', (error: Error) => fail(error.message));
      // Sent once the api has joined the socket to its rooms: from then on no event can miss it.
      socket.once(REALTIME_REPLAY_DONE, () => {
        clearTimeout(timer);
        resolve(socket);
      });
    });
  }
}
