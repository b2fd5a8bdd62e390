import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, DomainException, livechatWebhookSecretsOf, MetricsService } from '@ccp/server-platform';
import { InboxService } from '../inbox/inbox.service';
import { InvalidWebhookError } from '../parsing/invalid-webhook.error';
import {
  isHandledLiveChatAction,
  LIVECHAT_ACTION_NAME,
  liveChatDedupeScope,
  liveChatEventKey,
  parseLiveChatEnvelope,
  type DedupeScope,
} from '../parsing';
import { redactSecret, secretMatches } from '../verification/shared-secret';

function secretKeyOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const secret = (body as Record<string, unknown>)['secret_key'];
  return typeof secret === 'string' && secret.length > 0 ? secret : undefined;
}

/** LiveChat retries within about a minute; a repeat after this is a real new event (see liveChatDedupeScope). */
const RETRY_WINDOW_MS = 5 * 60_000;

/** Actions without a natural id (status, tags, ratings) repeat for real: dedupe only redeliveries. */
function dedupeSuffix(scope: DedupeScope): string {
  switch (scope) {
    case 'permanent':
      return '';
    case 'retry_window':
      return `:w${Math.floor(Date.now() / RETRY_WINDOW_MS)}`;
    case 'every_delivery':
      return `:d${randomUUID()}`;
  }
}

function actionOf(body: unknown): string {
  const action =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['action'] : undefined;
  return typeof action === 'string' && LIVECHAT_ACTION_NAME.test(action) ? action : 'unknown';
}

@Injectable()
export class LiveChatWebhookService {
  private readonly secrets: string[];

  constructor(
    private readonly inbox: InboxService,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.secrets = livechatWebhookSecretsOf(config);
  }

  /**
   * Verify the body's secret_key, then store. A verified body that is not a LiveChat envelope is
   * kept (status invalid) for an operator to inspect, and answered 400 INVALID_WEBHOOK.
   */
  async receive(body: unknown, rawBody: string): Promise<void> {
    const secret = secretKeyOf(body);
    if (!secret || !secretMatches(secret, this.secrets) || typeof body !== 'object' || body === null) {
      this.metrics.webhooksReceived.inc({ vendor: 'livechat', outcome: 'unauthorized' });
      throw new DomainException(
        'WEBHOOK_UNAUTHORIZED',
        'The secret_key does not match a configured LiveChat secret',
      );
    }
    const redacted = redactSecret(rawBody, body, secret);
    let envelope;
    try {
      envelope = parseLiveChatEnvelope(body);
    } catch (error) {
      if (!(error instanceof InvalidWebhookError)) throw error;
      throw await this.inbox.rejectInvalid('livechat', actionOf(body), redacted, error.reason);
    }
    await this.inbox.accept({
      vendor: 'livechat',
      eventKey: `${liveChatEventKey(envelope)}${dedupeSuffix(liveChatDedupeScope(envelope.action))}`,
      type: envelope.action,
      status: isHandledLiveChatAction(envelope.action) ? 'received' : 'ignored',
      rawBody: redacted,
    });
  }
}
