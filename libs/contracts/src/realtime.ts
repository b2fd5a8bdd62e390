import type { Agent } from './agents';
import type { Announcement } from './announcements';
import type { Conversation, Message } from './conversations';

/**
 * Every realtime event type and the shape of its `data`. The Socket.IO event name is the type.
 * Later features add their events here (agent:status_changed, conversation:new, call:updated, ...).
 */
export interface RealtimeEventMap {
  'announcement:created': Announcement;
  'agent:status_changed': Agent;
  'conversation:new': Conversation;
  'conversation:updated': Conversation;
  'message:new': Message;
  'call:new': Conversation;
  'call:updated': Conversation;
  'call:ended': Conversation;
}

export type RealtimeEventType = keyof RealtimeEventMap;

export interface RealtimeEvent<T extends RealtimeEventType = RealtimeEventType> {
  /** Monotonic id from the server's append-only event log; resume from the highest one seen. */
  id: number;
  type: T;
  /** ISO-8601 time the event was recorded. */
  at: string;
  data: RealtimeEventMap[T];
}

/** The same events as a union discriminated by `type`, so a `switch` narrows `data`. */
export type AnyRealtimeEvent = { [T in RealtimeEventType]: RealtimeEvent<T> }[RealtimeEventType];

/** Sent in the Socket.IO handshake `auth` object. */
export interface RealtimeHandshakeAuth {
  token: string;
  /** The highest event id the client has applied; the server replays everything after it. */
  lastEventId?: number;
}

/** Emitted by the server once the replay after a (re)connect has been sent in full. */
export const REALTIME_REPLAY_DONE = 'realtime:replay_done';

export interface RealtimeReplayDone {
  /** How many events the replay delivered. */
  replayed: number;
  lastEventId: number;
  /**
   * False when the replay cannot have brought the client up to date: it had no resume point, it
   * was further behind than a replay goes, or the events it missed were already trimmed from the
   * log. The client then reloads its state over REST.
   */
  complete: boolean;
}

export const REALTIME_PATH = '/socket.io';
