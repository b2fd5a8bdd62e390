import { Injectable } from '@nestjs/common';
import { Audience, RealtimePublisher } from '@ccp/server-platform';
import type { DomainEventContext } from '@ccp/server-webhooks';
import type { ConversationStatus } from '@ccp/contracts';
import type { ConversationEntity } from '../model/conversation.entity';
import { isTerminal } from '../model/conversation.store';
import { toConversation, toMessage } from '../model/conversation.view';
import type { MessageEntity } from '../model/message.entity';

type ConversationEventType =
  'conversation:new' | 'conversation:updated' | 'call:new' | 'call:updated' | 'call:ended';

function eventTypesOf(
  conversation: ConversationEntity,
  change: { created: boolean; previousStatus?: ConversationStatus },
): ConversationEventType[] {
  if (conversation.type === 'chat') return [change.created ? 'conversation:new' : 'conversation:updated'];
  // A call whose first known event is its end (deliveries out of order) is both new and ended.
  const ended =
    isTerminal(conversation.status) && (change.created || !isTerminal(change.previousStatus ?? 'queued'));
  if (change.created) return ended ? ['call:new', 'call:ended'] : ['call:new'];
  return [ended ? 'call:ended' : 'call:updated'];
}

/**
 * Records conversation events in the event log inside the handler's transaction and broadcasts
 * them after the commit. Every signed-in console user sees the queue and the conversations, so
 * they go to everyone.
 */
@Injectable()
export class ConversationNotifier {
  constructor(private readonly realtime: RealtimePublisher) {}

  async conversationChanged(
    context: DomainEventContext,
    conversation: ConversationEntity,
    change: { created: boolean; previousStatus?: ConversationStatus },
  ): Promise<void> {
    const view = toConversation(conversation);
    for (const type of eventTypesOf(conversation, change)) {
      const event = await this.realtime.record(context.manager, type, view, [Audience.everyone]);
      context.afterCommit(() => this.realtime.broadcast(event));
    }
  }

  async messageAdded(context: DomainEventContext, message: MessageEntity): Promise<void> {
    const event = await this.realtime.record(context.manager, 'message:new', toMessage(message), [
      Audience.everyone,
    ]);
    context.afterCommit(() => this.realtime.broadcast(event));
  }
}
