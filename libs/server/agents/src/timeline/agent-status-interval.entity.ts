import type { StatusReason, UnifiedStatus } from '@ccp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The agent state timeline: one row per stretch of one unified status, for occupancy reports. */
@Entity({ name: 'agent_status_intervals' })
@Index('agent_status_intervals_agent_id_started_at_idx', ['agentId', 'startedAt'])
// Every status change closes the agent's open interval: found through this, it costs the same
// for an agent with years of history as for a new one.
@Index('agent_status_intervals_open_idx', ['agentId'], { where: 'ended_at IS NULL' })
export class AgentStatusIntervalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  agentId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: UnifiedStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reason!: StatusReason | null;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  /** Null while the interval is the current one. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
