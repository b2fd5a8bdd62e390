import { Injectable } from '@nestjs/common';
import type { ConversationPlatform } from '@ccp/contracts';
import { AppConfig } from '@ccp/server-platform';
import { ConversationLinks } from '@ccp/server-conversations';
import { HandlesDomainEvent, type DomainEventContext, type DomainEventOf } from '@ccp/server-webhooks';
import { CustomerMatcher, type CustomerProfile } from '../identities/customer-matcher';
import { identitiesOf, type CustomerFacts } from '../identities/identity-normalizer';

type CallParty = DomainEventOf<'call.party_updated'>['party'];

/**
 * The number of the person outside the account. An inbound leg (an agent's, the IVR's, a queue's)
 * comes from them; an agent's outbound leg goes to them; the PSTN caller's own leg is reported
 * as outbound from their number.
 */
export function outsideNumberOf(party: CallParty): string | undefined {
  if (party.direction === 'Inbound') return party.from.phoneNumber;
  return party.extensionId ? party.to.phoneNumber : party.from.phoneNumber;
}

const livechatName = (name: string | undefined) =>
  name ? { value: name, source: 'livechat' as const } : undefined;

/** Runs after the conversations library (order 10), so the conversation to link already exists. */
const AFTER_CONVERSATIONS = { order: 10 };

/** Creates and matches customers from what LiveChat and RingCentral tell us about people. */
@Injectable()
export class CustomerEventsHandler {
  constructor(
    private readonly matcher: CustomerMatcher,
    private readonly conversations: ConversationLinks,
    private readonly config: AppConfig,
  ) {}

  @HandlesDomainEvent('customer.upserted', AFTER_CONVERSATIONS)
  async upserted(event: DomainEventOf<'customer.upserted'>, context: DomainEventContext): Promise<void> {
    await this.matchAndLink(
      context,
      { livechatId: event.externalId, email: event.email, phone: event.phone },
      { name: livechatName(event.name) },
    );
  }

  @HandlesDomainEvent('chat.started', AFTER_CONVERSATIONS)
  async chatStarted(event: DomainEventOf<'chat.started'>, context: DomainEventContext): Promise<void> {
    const customer = event.customer;
    if (!customer) return;
    await this.matchAndLink(
      context,
      { livechatId: customer.externalId, email: customer.email, phone: customer.phone },
      { name: livechatName(customer.name) },
      { platform: 'livechat', externalId: event.threadId },
    );
  }

  @HandlesDomainEvent('customer.session_fields', AFTER_CONVERSATIONS)
  async sessionFields(
    event: DomainEventOf<'customer.session_fields'>,
    context: DomainEventContext,
  ): Promise<void> {
    await this.matchAndLink(
      context,
      { livechatId: event.externalId },
      { attributes: event.fields },
      { platform: 'livechat', externalId: event.threadId },
    );
  }

  @HandlesDomainEvent('call.party_updated', AFTER_CONVERSATIONS)
  async callPartyUpdated(
    event: DomainEventOf<'call.party_updated'>,
    context: DomainEventContext,
  ): Promise<void> {
    const { party } = event;
    const callerLeg = !party.extensionId && party.direction === 'Outbound';
    await this.matchAndLink(
      context,
      { phone: outsideNumberOf(party) },
      { name: callerLeg && party.from.name ? { value: party.from.name, source: 'caller_id' } : undefined },
      { platform: 'ringcentral', externalId: event.telephonySessionId },
    );
  }

  /** Finds or creates the customer, then links the conversation the event is about (if any). */
  private async matchAndLink(
    context: DomainEventContext,
    facts: CustomerFacts,
    profile: CustomerProfile,
    conversation?: { platform: ConversationPlatform; externalId: string },
  ): Promise<void> {
    const customerId = await this.matcher.match(context.manager, identitiesOf(facts, this.country), profile);
    if (customerId && conversation) await this.conversations.linkCustomer(context, conversation, customerId);
  }

  private get country(): string {
    return this.config.DEFAULT_PHONE_COUNTRY;
  }
}
