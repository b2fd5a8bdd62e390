import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Stored events whose job may not be on the queue yet. Written in the same transaction as the
 * inbox row; deleted once the job is on the queue. The relay enqueues whatever is left.
 */
@Entity({ name: 'webhook_outbox' })
export class WebhookOutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Index('webhook_outbox_webhook_event_id_key', { unique: true })
  @Column({ type: 'uuid' })
  webhookEventId!: string;

  @Column({ type: 'text' })
  eventKey!: string;

  /** The BullMQ job id to use: the event key, or a fresh one for an admin's replay. */
  @Column({ type: 'text' })
  jobId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
