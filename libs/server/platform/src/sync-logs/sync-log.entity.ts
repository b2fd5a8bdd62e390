import type { SyncLogStatus } from '@ccp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'sync_logs' })
@Index('sync_logs_created_at_idx', ['createdAt'])
export class SyncLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  operationType!: string;

  @Column({ type: 'enum', enum: ['success', 'failed', 'skipped'], enumName: 'sync_log_status' })
  status!: SyncLogStatus;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Ids of what the step touched (webhook event, conversation, agent…), for filtering and links. */
  @Column({ type: 'jsonb', default: {} })
  references!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
