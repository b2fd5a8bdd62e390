import type { ConversationStatus } from '@ccp/contracts';

/**
 * A chat's status follows from two facts that only ever grow (it ended; an agent took part), so
 * events applied in any order arrive at the same status. A chat that ended without any agent is
 * one the team missed.
 */
export function chatStatusOf(facts: { ended: boolean; hasAgent: boolean }): ConversationStatus {
  if (facts.ended) return facts.hasAgent ? 'ended' : 'missed';
  return facts.hasAgent ? 'active' : 'queued';
}
