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

/** The better-sourced of two names; the current one on a tie, so a name never flips back and forth. */
function betterName(
  current: { name: string | null; nameSource: CustomerNameSource | null },
  candidate: { name: string | null; nameSource: CustomerNameSource | null },
): { name: string | null; nameSource: CustomerNameSource | null } {
  if (!candidate.name) return current;
  if (!current.name || rankOf(candidate.nameSource) > rankOf(current.nameSource)) return candidate;
  return current;
}

const identityKey = (identity: Identity): string => `${identity.kind}:${identity.value}`;

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
    const known = await manager
      .getRepository(CustomerIdentityEntity)
      .createQueryBuilder('identity')
      .innerJoinAndSelect('identity.customer', 'customer')
      .where(
        '(identity.kind, identity.value) IN (SELECT * FROM unnest(:kinds::varchar[], :values::text[]))',
        {
          kinds: unique.map((identity) => identity.kind),
          values: unique.map((identity) => identity.value),
        },
      )
      .getMany();
    const customers = [
      ...new Map(
        known.flatMap((identity) => (identity.customer ? [[identity.customerId, identity.customer]] : [])),
      ).values(),
    ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));

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
