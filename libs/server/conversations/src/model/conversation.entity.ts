import type { ConversationPlatform, ConversationStatus, ConversationType, CsatScore } from '@ccp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One LiveChat thread (type chat) or one RingCentral telephony session (type call). */
@Entity({ name: 'conversations' })
@Index('conversations_platform_external_id_key', ['platform', 'externalId'], { unique: true })
@Index('conversations_status_type_idx', ['status', 'type'])
@Index('conversations_started_at_idx', ['startedAt'])
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  type!: ConversationType;

  @Column({ type: 'varchar', length: 16 })
  platform!: ConversationPlatform;

  @Column({ type: 'varchar', length: 16 })
  status!: ConversationStatus;

  @Column({ type: 'text' })
  externalId!: string;

  @Index('conversations_chat_id_idx')
  @Column({ type: 'text', nullable: true })
  chatId!: string | null;

  @Index('conversations_customer_id_idx')
  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @Index('conversations_agent_id_idx')
  @Column({ type: 'uuid', nullable: true })
  agentId!: string | null;

  /** Everyone who took part. GIN-indexed for `agent_ids @> ARRAY[…]`, made by its migration (TypeORM cannot). */
  @Index('conversations_agent_ids_idx', { synchronize: false })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  agentIds!: string[];

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'varchar', length: 8, nullable: true })
  csat!: CsatScore | null;

  @Column({ type: 'text', nullable: true })
  csatComment!: string | null;

  @Column({ type: 'jsonb', default: {} })
  properties!: Record<string, Record<string, unknown>>;

  @Column({ type: 'varchar', length: 8, nullable: true })
  direction!: 'Inbound' | 'Outbound' | null;

  @Column({ type: 'text', nullable: true })
  fromNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  fromName!: string | null;

  @Column({ type: 'text', nullable: true })
  toNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  toName!: string | null;

  @Column({ type: 'boolean', default: false })
  missed!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  durationSeconds!: number | null;

  @Column({ type: 'integer', nullable: true })
  talkSeconds!: number | null;

  @Column({ type: 'text', nullable: true })
  callResult!: string | null;

  @Column({ type: 'text', nullable: true })
  recordingUrl!: string | null;

  /**
   * Set in the transaction that ends a call, cleared once its call-log fetch has settled: the
   * durable half of that fetch, so a job lost with Redis is queued again (CallLogSweep).
   */
  @Index('conversations_call_log_due_at_idx', { where: 'call_log_due_at IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  callLogDueAt!: Date | null;

  /**
   * While a call is not over: when to ask RingCentral whether it still is, should no notification
   * come before (CALL_RECONCILE_AFTER_MS after the last one). Cleared when the call ends.
   */
  @Index('conversations_call_reconcile_due_at_idx', { where: 'call_reconcile_due_at IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  callReconcileDueAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
