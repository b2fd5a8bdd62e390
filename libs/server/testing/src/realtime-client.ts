import {
  REALTIME_PATH,
  REALTIME_REPLAY_DONE,
  type RealtimeEvent,
  type RealtimeReplayDone,
} from '@ccp/contracts';
import { io, type Socket } from 'socket.io-client';
import { waitFor } from './wait-for';

/** A real Socket.IO client that records every event it receives, in order. */
export class RealtimeTestClient {
  readonly events: RealtimeEvent[] = [];
  readonly replays: RealtimeReplayDone[] = [];
  readonly socket: Socket;

  constructor(baseUrl: string, token: string | undefined, lastEventId?: number) {
    this.socket = io(baseUrl, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      reconnection: false,
      auth: { token, ...(lastEventId !== undefined ? { lastEventId } : {}) },
    });
    this.socket.onAny((name: string, payload: unknown) => {
      if (name === REALTIME_REPLAY_DONE) this.replays.push(payload as RealtimeReplayDone);
      else this.events.push(payload as RealtimeEvent);
    });
  }

  /** Resolves once connected and the server has finished replaying. */
  async ready(): Promise<this> {
    await waitFor('the socket to connect and finish its replay', () => this.replays.length > 0);
    return this;
  }

  connectError(): Promise<string> {
    return new Promise((resolve) =>
      this.socket.once('connect_error', (error: Error) => resolve(error.message)),
    );
  }

  waitForEvents(count: number, timeoutMs = 5_000): Promise<RealtimeEvent[]> {
    return waitFor(
      `${count} realtime events (have ${this.events.length})`,
      () => (this.events.length >= count ? this.events : undefined),
      { timeoutMs },
    );
  }

  close(): void {
    this.socket.disconnect();
  }
}
