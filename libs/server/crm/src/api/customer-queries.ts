import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Customer, CustomerDetail, Page } from '@ccp/contracts';
import { ConversationQueries } from '@ccp/server-conversations';
import { DataSource, In } from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity';
import { CustomerIdentityEntity } from '../identities/customer-identity.entity';
import type { CustomerQueryDto } from './customer.dto';

function toCustomer(row: CustomerEntity, identities: CustomerIdentityEntity[]): Customer {
  const ordered = [...identities].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value),
  );
  const valuesOf = (kind: string): string[] =>
    ordered.filter((identity) => identity.kind === kind).map((i) => i.value);
  return {
    id: row.id,
    name: row.name,
    emails: valuesOf('email'),
    phones: valuesOf('phone'),
    identities: ordered.map((identity) => ({
      kind: identity.kind,
      value: identity.value,
      createdAt: identity.createdAt.toISOString(),
    })),
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Injectable()
export class CustomerQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationQueries,
  ) {}

  async list(query: CustomerQueryDto): Promise<Page<Customer>> {
    const builder = this.dataSource.getRepository(CustomerEntity).createQueryBuilder('customer');
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      builder.where(
        `(customer.name ILIKE :pattern OR EXISTS (SELECT 1 FROM customer_identities identity
           WHERE identity.customer_id = customer.id AND identity.value ILIKE :pattern))`,
        { pattern },
      );
    }
    const [rows, total] = await builder
      .orderBy('customer.createdAt', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const identities = rows.length
      ? await this.dataSource
          .getRepository(CustomerIdentityEntity)
          .findBy({ customerId: In(rows.map((row) => row.id)) })
      : [];
    return {
      items: rows.map((row) =>
        toCustomer(
          row,
          identities.filter((identity) => identity.customerId === row.id),
        ),
      ),
      total,
    };
  }

  async get(id: string): Promise<CustomerDetail | undefined> {
    const row = await this.dataSource.getRepository(CustomerEntity).findOneBy({ id });
    if (!row) return undefined;
    const [identities, conversations] = await Promise.all([
      this.dataSource.getRepository(CustomerIdentityEntity).findBy({ customerId: id }),
      this.conversations.ofCustomer(id),
    ]);
    return { ...toCustomer(row, identities), conversations };
  }
}
