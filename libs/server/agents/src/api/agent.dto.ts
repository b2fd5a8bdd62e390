import {
  CHAT_ROUTING_STATUSES,
  STATUS_REASONS,
  UNIFIED_STATUSES,
  type Agent,
  type ChatRoutingStatus,
  type PhoneState,
  type PresencePolicy,
  type StatusReason,
  type UnifiedStatus,
} from '@ccp/contracts';
import { PageQueryDto } from '@ccp/server-platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class PhoneStateDto implements PhoneState {
  @ApiProperty({ nullable: true, type: String }) presenceStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) userStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) telephonyStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) dndStatus!: string | null;
}

export class AgentDto implements Agent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty() maxConcurrentChats!: number;
  @ApiProperty({ nullable: true, type: String }) livechatAgentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ringcentralExtensionId!: string | null;
  @ApiProperty() mapped!: boolean;
  @ApiProperty({ enum: UNIFIED_STATUSES }) status!: UnifiedStatus;
  @ApiProperty({ enum: STATUS_REASONS, nullable: true, type: String }) statusReason!: StatusReason | null;
  @ApiProperty({ format: 'date-time' }) statusSince!: string;
  @ApiProperty({ enum: CHAT_ROUTING_STATUSES, nullable: true, type: String })
  chatStatus!: ChatRoutingStatus | null;
  @ApiProperty({ type: PhoneStateDto }) phoneStatus!: PhoneStateDto;
  @ApiProperty({ enum: UNIFIED_STATUSES, nullable: true, type: String }) manualStatus!: UnifiedStatus | null;
  @ApiProperty() openChats!: number;
}

export class AgentPageDto {
  @ApiProperty({ type: [AgentDto] }) items!: AgentDto[];
  @ApiProperty() total!: number;
}

export class AgentQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(80)
  teamId?: string;

  @ApiPropertyOptional({ enum: UNIFIED_STATUSES })
  @IsOptional()
  @IsIn(UNIFIED_STATUSES)
  status?: UnifiedStatus;
}

/** Fields an admin sets; on create, vendor ids of an unmapped placeholder claim that placeholder. */
export class AgentFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The console user' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  userId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(80)
  teamId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(50)
  maxConcurrentChats?: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "LiveChat agent id (the agent's login email)",
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  livechatAgentId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  ringcentralExtensionId?: string | null;
}

export class CreateAgentDto extends AgentFieldsDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  declare name: string;
}

export class SetAgentStatusDto {
  @ApiProperty({ enum: UNIFIED_STATUSES, nullable: true, type: String, description: 'null = automatic' })
  @ValidateIf((_, value) => value !== null)
  @IsIn(UNIFIED_STATUSES)
  status!: UnifiedStatus | null;
}

export class PresencePolicyDto implements PresencePolicy {
  @ApiProperty({ type: [String], example: ['Ringing', 'CallConnected', 'OnHold'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(['Ringing', 'CallConnected', 'OnHold', 'ParkedCall'], { each: true })
  phoneBusyStates!: string[];

  @ApiProperty({ minimum: 0, maximum: 3600 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  wrapUpSeconds!: number;

  @ApiProperty()
  @IsBoolean()
  capacityDnd!: boolean;

  @ApiProperty()
  @IsBoolean()
  pushManualStatus!: boolean;
}
