import type { ChatRoutingStatus, PhoneState, StatusReason, UnifiedStatus } from '@ccp/contracts';

export const STATUS_LABELS: Readonly<Record<UnifiedStatus, string>> = {
  available: 'Available',
  busy: 'Busy',
  away: 'Away',
  offline: 'Offline',
};

const REASON_LABELS: Readonly<Record<StatusReason, string>> = {
  manual: 'set manually',
  ringing: 'ringing',
  on_call: 'on a call',
  on_hold: 'call on hold',
  wrap_up: 'wrap-up',
  chats_at_capacity: 'chats at capacity',
  not_accepting_chats: 'not accepting chats',
  do_not_disturb: 'do not disturb',
  signed_out: 'signed out',
};

const CHAT_LABELS: Readonly<Record<ChatRoutingStatus, string>> = {
  accepting_chats: 'Accepting chats',
  not_accepting_chats: 'Not accepting chats',
  offline: 'Offline',
};

/** RingCentral telephony states; one the vendor adds later is shown as it comes. */
const TELEPHONY_LABELS: ReadonlyMap<string, string> = new Map([
  ['NoCall', 'No call'],
  ['Ringing', 'Ringing'],
  ['CallConnected', 'On a call'],
  ['OnHold', 'On hold'],
  ['ParkedCall', 'Call parked'],
]);

/** RingCentral DND settings worth a note; `TakeAllCalls` is the normal case and says nothing. */
const DND_LABELS: ReadonlyMap<string, string> = new Map([
  ['DoNotAcceptAnyCalls', 'Do not disturb'],
  ['DoNotAcceptDepartmentCalls', 'No queue calls'],
  ['TakeDepartmentCallsOnly', 'Queue calls only'],
]);

/** Shown where a vendor has not told us anything yet (no linked identity, or no event so far). */
export const UNKNOWN = 'Unknown';

export function reasonLabel(reason: StatusReason | null): string | null {
  return reason === null ? null : REASON_LABELS[reason];
}

export function describeChat(status: ChatRoutingStatus | null): string {
  return status === null ? UNKNOWN : CHAT_LABELS[status];
}

export function describePhone({ telephonyStatus, dndStatus }: PhoneState): string {
  const call =
    telephonyStatus === null ? UNKNOWN : (TELEPHONY_LABELS.get(telephonyStatus) ?? telephonyStatus);
  const dnd = dndStatus === null ? undefined : DND_LABELS.get(dndStatus);
  return dnd === undefined ? call : `${call} · ${dnd}`;
}
