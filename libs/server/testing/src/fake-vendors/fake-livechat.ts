import {
  basicCredentialsOf,
  isJsonObject,
  type FakeResponse,
  type FakeRoute,
  type RecordedRequest,
} from './fake-http';

const ROUTING_STATUSES = ['accepting_chats', 'not_accepting_chats', 'offline'];

function livechatError(status: number, type: string, message: string): FakeResponse {
  return { status, body: { error: { type, message } } };
}

/** The LiveChat Agent Chat API endpoints the platform calls, authorized by a personal access token. */
export class FakeLiveChat {
  readonly routes: FakeRoute[] = [
    {
      method: 'POST',
      path: /^\/v3\.\d\/agent\/action\/set_routing_status$/,
      handle: (request) => this.setRoutingStatus(request),
    },
  ];
  private readonly routingStatuses = new Map<string, string>();

  constructor(private readonly accessToken: string) {}

  routingStatusOf(agentId: string): string | undefined {
    return this.routingStatuses.get(agentId);
  }

  private setRoutingStatus(request: RecordedRequest): FakeResponse {
    if (basicCredentialsOf(request) !== this.accessToken) {
      return livechatError(401, 'authentication', 'Invalid access token');
    }
    const { body } = request;
    const status = isJsonObject(body) ? body['status'] : undefined;
    if (typeof status !== 'string' || !ROUTING_STATUSES.includes(status)) {
      return livechatError(400, 'validation', '`status` is invalid');
    }
    const agentId = isJsonObject(body) ? body['agent_id'] : undefined;
    if (agentId !== undefined && typeof agentId !== 'string') {
      return livechatError(400, 'validation', '`agent_id` is invalid');
    }
    // Without agent_id the token's owner changes their own status.
    this.routingStatuses.set(agentId ?? this.accessToken.split(':')[0] ?? '', status);
    return { status: 200, body: {} };
  }
}
