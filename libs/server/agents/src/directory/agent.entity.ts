import type { ChatRoutingStatus, StatusReason, UnifiedStatus } from '@ccp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A status we pushed to a vendor and expect to come back as a webhook. */
export interface PendingEcho {
  vendor: 'livechat' | 'ringcentral';
  /** The routing status (LiveChat) or DND status (RingCentral) we set. */
  value: string;
  /** ISO time after which an unmatched expectation is forgotten. */
  expiresAt: string;
}

/** A value the vendor should have and has not confirmed taking yet; `since` is when it was (re)queued. */
export interface PendingPush<T extends string = string> {
  value: T;
  since: string;
}

/**
 * The vendor state a push job still has to set, one entry per setting. Kept on the agent row, in
 * the transaction of the change, because the job itself lives only in Redis: if it is lost (Redis
 * down when it was added, or restarted empty), a sweep finds the entry and queues the push again.
 */
export interface PendingPushes {
  livechatStatus?: PendingPush<ChatRoutingStatus>;
  ringcentralDnd?: PendingPush;
  ringcentralUserStatus?: PendingPush;
}

/** The newest telephony-session notification applied for one of the agent's call legs. */
export interface CallLeg {
  sequence: number;
  /** The presence `telephonyStatus` the leg amounts to; null once it is over. */
  telephonyStatus: string | null;
  /**
   * ISO time the leg was seen to end. An ended leg is kept for a while so that an older
   * notification of the same session, delivered late, cannot bring the call back.
   */
  endedAt?: string;
}

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

  /** Unified status, derived by the presence model (libs/server/agents/src/presence). */
  @Column({ type: 'varchar', length: 16, default: 'offline' })
  status!: UnifiedStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  statusReason!: StatusReason | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusSince!: Date;

  /** LiveChat routing status as we last know it. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  chatStatus!: ChatRoutingStatus | null;

  @Column({ type: 'text', nullable: true })
  phonePresenceStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  phoneUserStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  phoneTelephonyStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  phoneDndStatus!: string | null;

  /** The newest RingCentral presence `sequence` applied; older notifications are stale. */
  @Column({ type: 'bigint', nullable: true })
  phoneSequence!: string | null;

  /** The agent's own choice in the console. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  manualStatus!: UnifiedStatus | null;

  @Column({ type: 'integer', default: 0 })
  openChats!: number;

  /** What the chat status was before a call took the agent off chats; restored after the call. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  chatStatusBeforeCall!: ChatRoutingStatus | null;

  /** Until then the agent is wrapping up a call; chats come back afterwards. */
  @Column({ type: 'timestamptz', nullable: true })
  wrapUpUntil!: Date | null;

  /** The DND status before capacity switched queue calls off; restored below capacity. */
  @Column({ type: 'text', nullable: true })
  dndBeforeCapacity!: string | null;

  /**
   * The agent's call legs from telephony-session notifications, per session with the newest
   * sequence applied; they set the phone state as fast as presence does (and order within a call).
   */
  @Column({ type: 'jsonb', default: {} })
  callLegs!: Record<string, CallLeg>;

  /** Our own recent changes, so their webhooks are recognised as echoes and not as the agent's. */
  @Column({ type: 'jsonb', default: [] })
  pendingEchoes!: PendingEcho[];

  @Column({ type: 'jsonb', default: {} })
  pendingPushes!: PendingPushes;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
