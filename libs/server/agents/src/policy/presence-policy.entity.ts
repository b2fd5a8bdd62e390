import type { PresencePolicy } from '@ccp/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The one presence sync policy (id 1). Absent until an admin first changes the defaults. */
@Entity({ name: 'presence_policy' })
export class PresencePolicyEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'jsonb' })
  policy!: PresencePolicy;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
