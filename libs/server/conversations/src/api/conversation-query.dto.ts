import {
  CONVERSATION_PLATFORMS,
  CONVERSATION_STATUSES,
  CONVERSATION_TYPES,
  type ConversationPlatform,
  type ConversationStatus,
  type ConversationType,
} from '@ccp/contracts';
import { PageQueryDto } from '@ccp/server-platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class ConversationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatus;

  @ApiPropertyOptional({ enum: CONVERSATION_TYPES })
  @IsOptional()
  @IsIn(CONVERSATION_TYPES)
  type?: ConversationType;

  @ApiPropertyOptional({ enum: CONVERSATION_PLATFORMS })
  @IsOptional()
  @IsIn(CONVERSATION_PLATFORMS)
  platform?: ConversationPlatform;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ description: 'Text in messages, tags, phone numbers or vendor ids' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Started at or after (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ description: 'Started before (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  to?: string;
}
