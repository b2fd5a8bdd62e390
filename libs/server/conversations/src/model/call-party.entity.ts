import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { safeIntegerTransformer } from '@ccp/server-platform';
import { ConversationEntity } from './conversation.entity';

/** A leg of a call (caller, IVR, agent…) with its latest known status. */
@Entity({ name: 'call_parties' })
@Index('call_parties_conversation_id_party_id_key', ['conversationId', 'partyId'], { unique: true })
export class CallPartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  conversation?: ConversationEntity;

  @Column({ type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  partyId!: string;

  @Column({ type: 'text', nullable: true })
  extensionId!: string | null;

  /** Indexed for moving an agent placeholder's history onto the agent it turns out to be. */
  @Index('call_parties_agent_id_idx', { where: 'agent_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  agentId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  direction!: string;

  @Column({ type: 'text', nullable: true })
  fromNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  fromName!: string | null;

  @Column({ type: 'text', nullable: true })
  toNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  toName!: string | null;

  /** The vendor's status code as sent: codes it adds later are kept, not refused. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'boolean', default: false })
  missed!: boolean;

  /** The vendor sequence the status above came from; an older notification never overwrites it. */
  @Column({ type: 'bigint', transformer: safeIntegerTransformer })
  lastSequence!: number;
}
