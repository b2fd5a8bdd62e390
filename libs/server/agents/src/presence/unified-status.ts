import type { ChatRoutingStatus, StatusReason, UnifiedStatus } from '@ccp/contracts';

export interface PresenceFacts {
  manualStatus: UnifiedStatus | null;
  chatStatus: ChatRoutingStatus | null;
  telephonyStatus: string | null;
  presenceStatus: string | null;
  dndStatus: string | null;
  openChats: number;
  maxConcurrentChats: number;
  wrappingUp: boolean;
}

export interface DerivedStatus {
  status: UnifiedStatus;
  reason: StatusReason | null;
}

const PHONE_REASONS: Readonly<Record<string, StatusReason>> = {
  Ringing: 'ringing',
  CallConnected: 'on_call',
  OnHold: 'on_hold',
  ParkedCall: 'on_call',
};

/**
 * The unified status, in priority order: the agent's explicit away/offline/busy choice; a phone
 * that rings or holds a call; the wrap-up after a call; chats at capacity; then what the vendors
 * say (an explicit "available" counts as the agent's choice once nothing above applies).
 */
export function deriveUnifiedStatus(facts: PresenceFacts): DerivedStatus {
  if (facts.manualStatus && facts.manualStatus !== 'available')
    return { status: facts.manualStatus, reason: 'manual' };
  const phoneReason = facts.telephonyStatus ? PHONE_REASONS[facts.telephonyStatus] : undefined;
  if (phoneReason) return { status: 'busy', reason: phoneReason };
  if (facts.wrappingUp) return { status: 'busy', reason: 'wrap_up' };
  if (facts.openChats >= facts.maxConcurrentChats && facts.maxConcurrentChats > 0) {
    return { status: 'busy', reason: 'chats_at_capacity' };
  }
  if (facts.manualStatus === 'available') return { status: 'available', reason: 'manual' };
  if (facts.chatStatus === 'accepting_chats') return { status: 'available', reason: null };
  if (facts.chatStatus === 'not_accepting_chats') return { status: 'away', reason: 'not_accepting_chats' };
  if (facts.dndStatus === 'DoNotAcceptAnyCalls') return { status: 'away', reason: 'do_not_disturb' };
  if (facts.presenceStatus === 'Available' || facts.presenceStatus === 'Busy')
    return { status: 'available', reason: null };
  return { status: 'offline', reason: 'signed_out' };
}
