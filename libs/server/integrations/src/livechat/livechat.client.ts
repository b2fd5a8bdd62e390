import { Injectable } from '@nestjs/common';
import { AppConfig } from '@ccp/server-platform';
import { OutboundCallRecorder } from '../outbound/outbound-call.recorder';
import { OutboundHttp } from '../outbound/outbound-http.service';
import { skipped, succeeded, type OutboundResult } from '../outbound/outbound-result';

/** As the Agent Chat API spells it (the webhooks write it with spaces). */
export type LiveChatRoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';

const SET_ROUTING_STATUS_PATH = '/v3.5/agent/action/set_routing_status';

/** LiveChat Agent Chat API calls. Each public method is one sync-logged operation. */
@Injectable()
export class LiveChatClient {
  private readonly apiUrl: string;
  /** A personal access token (`<account id>:<token>`) is used as HTTP Basic credentials. */
  private readonly authorization?: string;

  constructor(
    config: AppConfig,
    private readonly http: OutboundHttp,
    private readonly recorder: OutboundCallRecorder,
  ) {
    this.apiUrl = config.LIVECHAT_API_URL;
    const token = config.LIVECHAT_ACCESS_TOKEN;
    if (token) this.authorization = `Basic ${Buffer.from(token).toString('base64')}`;
  }

  setRoutingStatus(agentId: string, status: LiveChatRoutingStatus): Promise<OutboundResult<void>> {
    return this.recorder.run('livechat.set_routing_status', { agentId }, async () => {
      if (!this.authorization) return skipped('LIVECHAT_ACCESS_TOKEN is not set');
      await this.http.send({
        vendor: 'LiveChat',
        method: 'POST',
        url: new URL(SET_ROUTING_STATUS_PATH, this.apiUrl),
        headers: {
          authorization: this.authorization,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ status, agent_id: agentId }),
      });
      return succeeded(undefined);
    });
  }
}
