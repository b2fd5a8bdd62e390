import {
  DOCUMENT,
  DestroyRef,
  ErrorHandler,
  Injectable,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  REALTIME_PATH,
  REALTIME_REPLAY_DONE,
  type RealtimeReplayDone,
  type RealtimeEvent,
  type RealtimeEventType,
  type RealtimeHandshakeAuth,
} from '@ccp/contracts';
import { type Observable, Subject, filter } from 'rxjs';
import { type Socket, io } from 'socket.io-client';

import { SessionService } from '../auth/session.service';
import { SESSION_STORAGE } from '../browser/session-storage.token';
import type { ConnectionState } from './connection-state';
import { LiveFeedStore } from './live-feed.store';
import { RecentEventIds } from './recent-event-ids';

const LAST_EVENT_ID_KEY = 'ccp.lastEventId';
/** Far wider than the out-of-order window of a replay racing live events, still small in memory. */
const RECENT_IDS_KEPT = 1000;

function isRealtimeEvent(value: unknown): value is RealtimeEvent {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { id, type, at, data } = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(id) &&
    typeof type === 'string' &&
    typeof at === 'string' &&
    typeof data === 'object' &&
    data !== null
  );
}

/**
 * Owns the one Socket.IO connection. It follows the session (open while signed in), resumes from the
 * highest event id applied, drops events already applied and merges the rest into the signal stores:
 * the live feed directly, feature stores through `on(type)` and `resyncs`.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly session = inject(SessionService);
  private readonly liveFeed = inject(LiveFeedStore);
  private readonly storage = inject(SESSION_STORAGE);
  private readonly errorHandler = inject(ErrorHandler);

  private readonly lastEventId = signal(this.readStoredLastEventId());
  private readonly recentIds = new RecentEventIds(RECENT_IDS_KEPT, this.lastEventId());
  private readonly socketState = signal<ConnectionState>('offline');
  private readonly browserOnline = signal(true);
  private readonly applied = new Subject<RealtimeEvent>();
  private readonly unreplayedConnects = new Subject<void>();
  private socket: Socket | null = null;
  /** Whether the handshake of the current connection carried a resume point for the server to replay from. */
  private resuming = false;

  /** The browser knowing it has no network beats whatever the socket still believes. */
  readonly state = computed<ConnectionState>(() => (this.browserOnline() ? this.socketState() : 'offline'));

  /**
   * Emits once the server is done with a (re)connect whose replay cannot have brought the client up
   * to date (no resume point, too far behind, or trimmed from the log): a store built from events
   * must reload over REST. After a complete replay, the replayed events suffice.
   */
  readonly resyncs: Observable<void> = this.unreplayedConnects.asObservable();

  constructor() {
    const destroyRef = inject(DestroyRef);
    const view = inject(DOCUMENT).defaultView;
    if (view) {
      const updateOnline = (): void => this.browserOnline.set(view.navigator.onLine);
      updateOnline();
      view.addEventListener('online', updateOnline);
      view.addEventListener('offline', updateOnline);
      destroyRef.onDestroy(() => {
        view.removeEventListener('online', updateOnline);
        view.removeEventListener('offline', updateOnline);
      });
    }
    destroyRef.onDestroy(() => this.socket?.disconnect());

    effect(() => {
      const signedIn = this.session.signedIn();
      untracked(() => (signedIn ? this.connect() : this.disconnect()));
    });
  }

  /** Events of one type, each once, as they are applied (replayed ones included). */
  on<T extends RealtimeEventType>(type: T): Observable<RealtimeEvent<T>> {
    return this.applied.pipe(filter((event): event is RealtimeEvent<T> => event.type === type));
  }

  private connect(): void {
    if (this.socket) {
      return;
    }
    const socket = io({
      path: REALTIME_PATH,
      transports: ['websocket'],
      // Our own manager rather than Socket.IO's shared one, so nothing from a previous session lingers.
      forceNew: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      // Called on every (re)connect, so the server always gets the current token and resume point.
      auth: (send) => send(this.handshakeAuth()),
    });
    socket.on('connect', () => this.socketState.set('connected'));
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') {
        // Socket.IO leaves reconnecting to us when the server closed the socket; a token it no longer
        // accepts then ends in a refused handshake (connect_error) rather than a loop.
        socket.connect();
      }
      this.socketState.set(reason === 'io client disconnect' ? 'offline' : 'reconnecting');
    });
    // An inactive socket after a failed handshake means the server refused it (auth): retrying won't help.
    socket.on('connect_error', () => this.socketState.set(socket.active ? 'reconnecting' : 'offline'));
    socket.io.on('reconnect_attempt', () => this.socketState.set('reconnecting'));
    socket.onAny((name: string, payload: unknown) => this.receive(name, payload));
    this.socket = socket;
    this.socketState.set('reconnecting');
  }

  private disconnect(): void {
    if (!this.socket) {
      return;
    }
    this.socket.disconnect();
    this.socket = null;
    this.socketState.set('offline');
    // Whoever signs in next starts at the live edge with an empty feed, not with this session's events.
    this.recentIds.reset();
    this.lastEventId.set(undefined);
    this.storage.removeItem(LAST_EVENT_ID_KEY);
    this.liveFeed.clear();
  }

  private handshakeAuth(): RealtimeHandshakeAuth {
    const lastEventId = this.lastEventId();
    this.resuming = lastEventId !== undefined;
    return { token: this.session.token() ?? '', lastEventId };
  }

  private receive(name: string, payload: unknown): void {
    // A control message closing the replay after a (re)connect; the replayed events came on their own.
    if (name === REALTIME_REPLAY_DONE) {
      const done = payload as Partial<RealtimeReplayDone> | undefined;
      if (!this.resuming || done?.complete === false) {
        this.unreplayedConnects.next();
      }
      return;
    }
    if (!isRealtimeEvent(payload) || payload.type !== name) {
      this.errorHandler.handleError(new Error(`Ignored a malformed realtime event named "${name}"`));
      return;
    }
    if (!this.recentIds.markApplied(payload.id)) {
      return;
    }
    const lastEventId = Math.max(this.lastEventId() ?? payload.id, payload.id);
    this.lastEventId.set(lastEventId);
    this.storage.setItem(LAST_EVENT_ID_KEY, String(lastEventId));
    this.liveFeed.add(payload);
    this.applied.next(payload);
  }

  private readStoredLastEventId(): number | undefined {
    const stored = this.storage.getItem(LAST_EVENT_ID_KEY);
    return stored !== null && /^\d+$/.test(stored) ? Number(stored) : undefined;
  }
}
