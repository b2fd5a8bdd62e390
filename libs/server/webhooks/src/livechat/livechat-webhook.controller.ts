import { Body, Controller, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ApiErrors, Public } from '@ccp/server-platform';
import type { FastifyRequest } from 'fastify';
import { LiveChatWebhookService } from './livechat-webhook.service';

const ENVELOPE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['action', 'secret_key', 'payload'],
  properties: {
    webhook_id: { type: 'string' },
    secret_key: { type: 'string', description: 'Compared with LIVECHAT_WEBHOOK_SECRETS' },
    action: { type: 'string', example: 'incoming_event' },
    organization_id: { type: 'string', description: 'API v3.4+' },
    license_id: { type: 'integer', description: 'API v3.3' },
    payload: { type: 'object' },
    additional_data: { type: 'object' },
  },
};

/** LiveChat (Text Platform) webhooks, API v3.3–3.6. Public: authenticity is the body's secret_key. */
@ApiTags('webhooks')
@Public()
@Controller('webhooks/livechat')
export class LiveChatWebhookController {
  constructor(private readonly livechat: LiveChatWebhookService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Any LiveChat webhook action; 200 once stored durably' })
  @ApiBody({ schema: ENVELOPE_SCHEMA })
  @ApiOkResponse({ schema: { type: 'object', properties: { ok: { type: 'boolean' } } } })
  @ApiErrors(400, 401, 413, 503)
  async receive(
    @Body() body: unknown,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<{ ok: true }> {
    await this.livechat.receive(body, request.rawBody?.toString('utf8') ?? '');
    return { ok: true };
  }

  /** Existing vendor-console setups point one URL per action (e.g. /incoming_chat); the body's action decides. */
  @Post(':action')
  @HttpCode(200)
  @ApiOperation({ summary: 'The same, at a per-action URL (the body’s `action` is authoritative)' })
  @ApiParam({ name: 'action', example: 'incoming_chat' })
  @ApiBody({ schema: ENVELOPE_SCHEMA })
  @ApiOkResponse({ schema: { type: 'object', properties: { ok: { type: 'boolean' } } } })
  @ApiErrors(400, 401, 413, 503)
  async receiveForAction(
    @Param('action') _action: string,
    @Body() body: unknown,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<{ ok: true }> {
    return this.receive(body, request);
  }
}
