import type { StatusReason, UnifiedStatus } from '@ccp/contracts';
import type { CombinedWrite } from '@ccp/server-platform';

export interface StatusChange {
  status: UnifiedStatus;
  reason: StatusReason | null;
  at: Date;
}

/**
 * Ends each agent's current interval where its first change starts, and opens one interval per
 * change, each ended where the next starts, as part of `write`: this runs inside the transaction
 * that holds the agents' row locks. Both parts see the same snapshot, so no new row is one being
 * closed.
 */
export function startStatusIntervals(
  write: CombinedWrite,
  changesByAgent: Map<string, StatusChange[]>,
): void {
  const closes: string[] = [];
  const opens: string[] = [];
  for (const [agentId, changes] of changesByAgent) {
    const first = changes[0];
    if (!first) continue;
    const agent = write.param(agentId);
    closes.push(`(${agent}::uuid, ${write.param(first.at)}::timestamptz)`);
    changes.forEach((change, index) => {
      const endedAt = changes[index + 1]?.at ?? null;
      opens.push(
        `(${agent}, ${write.param(change.status)}, ${write.param(change.reason)}, ${write.param(change.at)}, ${write.param(endedAt)})`,
      );
    });
  }
  if (opens.length === 0) return;
  write.with(
    'closed_intervals',
    `UPDATE agent_status_intervals AS open_interval SET ended_at = closing.at
     FROM (VALUES ${closes.join(', ')}) AS closing (agent_id, at)
     WHERE open_interval.agent_id = closing.agent_id AND open_interval.ended_at IS NULL`,
  );
  write.with(
    'opened_intervals',
    `INSERT INTO agent_status_intervals (agent_id, status, reason, started_at, ended_at)
     VALUES ${opens.join(', ')}`,
  );
}
