import type { StatusReason, UnifiedStatus } from '@ccp/contracts';
import type { CombinedWrite } from '@ccp/server-platform';

/**
 * Ends the agent's current interval and opens the next at the same instant, as part of `write`:
 * this runs for every status change, inside the transaction that holds the agent's row lock.
 * Both parts see the same snapshot, so the new row is never the one being closed.
 */
export function startStatusInterval(
  write: CombinedWrite,
  agentId: string,
  next: { status: UnifiedStatus; reason: StatusReason | null; at: Date },
): void {
  const agent = write.param(agentId);
  const at = write.param(next.at);
  write.with(
    'closed_interval',
    `UPDATE agent_status_intervals SET ended_at = ${at} WHERE agent_id = ${agent} AND ended_at IS NULL`,
  );
  write.with(
    'opened_interval',
    `INSERT INTO agent_status_intervals (agent_id, status, reason, started_at)
     VALUES (${agent}, ${write.param(next.status)}, ${write.param(next.reason)}, ${at})`,
  );
}
