import type { AnyRealtimeEvent, Conversation, RealtimeEvent } from '@ccp/contracts';

import { STATUS_LABELS, reasonLabel } from '../../shared/agent-status/agent-status.labels';

function who(conversation: Conversation): string {
  return conversation.call?.fromName ?? conversation.call?.fromNumber ?? conversation.externalId;
}

/** One line a person can read at a glance for an event in the live feed. */
export function summarizeEvent(received: RealtimeEvent): string {
  // The server sends `data` matching `type`; the union lets the switch below rely on it.
  const event = received as AnyRealtimeEvent;
  switch (event.type) {
    case 'announcement:created':
      return `${event.data.authorName}: ${event.data.text}`;
    case 'agent:status_changed': {
      const reason = reasonLabel(event.data.statusReason);
      const status = STATUS_LABELS[event.data.status];
      return `${event.data.name} is ${reason === null ? status : `${status} (${reason})`}`;
    }
    case 'conversation:new':
      return `New chat (${event.data.status})`;
    case 'conversation:updated':
      return `Chat ${event.data.status}`;
    case 'message:new':
      return `${event.data.authorType}: ${event.data.text ?? event.data.kind}`;
    case 'call:new':
      return `Incoming call from ${who(event.data)}`;
    case 'call:updated':
      return `Call from ${who(event.data)} ${event.data.status}`;
    case 'call:ended':
      return `Call from ${who(event.data)} ${event.data.call?.missed ? 'missed' : 'ended'}`;
    default:
      // A server newer than this build can send types it does not know yet; list them rather than hide them.
      return 'No details for this event type yet.';
  }
}
