import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only realtime event log. Its id is the `id` clients see and resume from; `audience`
 * holds the Socket.IO rooms the event was addressed to, so a replay sends each client only its own.
 */
@Entity({ name: 'events' })
export class EventLogEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  @Index('events_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ type: 'text', array: true })
  audience!: string[];
}
