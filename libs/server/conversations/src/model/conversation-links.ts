import { Injectable } from '@nestjs/common';
import type { ConversationPlatform } from '@ccp/contracts';
import type { DomainEventContext } from '@ccp/server-webhooks';
import type { EntityManager } from 'typeorm';
import { ConversationEntity } from './conversation.entity';
import { ConversationNotifier } from '../realtime/conversation-notifier';

/** What the CRM may do to conversations: attach them to the customer it matched. */
@Injectable()
export class ConversationLinks {
  constructor(private readonly notifier: ConversationNotifier) {}

  /** Links the conversation to the customer (if it exists and is not linked to them yet). */
  async linkCustomer(
    context: DomainEventContext,
    conversation: { platform: ConversationPlatform; externalId: string },
    customerId: string,
  ): Promise<void> {
    const repository = context.manager.getRepository(ConversationEntity);
    const row = await repository.findOne({
      where: { platform: conversation.platform, externalId: conversation.externalId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || row.customerId === customerId) return;
    await repository.update(row.id, { customerId });
    const updated = await repository.findOneByOrFail({ id: row.id });
    await this.notifier.conversationChanged(context, updated, {
      created: false,
      previousStatus: updated.status,
    });
  }

  /** Two customer records turned out to be one person: their conversations follow the survivor. */
  async moveCustomer(manager: EntityManager, fromCustomerId: string, toCustomerId: string): Promise<void> {
    await manager.update(ConversationEntity, { customerId: fromCustomerId }, { customerId: toCustomerId });
  }
}
