import { Body, Controller, Headers, HttpCode, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ApiErrors, DomainException, Public } from '@ccp/server-platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RingCentralWebhookService } from './ringcentral-webhook.service';

const NOTIFICATION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['uuid', 'event', 'body'],
  properties: {
    uuid: { type: 'string' },
    event: { type: 'string', example: '/restapi/v1.0/account/~/telephony/sessions' },
    timestamp: { type: 'string', format: 'date-time' },
    subscriptionId: { type: 'string' },
    ownerId: { type: 'string' },
    body: { type: 'object' },
  },
};

/**
 * RingCentral webhook notifications. Public: authenticity is the subscription's Verification-Token.
 * The subscription handshake (empty POST with Validation-Token) is answered inline, small and fast.
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks/ringcentral')
export class RingCentralWebhookController {
  constructor(private readonly ringcentral: RingCentralWebhookService) {}

  @Post(['', 'telephony-session', 'call-log'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Telephony, presence and subscription notifications; 200 once stored durably' })
  @ApiHeader({ name: 'Verification-Token', required: false, description: 'Required on notifications' })
  @ApiHeader({
    name: 'Validation-Token',
    required: false,
    description: 'Subscription handshake, echoed back',
  })
  @ApiBody({ schema: NOTIFICATION_SCHEMA, required: false })
  @ApiOkResponse({
    description: 'Stored (or the handshake answered, with the Validation-Token header echoed)',
  })
  @ApiErrors(400, 401, 413, 503)
  async receive(
    @Body() body: unknown,
    @Headers('validation-token') validationToken: string | undefined,
    @Headers('verification-token') verificationToken: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ ok: true } | undefined> {
    if (validationToken !== undefined && body === undefined) {
      // The answer must stay under RingCentral's 1 KiB limit; a longer token is not theirs.
      if (validationToken.length > 256)
        throw new DomainException('INVALID_WEBHOOK', 'Validation-Token is too long');
      void reply.header('Validation-Token', validationToken).header('content-type', 'application/json');
      return undefined;
    }
    await this.ringcentral.receive(body, request.rawBody?.toString('utf8') ?? '', verificationToken);
    return { ok: true };
  }
}
