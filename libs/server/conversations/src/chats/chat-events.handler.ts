import { Injectable } from '@nestjs/common';
import { AgentDirectory, PresenceService } from '@ccp/server-agents';
import { HandlesDomainEvent, type DomainEventContext, type DomainEventOf } from '@ccp/server-webhooks';
import type { ConversationStatus } from '@ccp/contracts';
import type { ConversationEntity } from '../model/conversation.entity';
import type { MessageEntity } from '../model/message.entity';
import { ConversationStore, type LockedConversation, type NewMessage } from '../model/conversation.store';
import { ConversationNotifier } from '../realtime/conversation-notifier';
import { chatStatusOf } from './chat-status';

type ChatMessage = DomainEventOf<'chat.message'>['message'];

function earliest(current: Date | null, candidate: Date): Date {
  return current && current <= candidate ? current : candidate;
}

function union(values: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...values, ...added])];
}

/**
 * Applies LiveChat chat events to conversations and messages. One conversation per thread; events
 * that name only the chat go to its latest thread. Each handler locks the conversation first, is
 * idempotent, and tolerates any order: messages after the chat closed still attach, a thread
 * first seen through a message is filled in when `incoming_chat` arrives.
 */
@Injectable()
export class ChatEventsHandler {
  constructor(
    private readonly store: ConversationStore,
    private readonly agents: AgentDirectory,
    private readonly notifier: ConversationNotifier,
    private readonly presence: PresenceService,
  ) {}

  @HandlesDomainEvent('chat.started')
  async started(event: DomainEventOf<'chat.started'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    const previousStatus = conversation.status;
    conversation.startedAt = earliest(conversation.startedAt, new Date(event.startedAt));
    conversation.tags = union(conversation.tags, event.tags);
    for (const agent of event.agents) {
      const agentId = await this.agents.resolveLiveChatAgent(context.manager, agent.livechatAgentId, agent);
      this.assign(conversation, agentId, false);
    }
    const added = [];
    for (const message of event.messages) added.push(await this.addMessage(context, conversation, message));
    await this.commit(context, conversation, { created, previousStatus });
    await this.announce(context, added);
  }

  @HandlesDomainEvent('chat.message')
  async message(event: DomainEventOf<'chat.message'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    const previousStatus = conversation.status;
    conversation.startedAt = earliest(conversation.startedAt, new Date(event.message.createdAt));
    const added = await this.addMessage(context, conversation, event.message);
    if (created || added) await this.commit(context, conversation, { created, previousStatus });
    await this.announce(context, [added]);
  }

