import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { safeIntegerTransformer } from '@ccp/server-platform';
import { ConversationEntity } from './conversation.entity';

/** The call timeline: every status a party went through, kept in vendor `sequence` order. */
@Entity({ name: 'call_status_changes' })
@Index('call_status_changes_conversation_party_sequence_key', ['conversationId', 'partyId', 'sequence'], {
  unique: true,
})
export class CallStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  conversation?: ConversationEntity;

  @Column({ type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  partyId!: string;

  @Column({ type: 'bigint', transformer: safeIntegerTransformer })
  sequence!: number;

  @Column({ type: 'timestamptz' })
  eventTime!: Date;

  /** The vendor's status code as sent: codes it adds later are kept, not refused. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 8 })
  direction!: string;

  @Column({ type: 'text', nullable: true })
  extensionId!: string | null;

  /**
   * The platform agent behind the extension (possibly an unmapped placeholder). Indexed for moving
   * a placeholder's history onto the agent it turns out to be.
   */
  @Index('call_status_changes_agent_id_idx', { where: 'agent_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  agentId!: string | null;

  @Column({ type: 'text', nullable: true })
  fromNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  fromName!: string | null;

  @Column({ type: 'text', nullable: true })
  toNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  toName!: string | null;

  @Column({ type: 'boolean', default: false })
  missedCall!: boolean;
}
