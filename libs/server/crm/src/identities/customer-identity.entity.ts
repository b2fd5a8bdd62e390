import type { CustomerIdentityKind } from '@ccp/contracts';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity';

/** One way to recognise a customer. Unique: an email or a number belongs to one customer only. */
@Entity({ name: 'customer_identities' })
@Index('customer_identities_kind_value_key', ['kind', 'value'], { unique: true })
export class CustomerIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  customer?: CustomerEntity;

  @Index('customer_identities_customer_id_idx')
  @Column({ type: 'uuid' })
  customerId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CustomerIdentityKind;

  @Column({ type: 'text' })
  value!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
