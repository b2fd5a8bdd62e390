import type {
  CallPartyView,
  CallStatusChange,
  Conversation,
  ConversationDetail,
  Message,
} from '@ccp/contracts';
import type { CallPartyEntity } from './call-party.entity';
import type { CallStatusChangeEntity } from './call-status-change.entity';
import type { ConversationEntity } from './conversation.entity';
import type { MessageEntity } from './message.entity';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function toConversation(row: ConversationEntity): Conversation {
  return {
    id: row.id,
    type: row.type,
    platform: row.platform,
    status: row.status,
    externalId: row.externalId,
    chatId: row.chatId,
    customerId: row.customerId,
    agentId: row.agentId,
    agentIds: row.agentIds,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    tags: row.tags,
    csat: row.csat,
    csatComment: row.csatComment,
    call:
      row.type === 'call'
        ? {
            direction: row.direction,
            fromNumber: row.fromNumber,
            fromName: row.fromName,
            toNumber: row.toNumber,
            toName: row.toName,
            missed: row.missed,
            answeredAt: iso(row.answeredAt),
            durationSeconds: row.durationSeconds,
            talkSeconds: row.talkSeconds,
            result: row.callResult,
            recordingUrl: row.recordingUrl,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCallParty(row: CallPartyEntity): CallPartyView {
  return {
    partyId: row.partyId,
    extensionId: row.extensionId,
    agentId: row.agentId,
    direction: row.direction,
    fromNumber: row.fromNumber,
    fromName: row.fromName,
    toNumber: row.toNumber,
    toName: row.toName,
    status: row.status,
    reason: row.reason,
    missed: row.missed,
  };
}

export function toCallStatusChange(row: CallStatusChangeEntity): CallStatusChange {
  return {
    partyId: row.partyId,
    sequence: row.sequence,
    eventTime: row.eventTime.toISOString(),
    status: row.status,
    reason: row.reason,
    direction: row.direction,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    extensionId: row.extensionId,
  };
}

export function toConversationDetail(
  row: ConversationEntity,
  parties: CallPartyEntity[],
  timeline: CallStatusChangeEntity[],
): ConversationDetail {
  return {
    ...toConversation(row),
    properties: row.properties,
    parties: parties.map(toCallParty),
    timeline: timeline.map(toCallStatusChange),
  };
}

export function toMessage(row: MessageEntity): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    externalId: row.externalId,
    authorType: row.authorType,
    authorId: row.authorId,
    authorExternalId: row.authorExternalId,
    kind: row.kind,
    text: row.text,
    attachments: row.attachments,
    visibility: row.visibility,
    createdAt: row.createdAt.toISOString(),
    editedAt: iso(row.editedAt),
    deletedAt: iso(row.deletedAt),
  };
}
