import type { WebhookEventStatus, WebhookVendor } from '@ccp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The durable inbox: every accepted vendor webhook, stored before it is acknowledged. The event
 * key is the vendor's natural id, so a redelivery finds its row instead of creating another.
 */
@Entity({ name: 'webhook_events' })
@Index('webhook_events_status_received_at_idx', ['status', 'receivedAt'])
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: ['livechat', 'ringcentral'], enumName: 'webhook_vendor' })
  vendor!: WebhookVendor;

  @Index('webhook_events_event_key_key', { unique: true })
  @Column({ type: 'text' })
  eventKey!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({
    type: 'enum',
    enum: ['received', 'processed', 'ignored', 'failed', 'dead', 'invalid'],
    enumName: 'webhook_event_status',
  })
  status!: WebhookEventStatus;

  /** The body as received, vendor secrets redacted. */
  @Column({ type: 'text' })
  rawBody!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
