import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Ranked: what the customer typed into a chat beats the caller-id of the phone network. */
export const CUSTOMER_NAME_SOURCES = ['caller_id', 'livechat'] as const;
export type CustomerNameSource = (typeof CUSTOMER_NAME_SOURCES)[number];

@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** Where the name came from; a better source replaces it, whatever order events arrive in. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  nameSource!: CustomerNameSource | null;

  /** Key/value data from the vendors (LiveChat session fields). */
  @Column({ type: 'jsonb', default: {} })
  attributes!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
