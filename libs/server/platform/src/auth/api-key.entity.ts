import type { Role } from '@ccp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: ['admin', 'supervisor', 'agent'], enumName: 'api_key_role' })
  role!: Role;

  /** SHA-256 of the whole key. Keys are 256-bit random, so a fast hash is enough and lookups stay O(1). */
  @Index('api_keys_key_hash_key', { unique: true })
  @Column({ type: 'text' })
  keyHash!: string;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
