import type { StatusReason, UnifiedStatus } from '@ccp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The agent state timeline: one row per stretch of one unified status, for occupancy reports. */
@Entity({ name: 'agent_status_intervals' })
@Index('agent_status_intervals_agent_id_started_at_idx', ['agentId', 'startedAt'])
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
