import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One person who answers chats and calls, with the ids the vendors know them by. Ingestion creates
 * placeholders (`mapped = false`) for vendor ids nobody has linked yet, so no reference is dropped;
 * an admin later links the placeholder to a person and its history follows.
 */
@Entity({ name: 'agents' })
export class AgentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Index('agents_user_id_key', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', nullable: true })
  teamId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills!: string[];

  @Column({ type: 'integer', default: 3 })
  maxConcurrentChats!: number;

  /** LiveChat's agent id, which is the agent's login email. */
  @Index('agents_livechat_agent_id_key', { unique: true })
  @Column({ type: 'text', nullable: true })
  livechatAgentId!: string | null;

  @Index('agents_ringcentral_extension_id_key', { unique: true })
  @Column({ type: 'text', nullable: true })
  ringcentralExtensionId!: string | null;

  @Column({ type: 'boolean', default: false })
  mapped!: boolean;

  /** Unified status: available | busy | away | offline. */
  @Column({ type: 'varchar', length: 16, default: 'offline' })
  status!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
