import { randomBytes, randomUUID } from 'node:crypto';
import {
  basicCredentialsOf,
  bearerTokenOf,
  isJsonObject,
  type FakeResponse,
  type FakeRoute,
  type FakeVendorCredentials,
  type RecordedRequest,
} from './fake-http';
import { ACCOUNT_ID } from '../vendor-payloads/ringcentral.fixtures';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const USER_STATUSES = ['Offline', 'Busy', 'Available'];
const DND_STATUSES = [
  'TakeAllCalls',
  'DoNotAcceptAnyCalls',
  'DoNotAcceptDepartmentCalls',
  'TakeDepartmentCallsOnly',
];
const DAY_MS = 24 * 60 * 60_000;
/** The fake answers for the account of the webhook fixtures; `~` means it, as at RingCentral. */
const ACCOUNT = `(?:~|${ACCOUNT_ID})`;

/** A call-log record in RingCentral's wire format (vendor-webhooks.md §2.6). */
export type FakeCallLogRecord = { id: string; startTime: string; telephonySessionId?: string } & Record<
  string,
  unknown
>;

export interface FakeSubscription {
  id: string;
  expiresIn: number;
  expirationTime: string;
  renewals: number;
}

export interface FakePresence {
  extensionId: string;
  userStatus: string;
  dndStatus: string;
  telephonyStatus: string;
  presenceStatus: string;
  /** Increases with every change, like the `sequence` of presence notifications. */
  sequence: number;
}

/** A record shaped like the documented example, for the call of `telephonySessionId`. */
export function fakeCallLogRecord(
  overrides: { telephonySessionId: string; startTime: string } & Partial<FakeCallLogRecord>,
): FakeCallLogRecord {
  const id = `A${randomBytes(7).toString('hex')}`;
  return {
    uri: `https://platform.ringcentral.com/restapi/v1.0/account/${ACCOUNT_ID}/call-log/${id}?view=Detailed`,
    id,
    sessionId: String(400_000_000_000 + Math.floor(Math.random() * 99_999_999_999)),
    duration: 55,
    type: 'Voice',
    direction: 'Inbound',
    action: 'Phone Call',
    result: 'Accepted',
    to: { phoneNumber: '+18003151571', name: 'Support Agent 1' },
    from: { phoneNumber: '+14083388064', name: 'SAN JOSE CA', location: 'San Jose, CA' },
    legs: [],
    ...overrides,
  };
}

function rcError(status: number, errorCode: string, message: string): FakeResponse {
  return { status, body: { errorCode, message, errors: [{ errorCode, message }] } };
}

function oauthError(status: number, error: string, description: string): FakeResponse {
  return {
    status,
    body: { error, error_description: description, errors: [{ errorCode: 'OAU-251', message: description }] },
  };
}

