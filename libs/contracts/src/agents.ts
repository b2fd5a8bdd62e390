import type { Page } from './pagination';

/** What supervisors see at a glance, derived from both vendors and the agent's own choice. */
export const UNIFIED_STATUSES = ['available', 'busy', 'away', 'offline'] as const;
export type UnifiedStatus = (typeof UNIFIED_STATUSES)[number];

/** LiveChat routing status (both spellings the vendor uses are normalized to these). */
export const CHAT_ROUTING_STATUSES = ['accepting_chats', 'not_accepting_chats', 'offline'] as const;
export type ChatRoutingStatus = (typeof CHAT_ROUTING_STATUSES)[number];

/** Why the unified status is what it is. */
export const STATUS_REASONS = [
  'manual',
  'ringing',
  'on_call',
  'on_hold',
  'wrap_up',
  'chats_at_capacity',
  'not_accepting_chats',
  'do_not_disturb',
  'signed_out',
] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];

/** RingCentral presence as last reported (by `sequence`). */
export interface PhoneState {
  presenceStatus: string | null;
  userStatus: string | null;
  /** `NoCall` | `Ringing` | `CallConnected` | `OnHold` | `ParkedCall`. */
  telephonyStatus: string | null;
  dndStatus: string | null;
}

export interface Agent {
  id: string;
  name: string;
  email: string | null;
  /** The console user this agent signs in as; null for placeholders. */
  userId: string | null;
  teamId: string | null;
  skills: string[];
  maxConcurrentChats: number;
  livechatAgentId: string | null;
  ringcentralExtensionId: string | null;
  /** False for a placeholder created from a vendor id nobody has linked to a person yet. */
  mapped: boolean;
  status: UnifiedStatus;
  statusReason: StatusReason | null;
  statusSince: string;
  chatStatus: ChatRoutingStatus | null;
  phoneStatus: PhoneState;
  /** The agent's own choice in the console; null when they have not made one. */
  manualStatus: UnifiedStatus | null;
  openChats: number;
}

export type AgentPage = Page<Agent>;

/** `PATCH /api/agents/:id/status`: the agent's own choice; `null` hands the status back to the vendors. */
export interface SetAgentStatusRequest {
  status: UnifiedStatus | null;
}

/** The sync rules between LiveChat and RingCentral, editable by admins (`GET/PUT /api/presence-policy`). */
export interface PresencePolicy {
  /** RingCentral telephony states during which the agent is offered no chats. */
  phoneBusyStates: string[];
  /** After the last call ends, how long before chats are offered again (wrap-up). */
  wrapUpSeconds: number;
  /** Set RingCentral "do not accept queue calls" while open chats ≥ the agent's capacity. */
  capacityDnd: boolean;
  /** Push the agent's console choice to both vendors. */
  pushManualStatus: boolean;
}
