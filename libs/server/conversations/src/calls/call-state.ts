import type { ConversationStatus } from '@ccp/contracts';

/** What the call state is derived from: one party's status at one vendor sequence. */
export interface PartyStatusChange {
  partyId: string;
  sequence: number;
  eventTime: Date;
  status: string;
  direction: string;
  extensionId: string | null;
  /** The platform agent behind the extension, when the party has one. */
  agentId: string | null;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  missedCall: boolean;
}

export interface CallState {
  status: ConversationStatus;
  direction: 'Inbound' | 'Outbound' | null;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  startedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  missed: boolean;
  durationSeconds: number | null;
  talkSeconds: number | null;
  /** The agent who answered first, else the last agent it rang. */
  agentId: string | null;
  agentIds: string[];
}

/** A party in one of these has left the call for good. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['Disconnected', 'Gone']);

function bySequence(a: PartyStatusChange, b: PartyStatusChange): number {
  return a.sequence - b.sequence || a.partyId.localeCompare(b.partyId);
}

function seconds(from: Date | null, to: Date | null): number | null {
  return from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null;
}

function asDirection(direction: string): 'Inbound' | 'Outbound' | null {
  return direction === 'Inbound' || direction === 'Outbound' ? direction : null;
}

/**
 * Derives the call from its whole timeline rather than from the last notification, so any
 * delivery order (RingCentral does not guarantee one) and any duplicates give the same result.
 * The call is over when every party it has seen is Disconnected or Gone; an IVR or queue leg
 * that ends earlier is just a leg. Answered counts only on a party with an extension (an agent):
 * the PSTN caller's leg is "answered" by the IVR already.
 */
export function deriveCallState(changes: readonly PartyStatusChange[]): CallState {
  const timeline = [...changes].sort(bySequence);
  const latestByParty = new Map<string, PartyStatusChange>();
  for (const change of timeline) latestByParty.set(change.partyId, change);

  const agentLegs = timeline.filter((change) => change.extensionId !== null);
  const firstAnswer = agentLegs.find((change) => change.status === 'Answered');
  const over =
    timeline.length > 0 && [...latestByParty.values()].every((latest) => FINAL_STATUSES.has(latest.status));
  const startedAt = timeline[0]?.eventTime ?? null;
  const endedAt = over ? new Date(Math.max(...timeline.map((change) => change.eventTime.getTime()))) : null;
  const answeredAt = firstAnswer?.eventTime ?? null;
  // The call's, not a leg's: an agent letting a queue call ring out (that party's missedCall) does
  // not make the call missed when another agent answers it. Each party keeps its own flag.
  const missed = over && !firstAnswer;

  // The call as the account sees it: an agent leg's view when there is one; otherwise the outside
  // party's leg, whose direction is the reverse of the call's (the caller's leg is Outbound).
  const reference = agentLegs[0] ?? timeline[0];
  const direction = !reference
    ? null
    : reference.extensionId !== null
      ? asDirection(reference.direction)
      : asDirection(reference.direction === 'Outbound' ? 'Inbound' : 'Outbound');

  const agentIds = [
    ...new Set(agentLegs.map((change) => change.agentId).filter((id): id is string => id !== null)),
  ];
  const lastRung = agentLegs.at(-1)?.agentId ?? null;

  let status: ConversationStatus;
  if (over) status = firstAnswer ? 'ended' : 'missed';
  else status = firstAnswer ? 'active' : 'queued';

  return {
    status,
    direction,
    fromNumber: reference?.fromNumber ?? null,
    fromName: reference?.fromName ?? null,
    toNumber: reference?.toNumber ?? null,
    toName: reference?.toName ?? null,
    startedAt,
    answeredAt,
    endedAt,
    missed,
    durationSeconds: seconds(startedAt, endedAt),
    talkSeconds: seconds(answeredAt, endedAt),
    agentId: firstAnswer?.agentId ?? lastRung,
    agentIds,
  };
}