function timeOf(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function positiveInteger(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/**
 * The RingCentral REST endpoints the platform calls: the JWT-bearer token grant, the company call
 * log, telephony sessions (Call Control), subscription renewal and extension presence. Every API
 * call needs a live access token.
 */
export class FakeRingCentral {
  /** `expires_in` of the tokens issued from now on. */
  tokenExpiresInSeconds = 3_600;
  readonly routes: FakeRoute[] = [
    { method: 'POST', path: /^\/restapi\/oauth\/token$/, handle: (request) => this.issueToken(request) },
    {
      method: 'GET',
      path: new RegExp(`^/restapi/v1\\.0/account/${ACCOUNT}/call-log$`),
      handle: (request) => this.authorized(request, () => this.callLog(request)),
    },
    {
      method: 'GET',
      path: new RegExp(`^/restapi/v1\\.0/account/${ACCOUNT}/telephony/sessions/([^/]+)$`),
      handle: (request, [id]) =>
        this.authorized(request, () => this.telephonySession(decodeURIComponent(id ?? ''))),
    },
    {
      method: 'POST',
      path: /^\/restapi\/v1\.0\/subscription\/([^/]+)\/renew$/,
      handle: (request, [id]) => this.authorized(request, () => this.renew(decodeURIComponent(id ?? ''))),
    },
    {
      method: 'PUT',
      path: new RegExp(`^/restapi/v1\\.0/account/${ACCOUNT}/extension/([^/]+)/presence$`),
      handle: (request, [id]) =>
        this.authorized(request, () => this.setPresence(decodeURIComponent(id ?? ''), request.body)),
    },
  ];
  private readonly accessTokens = new Map<string, number>();
  private readonly callLogRecords: FakeCallLogRecord[] = [];
  private readonly subscriptions = new Map<string, FakeSubscription>();
  private readonly presence = new Map<string, FakePresence>();
  private readonly liveSessions = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly credentials: FakeVendorCredentials,
  ) {}

  /** A call in progress: the Call Control API has its session until `endSession`. */
  startSession(telephonySessionId: string): void {
    this.liveSessions.add(telephonySessionId);
  }

  endSession(telephonySessionId: string): void {
    this.liveSessions.delete(telephonySessionId);
  }

  addCallLogRecord(record: FakeCallLogRecord): void {
    this.callLogRecords.push(record);
  }

  /** A webhook subscription the fake knows, so it can be renewed. */
  addSubscription(id: string = randomUUID(), expiresInSeconds = 7 * 24 * 60 * 60): FakeSubscription {
    const subscription = {
      id,
      expiresIn: expiresInSeconds,
      expirationTime: new Date(Date.now() + expiresInSeconds * 1_000).toISOString(),
      renewals: 0,
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  subscription(id: string): FakeSubscription | undefined {
    return this.subscriptions.get(id);
  }

  presenceOf(extensionId: string): FakePresence | undefined {
    return this.presence.get(extensionId);
  }

  /** Every access token issued so far stops working, as after a revocation or a password change. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  private issueToken(request: RecordedRequest): FakeResponse {
    const { ringcentralClientId, ringcentralClientSecret, ringcentralJwt } = this.credentials;
    if (basicCredentialsOf(request) !== `${ringcentralClientId}:${ringcentralClientSecret}`) {
      return oauthError(401, 'invalid_client', 'Invalid client');
    }
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Unsupported content type');
    }
    const form = isJsonObject(request.body) ? request.body : {};
    if (form['grant_type'] !== JWT_BEARER_GRANT) {
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    }
    if (form['assertion'] !== ringcentralJwt) return oauthError(400, 'invalid_grant', 'Invalid token');
    const accessToken = `fake-rc-access-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(accessToken, Date.now() + this.tokenExpiresInSeconds * 1_000);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: this.tokenExpiresInSeconds,
        refresh_token: `fake-rc-refresh-${randomBytes(12).toString('hex')}`,
        refresh_token_expires_in: 604_800,
        scope: 'ReadAccounts ReadCallLog ReadPresence EditPresence SubscriptionWebhook',
        owner_id: '62242421016',
        endpoint_id: randomBytes(8).toString('base64url'),
      },
    };
  }

  private authorized(request: RecordedRequest, handle: () => FakeResponse): FakeResponse {
    const token = bearerTokenOf(request);
    if (token === undefined) return rcError(401, 'AGW-401', 'Authorization header is not specified');
    const expiresAt = this.accessTokens.get(token);
    if (expiresAt === undefined) return rcError(401, 'TokenInvalid', 'Token not found');
    if (Date.now() >= expiresAt) return rcError(401, 'TokenExpired', 'Access token expired');
    return handle();
  }

  /** The session of a call in progress; RingCentral answers 404 once the call is over. */
  private telephonySession(telephonySessionId: string): FakeResponse {
    if (!this.liveSessions.has(telephonySessionId)) {
      return rcError(404, 'CMN-102', `Resource for parameter [telephonySessionId] is not found`);
    }
    return { status: 200, body: { id: telephonySessionId, origin: { type: 'Call' }, parties: [] } };
  }

  /** Newest first, filtered by `dateFrom`/`dateTo` (default: the last 24 hours), paginated. */
  private callLog(request: RecordedRequest): FakeResponse {
    const { query } = request;
    const dateTo = timeOf(query['dateTo'], Date.now());
    const dateFrom = dateTo === undefined ? undefined : timeOf(query['dateFrom'], dateTo - DAY_MS);
    const perPage = positiveInteger(query['perPage'], 100);
    const page = positiveInteger(query['page'], 1);
    if (dateTo === undefined || dateFrom === undefined) {
      return rcError(400, 'CMN-101', 'Parameter [dateFrom] or [dateTo] value is invalid');
    }
    if (perPage === undefined || perPage > 1_000 || page === undefined) {
      return rcError(400, 'CMN-101', 'Parameter [perPage] or [page] value is invalid');
    }
    const matching = this.callLogRecords
      .filter((record) => {
        const startTime = Date.parse(record.startTime);
        return startTime >= dateFrom && startTime <= dateTo;
      })
      .filter((record) => query['recordingType'] === undefined || record['recording'] !== undefined)
      .sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
    const totalPages = Math.max(1, Math.ceil(matching.length / perPage));
    const link = (number: number) => {
      const params = new URLSearchParams({ ...query, page: String(number) });
      return {
        uri: `${this.baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/call-log?${params}`,
      };
    };
    const records = matching
      .slice((page - 1) * perPage, page * perPage)
      .map(({ legs, ...simple }) => (query['view'] === 'Detailed' ? { ...simple, legs } : simple));
    return {
      status: 200,
      body: {
        uri: link(page).uri,
        records,
        paging: { page, totalPages, perPage, totalElements: matching.length },
        navigation: {
          firstPage: link(1),
          ...(page < totalPages ? { nextPage: link(page + 1) } : {}),
          ...(page > 1 ? { previousPage: link(page - 1) } : {}),
          lastPage: link(totalPages),
        },
      },
    };
  }

  private renew(id: string): FakeResponse {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return rcError(404, 'CMN-102', 'Resource for parameter [subscriptionId] is not found');
    subscription.expirationTime = new Date(Date.now() + subscription.expiresIn * 1_000).toISOString();
    subscription.renewals += 1;
    return {
      status: 200,
      body: {
        uri: `${this.baseUrl}/restapi/v1.0/subscription/${id}`,
        id,
        status: 'Active',
        eventFilters: [`/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions`],
        expirationTime: subscription.expirationTime,
        expiresIn: subscription.expiresIn,
        deliveryMode: {
          transportType: 'WebHook',
          encryption: false,
          address: 'https://cc.example.com/webhooks/ringcentral',
        },
      },
    };
  }

  private setPresence(extensionId: string, body: unknown): FakeResponse {
    const update = isJsonObject(body) ? body : {};
    const { userStatus, dndStatus } = update;
    if (userStatus !== undefined && (typeof userStatus !== 'string' || !USER_STATUSES.includes(userStatus))) {
      return rcError(400, 'CMN-101', 'Parameter [userStatus] value is invalid');
    }
    if (dndStatus !== undefined && (typeof dndStatus !== 'string' || !DND_STATUSES.includes(dndStatus))) {
      return rcError(400, 'CMN-101', 'Parameter [dndStatus] value is invalid');
    }
    const previous = this.presence.get(extensionId);
    const next = {
      extensionId,
      userStatus: userStatus ?? previous?.userStatus ?? 'Available',
      dndStatus: dndStatus ?? previous?.dndStatus ?? 'TakeAllCalls',
      telephonyStatus: previous?.telephonyStatus ?? 'NoCall',
      sequence: (previous?.sequence ?? 0) + 1,
    };
    const presenceStatus =
      next.userStatus === 'Offline'
        ? 'Offline'
        : next.userStatus === 'Busy' ||
            next.dndStatus === 'DoNotAcceptAnyCalls' ||
            next.telephonyStatus !== 'NoCall'
          ? 'Busy'
          : 'Available';
    const presence: FakePresence = { ...next, presenceStatus };
    this.presence.set(extensionId, presence);
    const extensionUri = `${this.baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/extension/${extensionId}`;
    return {
      status: 200,
      body: {
        uri: `${extensionUri}/presence`,
        extension: { uri: extensionUri, id: /^\d+$/.test(extensionId) ? Number(extensionId) : extensionId },
        presenceStatus,
        telephonyStatus: presence.telephonyStatus,
        userStatus: presence.userStatus,
        dndStatus: presence.dndStatus,
        allowSeeMyPresence: true,
        ringOnMonitoredCall: false,
        pickUpCallsOnHold: false,
      },
    };
  }
}