  @HandlesDomainEvent('chat.message_updated')
  async messageUpdated(
    event: DomainEventOf<'chat.message_updated'>,
    context: DomainEventContext,
  ): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    const message = await this.toNewMessage(context, conversation, event.message);
    await this.store.editMessage(context.manager, message, context.receivedAt);
    if (created) await this.commit(context, conversation, { created });
  }

  @HandlesDomainEvent('chat.message_deleted')
  async messageDeleted(
    event: DomainEventOf<'chat.message_deleted'>,
    context: DomainEventContext,
  ): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    await this.store.deleteMessage(context.manager, conversation.id, event.eventId, context.receivedAt);
    if (created) await this.commit(context, conversation, { created });
  }

  @HandlesDomainEvent('chat.ended')
  async ended(event: DomainEventOf<'chat.ended'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    const previousStatus = conversation.status;
    // LiveChat does not date the deactivation: the time we received it is the closest we know.
    conversation.endedAt ??= context.receivedAt;
    await this.commit(context, conversation, { created, previousStatus });
  }

  @HandlesDomainEvent('chat.participant_added')
  async participantAdded(
    event: DomainEventOf<'chat.participant_added'>,
    context: DomainEventContext,
  ): Promise<void> {
    if (event.user.kind !== 'agent') return;
    const { conversation, created } = await this.lockChat(context, event.chatId, event.threadId);
    const previousStatus = conversation.status;
    const agentId = await this.agents.resolveLiveChatAgent(context.manager, event.userId, event.user);
    this.assign(conversation, agentId, false);
    await this.commit(context, conversation, { created, previousStatus });
    await this.addSystemEntry(
      context,
      conversation,
      'participant_added',
      `${event.user.name ?? event.userId} joined`,
    );
  }

  @HandlesDomainEvent('chat.participant_removed')
  async participantRemoved(
    event: DomainEventOf<'chat.participant_removed'>,
    context: DomainEventContext,
  ): Promise<void> {
    if (event.userType !== 'agent') return;
    const { conversation, created } = await this.lockChat(context, event.chatId, event.threadId);
    if (created) await this.commit(context, conversation, { created });
    await this.addSystemEntry(context, conversation, 'participant_removed', `${event.userId} left`);
  }

  @HandlesDomainEvent('chat.transferred')
  async transferred(event: DomainEventOf<'chat.transferred'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockChat(context, event.chatId, event.threadId);
    const previousStatus = conversation.status;
    for (const livechatAgentId of event.toAgentIds) {
      const agentId = await this.agents.resolveLiveChatAgent(context.manager, livechatAgentId);
      this.assign(conversation, agentId, true);
    }
    const target = [...event.toAgentIds, ...event.toGroupIds.map((groupId) => `group ${groupId}`)].join(', ');
    await this.commit(context, conversation, { created, previousStatus });
    await this.addSystemEntry(context, conversation, 'transfer', `Transferred to ${target || 'the queue'}`);
  }

  @HandlesDomainEvent('chat.tagged')
  async tagged(event: DomainEventOf<'chat.tagged'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    conversation.tags = union(conversation.tags, [event.tag]);
    await this.commit(context, conversation, { created });
  }

  @HandlesDomainEvent('chat.untagged')
  async untagged(event: DomainEventOf<'chat.untagged'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockThread(context, event.chatId, event.threadId);
    conversation.tags = conversation.tags.filter((tag) => tag !== event.tag);
    await this.commit(context, conversation, { created });
  }

  @HandlesDomainEvent('chat.rated')
  async rated(event: DomainEventOf<'chat.rated'>, context: DomainEventContext): Promise<void> {
    const { conversation, created } = await this.lockChat(context, event.chatId, event.threadId);
    conversation.csat = event.score;
    if (event.comment !== undefined) conversation.csatComment = event.comment;
    await this.commit(context, conversation, { created });
  }

  @HandlesDomainEvent('chat.rating_commented')
  async ratingCommented(
    event: DomainEventOf<'chat.rating_commented'>,
    context: DomainEventContext,
  ): Promise<void> {
    const { conversation, created } = await this.lockChat(context, event.chatId, event.threadId);
    conversation.csatComment = event.comment;
    await this.commit(context, conversation, { created });
  }

  @HandlesDomainEvent('chat.properties_updated')
  async propertiesUpdated(
    event: DomainEventOf<'chat.properties_updated'>,
    context: DomainEventContext,
  ): Promise<void> {
    const { conversation, created } = await this.lockChat(context, event.chatId, event.threadId);
    const properties = { ...conversation.properties };
    for (const [namespace, values] of Object.entries(event.properties)) {
      properties[namespace] = { ...properties[namespace], ...values };
    }
    conversation.properties = properties;
    await this.commit(context, conversation, { created });
  }

  private lockThread(context: DomainEventContext, chatId: string, threadId: string) {
    return this.store.lockOrCreate(
      context.manager,
      { type: 'chat', platform: 'livechat', externalId: threadId },
      { status: 'queued', chatId },
    );
  }

  /** Events that may lack a thread id (inactive chats, chat-level properties). */
  private async lockChat(
    context: DomainEventContext,
    chatId: string,
    threadId: string | undefined,
  ): Promise<LockedConversation> {
    if (threadId) return this.lockThread(context, chatId, threadId);
    return { conversation: await this.store.lockLatestThread(context.manager, chatId), created: false };
  }

  /** A transfer hands the chat over; anyone else joining leaves the current owner in charge. */
  private assign(conversation: ConversationEntity, agentId: string, takeOver: boolean): void {
    conversation.agentIds = union(conversation.agentIds, [agentId]);
    if (takeOver || !conversation.agentId) conversation.agentId = agentId;
  }

  private async commit(
    context: DomainEventContext,
    conversation: ConversationEntity,
    change: { created: boolean; previousStatus?: ConversationStatus },
  ): Promise<void> {
    conversation.status = chatStatusOf({
      ended: conversation.endedAt !== null,
      hasAgent: conversation.agentIds.length > 0,
    });
    const before = await this.store.ownershipOf(context.manager, conversation.id);
    await this.store.save(context.manager, conversation);
    await this.notifier.conversationChanged(context, conversation, change);
    const ownershipChanged =
      before.status !== conversation.status ||
      before.agentId !== conversation.agentId ||
      before.agentIds.join() !== conversation.agentIds.join();
    if (change.created || ownershipChanged)
      this.refreshOpenChats(context, [...before.agentIds, ...conversation.agentIds]);
  }

  /**
   * Open chats against capacity drive presence (at capacity: no queue calls). At the very end of
   * the transaction, because one agent's row is shared by all their conversations.
   */
  private refreshOpenChats(context: DomainEventContext, agentIds: string[]): void {
    context.beforeCommit(async () => {
      // Sorted, so two transactions never lock two agents in opposite order.
      for (const agentId of [...new Set(agentIds)].sort()) {
        await this.presence.openChatsChanged(context, agentId, () =>
          this.store.openChatsOf(context.manager, agentId),
        );
      }
    });
  }

  private async toNewMessage(
    context: DomainEventContext,
    conversation: ConversationEntity,
    message: ChatMessage,
  ): Promise<NewMessage> {
    const agentId =
      message.authorType === 'agent' && message.authorId
        ? await this.agents.resolveLiveChatAgent(context.manager, message.authorId)
        : null;
    return {
      conversationId: conversation.id,
      externalId: message.externalId,
      authorType: message.authorType,
      authorId: agentId,
      authorExternalId: message.authorId ?? null,
      kind: message.kind,
      text: message.text ?? null,
      attachments: message.attachments.map((file) => ({
        url: file.url,
        name: file.name,
        size: file.size ?? null,
        contentType: file.contentType ?? null,
      })),
      visibility: message.visibility,
      createdAt: new Date(message.createdAt),
    };
  }

  /** Returns the message when it is new. An agent writing in a chat takes part in it. */
  private async addMessage(
    context: DomainEventContext,
    conversation: ConversationEntity,
    message: ChatMessage,
  ): Promise<MessageEntity | undefined> {
    const row = await this.store.addMessage(
      context.manager,
      await this.toNewMessage(context, conversation, message),
    );
    if (row?.authorId) this.assign(conversation, row.authorId, false);
    return row;
  }

  /** After the conversation's own event, so clients always know the conversation a message is in. */
  private async announce(
    context: DomainEventContext,
    messages: (MessageEntity | undefined)[],
  ): Promise<void> {
    for (const message of messages) if (message) await this.notifier.messageAdded(context, message);
  }

  private async addSystemEntry(
    context: DomainEventContext,
    conversation: ConversationEntity,
    kind: string,
    text: string,
  ): Promise<void> {
    const row = await this.store.addMessage(context.manager, {
      conversationId: conversation.id,
      // The webhook's key: replaying it never writes the entry twice.
      externalId: context.eventKey,
      authorType: 'system',
      authorId: null,
      authorExternalId: null,
      kind,
      text,
      attachments: [],
      visibility: 'agents',
      createdAt: context.receivedAt,
    });
    if (row) await this.notifier.messageAdded(context, row);
  }
}
