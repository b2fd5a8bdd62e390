import type { RealtimeEvent } from '@ccp/contracts';

/**
 * Inserts the event in newest-first order by id (not arrival: a replay can race live events) and keeps
 * at most `capacity` of the newest events.
 */
export function mergeIntoFeed(
  events: readonly RealtimeEvent[],
  event: RealtimeEvent,
  capacity: number,
): readonly RealtimeEvent[] {
  const firstOlder = events.findIndex((existing) => existing.id < event.id);
  const at = firstOlder === -1 ? events.length : firstOlder;
  return [...events.slice(0, at), event, ...events.slice(at)].slice(0, capacity);
}
