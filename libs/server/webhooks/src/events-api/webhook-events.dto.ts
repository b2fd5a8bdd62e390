import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEBHOOK_EVENT_STATUSES,
  WEBHOOK_VENDORS,
  type Page,
  type WebhookEvent,
  type WebhookEventDetail,
  type WebhookEventStatus,
  type WebhookVendor,
} from '@ccp/contracts';
import { PageQueryDto } from '@ccp/server-platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { WebhookEventEntity } from '../inbox/webhook-event.entity';

export class WebhookEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_EVENT_STATUSES)
  status?: WebhookEventStatus;

  @ApiPropertyOptional({ enum: WEBHOOK_VENDORS })
  @IsOptional()
  @IsIn(WEBHOOK_VENDORS)
  vendor?: WebhookVendor;

  @ApiPropertyOptional({ example: 'incoming_event' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;
}

export class WebhookEventDto implements WebhookEvent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WEBHOOK_VENDORS }) vendor!: WebhookVendor;
  @ApiProperty({ example: 'livechat:incoming_event:RX2K8Q4T1M:QA37PVJ75B:QA37PVJ75B_3' }) eventKey!: string;
  @ApiProperty({ example: 'incoming_event' }) type!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_STATUSES }) status!: WebhookEventStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) processedAt!: string | null;
}

export class WebhookEventDetailDto extends WebhookEventDto implements WebhookEventDetail {
  @ApiProperty({ description: 'The body as received, vendor secrets redacted' }) rawBody!: string;
}

export class WebhookEventPageDto implements Page<WebhookEvent> {
  @ApiProperty({ type: [WebhookEventDto] }) items!: WebhookEventDto[];
  @ApiProperty() total!: number;
}

export function toWebhookEvent(row: WebhookEventEntity): WebhookEventDto {
  return {
    id: row.id,
    vendor: row.vendor,
    eventKey: row.eventKey,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}
