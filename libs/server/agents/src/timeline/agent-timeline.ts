import type { StatusReason, UnifiedStatus } from '@ccp/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Ends the agent's current interval and opens the next at the same instant, in one statement:
 * this runs for every status change, inside the transaction that holds the agent's row lock.
 * Both parts see the same snapshot, so the new row is never the one being closed.
 */
export async function startStatusInterval(
  manager: EntityManager,
  agentId: string,
  next: { status: UnifiedStatus; reason: StatusReason | null; at: Date },
): Promise<void> {
  await manager.query(
    `WITH closed AS (
       UPDATE agent_status_intervals SET ended_at = $4 WHERE agent_id = $1 AND ended_at IS NULL
     )
     INSERT INTO agent_status_intervals (agent_id, status, reason, started_at) VALUES ($1, $2, $3, $4)`,
    [agentId, next.status, next.reason, next.at],
  );
}
