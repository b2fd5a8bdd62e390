import type { MessageAttachment, MessageAuthorType } from '@ccp/contracts';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConversationEntity } from './conversation.entity';

@Entity({ name: 'messages' })
@Index('messages_conversation_id_external_id_key', ['conversationId', 'externalId'], { unique: true })
@Index('messages_conversation_id_created_at_idx', ['conversationId', 'createdAt'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  conversation?: ConversationEntity;

  @Column({ type: 'uuid' })
  conversationId!: string;

  /** The vendor's event id, or the webhook's event key for entries the platform derived. */
  @Column({ type: 'text' })
  externalId!: string;

  @Column({ type: 'varchar', length: 16 })
  authorType!: MessageAuthorType;

  /** Agents' messages by author: moving a placeholder's history, and an agent's own replies. */
  @Index('messages_agent_author_id_idx', { where: "author_type = 'agent'" })
  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'text', nullable: true })
  authorExternalId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'jsonb', default: [] })
  attachments!: MessageAttachment[];

  @Column({ type: 'varchar', length: 8, default: 'all' })
  visibility!: 'all' | 'agents';

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
