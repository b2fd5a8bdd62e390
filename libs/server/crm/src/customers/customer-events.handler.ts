import { Injectable } from '@nestjs/common';
import { AppConfig } from '@ccp/server-platform';
import { ConversationLinks } from '@ccp/server-conversations';
import { HandlesDomainEvent, type DomainEventContext, type DomainEventOf } from '@ccp/server-webhooks';
import { CustomerMatcher } from '../identities/customer-matcher';
import { identitiesOf } from '../identities/identity-normalizer';

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
    await this.matcher.match(
      context.manager,
      identitiesOf({ livechatId: event.externalId, email: event.email, phone: event.phone }, this.country),
      { name: livechatName(event.name) },
    );
  }

  @HandlesDomainEvent('chat.started', AFTER_CONVERSATIONS)
  async chatStarted(event: DomainEventOf<'chat.started'>, context: DomainEventContext): Promise<void> {
    const customer = event.customer;
    if (!customer) return;
    const customerId = await this.matcher.match(
      context.manager,
      identitiesOf(
        { livechatId: customer.externalId, email: customer.email, phone: customer.phone },
        this.country,
      ),
      { name: livechatName(customer.name) },
    );
    if (customerId) {
      await this.conversations.linkCustomer(
        context,
        { platform: 'livechat', externalId: event.threadId },
        customerId,
      );
    }
  }

  @HandlesDomainEvent('customer.session_fields', AFTER_CONVERSATIONS)
  async sessionFields(
    event: DomainEventOf<'customer.session_fields'>,
    context: DomainEventContext,
  ): Promise<void> {
    const customerId = await this.matcher.match(
      context.manager,
      identitiesOf({ livechatId: event.externalId }, this.country),
      { attributes: event.fields },
    );
    if (customerId) {
      await this.conversations.linkCustomer(
        context,
        { platform: 'livechat', externalId: event.threadId },
        customerId,
      );
    }
  }

  @HandlesDomainEvent('call.party_updated', AFTER_CONVERSATIONS)
  async callPartyUpdated(
    event: DomainEventOf<'call.party_updated'>,
    context: DomainEventContext,
  ): Promise<void> {
    const identities = identitiesOf({ phone: outsideNumberOf(event.party) }, this.country);
    const callerLeg = !event.party.extensionId && event.party.direction === 'Outbound';
    const customerId = await this.matcher.match(context.manager, identities, {
      name:
        callerLeg && event.party.from.name
          ? { value: event.party.from.name, source: 'caller_id' }
          : undefined,
    });
    if (customerId) {
      await this.conversations.linkCustomer(
        context,
        { platform: 'ringcentral', externalId: event.telephonySessionId },
        customerId,
      );
    }
  }

  private get country(): string {
    return this.config.DEFAULT_PHONE_COUNTRY;
  }
}
