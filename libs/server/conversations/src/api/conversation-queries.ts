import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Conversation, ConversationDetail, Message, Page } from '@ccp/contracts';
import { DataSource } from 'typeorm';
import { CallPartyEntity } from '../model/call-party.entity';
import { CallStatusChangeEntity } from '../model/call-status-change.entity';
import { ConversationEntity } from '../model/conversation.entity';
import { MessageEntity } from '../model/message.entity';
import { toConversation, toConversationDetail, toMessage } from '../model/conversation.view';
import type { ConversationQueryDto } from './conversation-query.dto';

/** `%` and `_` typed by a user are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Read side of conversations for the REST API and for other libraries (customer history). */
@Injectable()
export class ConversationQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ConversationQueryDto): Promise<Page<Conversation>> {
    const builder = this.dataSource.getRepository(ConversationEntity).createQueryBuilder('conversation');
    if (query.status) builder.andWhere('conversation.status = :status', { status: query.status });
    if (query.type) builder.andWhere('conversation.type = :type', { type: query.type });
    if (query.platform) builder.andWhere('conversation.platform = :platform', { platform: query.platform });
    if (query.agentId)
      builder.andWhere('conversation.agentIds @> ARRAY[:agentId]::uuid[]', { agentId: query.agentId });
    if (query.customerId)
      builder.andWhere('conversation.customerId = :customerId', { customerId: query.customerId });
    if (query.from) builder.andWhere('conversation.startedAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('conversation.startedAt < :to', { to: query.to });
    if (query.q) {
      builder.andWhere(
        `(conversation.externalId ILIKE :q OR conversation.chatId ILIKE :q OR conversation.fromNumber ILIKE :q
          OR conversation.toNumber ILIKE :q OR conversation.fromName ILIKE :q OR array_to_string(conversation.tags, ' ') ILIKE :q
          OR EXISTS (SELECT 1 FROM messages message
                     WHERE message.conversation_id = conversation.id AND message.text ILIKE :q))`,
        { q: likePattern(query.q) },
      );
    }
    const [rows, total] = await builder
      .orderBy('conversation.startedAt', 'DESC', 'NULLS LAST')
      .addOrderBy('conversation.createdAt', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toConversation), total };
  }

  async get(id: string): Promise<ConversationDetail | undefined> {
    const row = await this.dataSource.getRepository(ConversationEntity).findOneBy({ id });
    if (!row) return undefined;
    const [parties, timeline] = await Promise.all([
      this.dataSource
        .getRepository(CallPartyEntity)
        .find({ where: { conversationId: id }, order: { lastSequence: 'ASC' } }),
      this.dataSource
        .getRepository(CallStatusChangeEntity)
        .find({ where: { conversationId: id }, order: { sequence: 'ASC', partyId: 'ASC' } }),
    ]);
    return toConversationDetail(row, parties, timeline);
  }

  async messages(conversationId: string, page: { limit: number; offset: number }): Promise<Page<Message>> {
    const [rows, total] = await this.dataSource.getRepository(MessageEntity).findAndCount({
      where: { conversationId },
      order: { createdAt: 'ASC', externalId: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toMessage), total };
  }

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(ConversationEntity).existsBy({ id });
  }

  /** A customer's history, newest first. */
  async ofCustomer(customerId: string, limit = 100): Promise<Conversation[]> {
    const rows = await this.dataSource.getRepository(ConversationEntity).find({
      where: { customerId },
      order: { startedAt: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC' },
      take: limit,
    });
    return rows.map(toConversation);
  }
}
