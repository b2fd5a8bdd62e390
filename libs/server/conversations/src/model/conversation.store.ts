import { Injectable } from '@nestjs/common';
import type { ConversationPlatform, ConversationStatus, ConversationType } from '@ccp/contracts';
import { findLockedRow, hydrateRow, updateRow } from '@ccp/server-platform';
import { In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ConversationEntity } from './conversation.entity';
import { MessageEntity } from './message.entity';

export interface ConversationKey {
  type: ConversationType;
  platform: ConversationPlatform;
  externalId: string;
}

export interface LockedConversation {
  conversation: ConversationEntity;
  /** True when this transaction created it. */
  created: boolean;
}

export type NewMessage = Omit<MessageEntity, 'id' | 'conversation' | 'editedAt' | 'deletedAt'>;

/** The values of a new message in the column order the INSERTs below list them. */
function messageColumns(message: NewMessage): unknown[] {
  return [
    message.conversationId,
    message.externalId,
    message.authorType,
    message.authorId,
    message.authorExternalId,
    message.kind,
    message.text,
    JSON.stringify(message.attachments),
    message.visibility,
    message.createdAt,
  ];
}

/** A vendor event referred to a conversation the platform has not seen yet; a retry will find it. */
export class ConversationNotYetKnownError extends Error {}

/** Conversation fields a handler may change; identity columns never change. */
type MutableFields = Omit<
  ConversationEntity,
  'id' | 'type' | 'platform' | 'externalId' | 'createdAt' | 'updatedAt'
>;

/** TypeORM's deep-partial type cannot express JSON columns holding `unknown` values. */
const asColumns = (fields: Partial<ConversationEntity>): QueryDeepPartialEntity<ConversationEntity> =>
  fields as QueryDeepPartialEntity<ConversationEntity>;

const TERMINAL: ReadonlySet<ConversationStatus> = new Set(['ended', 'missed', 'failed']);

export function isTerminal(status: ConversationStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * Row-level access for the event handlers. Every handler first locks the conversation row it
 * changes (creating it if this is the first event about it), so the events of one chat or call
 * apply one at a time whatever worker runs them, while other conversations proceed in parallel.
 */
@Injectable()
export class ConversationStore {
  async lockOrCreate(
    manager: EntityManager,
    key: ConversationKey,
    initial: Partial<MutableFields> & { status: ConversationStatus },
  ): Promise<LockedConversation> {
    const lock = () =>
      findLockedRow(
        manager,
        ConversationEntity,
        { platform: key.platform, externalId: key.externalId },
        'FOR UPDATE',
      );
    // Every event after a conversation's first finds it: one statement, no insert attempted.
    const existing = await lock();
    if (existing) return { conversation: existing, created: false };
    // Two first events at once both get here; the unique key lets one insert, and the other then
    // waits on the lock below until the first commits.
    const inserted = (await manager
      .createQueryBuilder()
      .insert()
      .into(ConversationEntity)
      .values(asColumns({ ...initial, ...key }))
      .orIgnore()
      .returning(['id'])
      .execute()) as { raw: { id: string }[] };
    const conversation = await lock();
    if (!conversation)
      throw new Error(`conversation ${key.platform}/${key.externalId} vanished while locking`);
    return { conversation, created: inserted.raw.length > 0 };
  }

  /** Who owns the conversation as committed so far in this transaction, before the handler's changes are saved. */
  async ownershipOf(
    manager: EntityManager,
    conversationId: string,
  ): Promise<Pick<ConversationEntity, 'status' | 'agentId' | 'agentIds'>> {
    return manager.findOneOrFail(ConversationEntity, {
      where: { id: conversationId },
      select: { status: true, agentId: true, agentIds: true },
    });
  }

  /** Chats an agent currently owns that are not over, the load that counts against their capacity. */
  async openChatsOf(manager: EntityManager, agentId: string): Promise<number> {
    return manager.count(ConversationEntity, {
      where: { type: 'chat', agentId, status: In(['queued', 'active']) },
    });
  }

  /** Chat-level events (no thread id) belong to the chat's most recent thread. */
  async lockLatestThread(manager: EntityManager, chatId: string): Promise<ConversationEntity> {
    const conversation = await manager
      .getRepository(ConversationEntity)
      .createQueryBuilder('conversation')
      .where('conversation.platform = :platform AND conversation.chatId = :chatId', {
        platform: 'livechat',
        chatId,
      })
      .orderBy('conversation.startedAt', 'DESC', 'NULLS LAST')
      .addOrderBy('conversation.createdAt', 'DESC')
      .setLock('pessimistic_write')
      .getOne();
    if (!conversation) throw new ConversationNotYetKnownError(`no thread of chat ${chatId} has arrived yet`);
    return conversation;
  }

  async save(manager: EntityManager, conversation: ConversationEntity): Promise<void> {
    // Identity columns never change; updatedAt is the database's clock.
    const { id, type, platform, externalId, createdAt, updatedAt, ...fields } = conversation;
    conversation.updatedAt = (await updateRow(manager, ConversationEntity, id, fields)) ?? updatedAt;
  }

  /**
   * Adds a message once per external id. A message whose deletion arrived first only fills in its
   * author and time: deleted stays deleted. Returns the row when it is new.
   */
  async addMessage(manager: EntityManager, message: NewMessage): Promise<MessageEntity | undefined> {
    const rows = (await manager.query(
      `INSERT INTO messages (conversation_id, external_id, author_type, author_id, author_external_id, kind, text,
                             attachments, visibility, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (conversation_id, external_id) DO UPDATE
         SET author_type = EXCLUDED.author_type, author_id = EXCLUDED.author_id,
             author_external_id = EXCLUDED.author_external_id, kind = EXCLUDED.kind,
             visibility = EXCLUDED.visibility, created_at = EXCLUDED.created_at
         WHERE messages.deleted_at IS NOT NULL AND messages.kind = 'deleted'
       RETURNING *, (xmax = 0) AS inserted`,
      messageColumns(message),
    )) as ({ inserted: boolean } & Record<string, unknown>)[];
    const row = rows[0];
    if (!row?.inserted) return undefined;
    return hydrateRow(manager, MessageEntity, row);
  }

  /** An edit carries the whole message, so it also stands in for an original that arrives later. */
  async editMessage(manager: EntityManager, message: NewMessage, editedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO messages (conversation_id, external_id, author_type, author_id, author_external_id, kind, text,
                             attachments, visibility, created_at, edited_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (conversation_id, external_id) DO UPDATE
         SET text = EXCLUDED.text, attachments = EXCLUDED.attachments, edited_at = EXCLUDED.edited_at
         WHERE messages.deleted_at IS NULL`,
      [...messageColumns(message), editedAt],
    );
  }

  /** Deletion wins over any earlier or later copy of the message: its content is dropped. */
  async deleteMessage(
    manager: EntityManager,
    conversationId: string,
    externalId: string,
    deletedAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO messages (conversation_id, external_id, author_type, kind, text, attachments, created_at, deleted_at)
       VALUES ($1, $2, 'system', 'deleted', NULL, '[]', $3, $3)
       ON CONFLICT (conversation_id, external_id) DO UPDATE
         SET text = NULL, attachments = '[]', deleted_at = COALESCE(messages.deleted_at, EXCLUDED.deleted_at)`,
      [conversationId, externalId, deletedAt],
    );
  }
}
