import type { RealtimeEvent } from '@ccp/contracts';

/** One line a person can read at a glance for an event in the live feed. */
export function summarizeEvent(event: RealtimeEvent): string {
  switch (event.type) {
    case 'announcement:created':
      return `${event.data.authorName}: ${event.data.text}`;
    default:
      // A server newer than this build can send types it does not know yet; list them rather than hide them.
      return 'No details for this event type yet.';
  }
}
