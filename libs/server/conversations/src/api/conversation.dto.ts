import type {
  CallDetails,
  CallPartyView,
  CallStatusChange,
  Conversation,
  ConversationDetail,
  ConversationPlatform,
  ConversationStatus,
  ConversationType,
  CsatScore,
  Message,
  MessageAttachment,
  MessageAuthorType,
} from '@ccp/contracts';
import {
  CONVERSATION_PLATFORMS,
  CONVERSATION_STATUSES,
  CONVERSATION_TYPES,
  CSAT_SCORES,
  MESSAGE_AUTHOR_TYPES,
} from '@ccp/contracts';
import { ApiProperty } from '@nestjs/swagger';

// OpenAPI schemas of the contract types; `implements` keeps them in step with libs/contracts.

export class CallDetailsDto implements CallDetails {
  @ApiProperty({ enum: ['Inbound', 'Outbound'], nullable: true, type: String }) direction!:
    'Inbound' | 'Outbound' | null;
  @ApiProperty({ nullable: true, type: String }) fromNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromName!: string | null;
  @ApiProperty({ nullable: true, type: String }) toNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) toName!: string | null;
  @ApiProperty({ description: 'The call ended without any agent answering it' }) missed!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) answeredAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds!: number | null;
  @ApiProperty({ nullable: true, type: Number }) talkSeconds!: number | null;
  @ApiProperty({ nullable: true, type: String }) result!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordingUrl!: string | null;
}

export class ConversationDto implements Conversation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONVERSATION_TYPES }) type!: ConversationType;
  @ApiProperty({ enum: CONVERSATION_PLATFORMS }) platform!: ConversationPlatform;
  @ApiProperty({ enum: CONVERSATION_STATUSES }) status!: ConversationStatus;
  @ApiProperty() externalId!: string;
  @ApiProperty({ nullable: true, type: String }) chatId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agentId!: string | null;
  @ApiProperty({ type: [String] }) agentIds!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: CSAT_SCORES, nullable: true, type: String }) csat!: CsatScore | null;
  @ApiProperty({ nullable: true, type: String }) csatComment!: string | null;
  @ApiProperty({ type: CallDetailsDto, nullable: true }) call!: CallDetailsDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ConversationPageDto {
  @ApiProperty({ type: [ConversationDto] }) items!: ConversationDto[];
  @ApiProperty() total!: number;
}

export class CallPartyDto implements CallPartyView {
  @ApiProperty() partyId!: string;
  @ApiProperty({ nullable: true, type: String }) extensionId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agentId!: string | null;
  @ApiProperty() direction!: string;
  @ApiProperty({ nullable: true, type: String }) fromNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromName!: string | null;
  @ApiProperty({ nullable: true, type: String }) toNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) toName!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ description: "RingCentral's missedCall flag for this party" }) missed!: boolean;
}

export class CallStatusChangeDto implements CallStatusChange {
  @ApiProperty() partyId!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ format: 'date-time' }) eventTime!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() direction!: string;
  @ApiProperty({ nullable: true, type: String }) fromNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) toNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) extensionId!: string | null;
}

export class ConversationDetailDto extends ConversationDto implements ConversationDetail {
  @ApiProperty({ type: 'object', additionalProperties: true }) properties!: Record<
    string,
    Record<string, unknown>
  >;
  @ApiProperty({ type: [CallPartyDto] }) parties!: CallPartyDto[];
  @ApiProperty({ type: [CallStatusChangeDto] }) timeline!: CallStatusChangeDto[];
}

export class MessageAttachmentDto implements MessageAttachment {
  @ApiProperty() url!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number }) size!: number | null;
  @ApiProperty({ nullable: true, type: String }) contentType!: string | null;
}

export class MessageDto implements Message {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ enum: MESSAGE_AUTHOR_TYPES }) authorType!: MessageAuthorType;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorExternalId!: string | null;
  @ApiProperty() kind!: string;
  @ApiProperty({ nullable: true, type: String }) text!: string | null;
  @ApiProperty({ type: [MessageAttachmentDto] }) attachments!: MessageAttachmentDto[];
  @ApiProperty({ enum: ['all', 'agents'] }) visibility!: 'all' | 'agents';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) editedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deletedAt!: string | null;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto] }) items!: MessageDto[];
  @ApiProperty() total!: number;
}
