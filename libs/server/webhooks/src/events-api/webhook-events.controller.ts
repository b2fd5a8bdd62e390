import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainException, Roles, uuidParam } from '@ccp/server-platform';
import { InboxRepository } from '../inbox/inbox.repository';
import { InboxService } from '../inbox/inbox.service';
import {
  toWebhookEvent,
  WebhookEventDetailDto,
  WebhookEventPageDto,
  WebhookEventQueryDto,
} from './webhook-events.dto';

@ApiTags('operations')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('api/webhook-events')
export class WebhookEventsController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly inboxService: InboxService,
  ) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Stored vendor webhooks, newest first (e.g. ?status=dead)' })
  @ApiOkResponse({ type: WebhookEventPageDto })
  async list(@Query() query: WebhookEventQueryDto): Promise<WebhookEventPageDto> {
    const page = await this.inbox.list(query);
    return { items: page.items.map(toWebhookEvent), total: page.total };
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One stored webhook with its raw body (secrets redacted)' })
  @ApiOkResponse({ type: WebhookEventDetailDto })
  @ApiErrors(404)
  async get(@Param('id', uuidParam()) id: string): Promise<WebhookEventDetailDto> {
    const row = await this.inbox.findById(id);
    if (!row) throw new DomainException('NOT_FOUND', 'No webhook event with this id');
    return { ...toWebhookEvent(row), rawBody: row.rawBody };
  }

  @Post(':id/replay')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Process a stored webhook again (dead, failed, ignored or processed)' })
  @ApiAcceptedResponse({ description: 'Queued for processing' })
  @ApiErrors(404, 409)
  replay(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.inboxService.replay(id);
  }
}
