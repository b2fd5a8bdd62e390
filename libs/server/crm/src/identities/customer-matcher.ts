import { Injectable } from '@nestjs/common';
import { ConversationLinks } from '@ccp/server-conversations';
import type { EntityManager } from 'typeorm';
import { CUSTOMER_NAME_SOURCES, CustomerEntity, type CustomerNameSource } from '../customers/customer.entity';
import { CustomerIdentityEntity } from './customer-identity.entity';
import type { Identity } from './identity-normalizer';

export interface CustomerProfile {
  name?: { value: string; source: CustomerNameSource };
  attributes?: Record<string, string>;
}

const rankOf = (source: CustomerNameSource | null): number =>
  source ? CUSTOMER_NAME_SOURCES.indexOf(source) : -1;

const MAX_LOCK_ATTEMPTS = 5;

const identityKey = (identity: Identity): string => `${identity.kind}:${identity.value}`;

type CustomerName = Pick<CustomerEntity, 'name' | 'nameSource'>;

/** The better-sourced of two names; the current one on a tie, so a name never flips back and forth. */
function betterName(current: CustomerName, candidate: CustomerName): CustomerName {
  const better = !candidate.name
    ? current
    : !current.name || rankOf(candidate.nameSource) > rankOf(current.nameSource)
      ? candidate
      : current;
  return { name: better.name, nameSource: better.nameSource };
}

/**
 * Finds the one customer behind a set of identities, creating or merging as needed: a chat
 * (LiveChat id + email) and a call (phone) from the same person end up on one customer as soon as
 * any event ties the identities together, whatever order the events came in.
 */
@Injectable()
export class CustomerMatcher {
  constructor(private readonly conversations: ConversationLinks) {}

  async match(
    manager: EntityManager,
    identities: Identity[],
    profile: CustomerProfile = {},
  ): Promise<string | undefined> {
    const unique = [
      ...new Map(identities.map((identity) => [identityKey(identity), identity])).values(),
    ].sort((a, b) => identityKey(a).localeCompare(identityKey(b)));
    if (unique.length === 0) return undefined;
    // Two transactions matching the same email or number would otherwise each create a customer.
    // Sorted, so two matchers never wait on each other in opposite order.
    for (const identity of unique) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `customer-identity:${identityKey(identity)}`,
      ]);
    }
    const customers = await this.lockCustomersOf(manager, unique);
    const survivor = customers[0] ?? (await this.create(manager, profile));
    for (const duplicate of customers.slice(1)) await this.merge(manager, duplicate, survivor);
    await this.enrich(manager, survivor, profile);
    await manager
      .createQueryBuilder()
      .insert()
      .into(CustomerIdentityEntity)
      .values(unique.map((identity) => ({ ...identity, customerId: survivor.id })))
      .orIgnore()
      .execute();
    return survivor.id;
  }

  /**
   * The customers the identities belong to, row-locked. A concurrent merge (holding other
   * identities' locks) may move one of ours or delete its customer between reading and locking,
   * so after locking we read again until both agree.
   */
  private async lockCustomersOf(manager: EntityManager, identities: Identity[]): Promise<CustomerEntity[]> {
    for (let attempt = 0; attempt < MAX_LOCK_ATTEMPTS; attempt += 1) {
      const ids = await this.customerIdsOf(manager, identities);
      if (ids.length === 0) return [];
      const locked = await manager
        .getRepository(CustomerEntity)
        .createQueryBuilder('customer')
        .where('customer.id IN (:...ids)', { ids })
        .orderBy('customer.id')
        .setLock('pessimistic_write')
        .getMany();
      const stillOwners = await this.customerIdsOf(manager, identities);
      if (locked.length === ids.length && stillOwners.join() === ids.join()) {
        return locked.sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
        );
      }
    }
    throw new Error('customer identities kept moving under concurrent merges; the job will retry');
  }

  private async customerIdsOf(manager: EntityManager, identities: Identity[]): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT customer_id FROM customer_identities
       WHERE (kind, value) IN (SELECT * FROM unnest($1::varchar[], $2::text[])) ORDER BY customer_id`,
      [identities.map((identity) => identity.kind), identities.map((identity) => identity.value)],
    )) as { customer_id: string }[];
    return rows.map((row) => row.customer_id);
  }

  private async create(manager: EntityManager, profile: CustomerProfile): Promise<CustomerEntity> {
    return manager.getRepository(CustomerEntity).save({
      name: profile.name?.value ?? null,
      nameSource: profile.name?.source ?? null,
      attributes: profile.attributes ?? {},
    });
  }

  /** The older customer survives; the newer one's identities, data and conversations move to it. */
  private async merge(
    manager: EntityManager,
    duplicate: CustomerEntity,
    survivor: CustomerEntity,
  ): Promise<void> {
    await manager.update(CustomerIdentityEntity, { customerId: duplicate.id }, { customerId: survivor.id });
    await this.conversations.moveCustomer(manager, duplicate.id, survivor.id);
    Object.assign(survivor, betterName(survivor, duplicate));
    survivor.attributes = { ...duplicate.attributes, ...survivor.attributes };
    await manager.delete(CustomerEntity, { id: duplicate.id });
  }

  private async enrich(
    manager: EntityManager,
    customer: CustomerEntity,
    profile: CustomerProfile,
  ): Promise<void> {
    const candidate = { name: profile.name?.value ?? null, nameSource: profile.name?.source ?? null };
    const attributes = { ...customer.attributes, ...profile.attributes };
    await manager.update(CustomerEntity, customer.id, { ...betterName(customer, candidate), attributes });
  }
}
