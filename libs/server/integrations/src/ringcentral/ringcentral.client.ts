import { Injectable } from '@nestjs/common';
import { OutboundCallRecorder } from '../outbound/outbound-call.recorder';
import { isJsonObject, stringField } from '../outbound/json-fields';
import { OutboundHttp, type OutboundRequest, type OutboundResponse } from '../outbound/outbound-http.service';
import { OutboundCallError, skipped, succeeded, type OutboundResult } from '../outbound/outbound-result';
import { readCallLogPage, type CallLogRecord } from './call-log-record';
import { RingCentralAuth } from './ringcentral-auth.service';

const NOT_CONFIGURED = 'RINGCENTRAL_CLIENT_ID, RINGCENTRAL_CLIENT_SECRET and RINGCENTRAL_JWT are not all set';
const CALL_LOG_PATH = '/restapi/v1.0/account/~/call-log';
const TELEPHONY_SESSIONS_PATH = '/restapi/v1.0/account/~/telephony/sessions';
/** The record starts when the call did; the margin absorbs clock skew between us and RingCentral. */
const CALL_LOG_LOOKBACK_MS = 60_000;
const CALL_LOG_PAGE_SIZE = 250;
/** Newest records come first, so a call that ended a minute ago sits on the first pages. */
const CALL_LOG_MAX_PAGES = 4;

/** What `PUT …/presence` changes; values as RingCentral spells them (vendor-webhooks.md §2.5). */
export interface PresenceUpdate {
  /** `Offline` | `Busy` | `Available`. */
  userStatus?: string;
  /** `TakeAllCalls` | `DoNotAcceptAnyCalls` | `DoNotAcceptDepartmentCalls` | `TakeDepartmentCallsOnly`. */
  dndStatus?: string;
}

type Method = OutboundRequest['method'];

/** RingCentral REST calls. Each public method is one sync-logged operation. */
@Injectable()
export class RingCentralClient {
  constructor(
    private readonly auth: RingCentralAuth,
    private readonly http: OutboundHttp,
    private readonly recorder: OutboundCallRecorder,
  ) {}

  /**
   * The company call-log record of a finished call. RingCentral offers no filter by telephony
   * session, so records since the call started are read and matched here; null until it appears.
   */
  findCallLogRecord(
    telephonySessionId: string,
    around: { startedAt: Date },
  ): Promise<OutboundResult<CallLogRecord | null>> {
    return this.recorder.run('ringcentral.call_log', { telephonySessionId }, async () => {
      if (!this.auth.configured) return skipped(NOT_CONFIGURED);
      const dateFrom = new Date(around.startedAt.getTime() - CALL_LOG_LOOKBACK_MS).toISOString();
      const query = new URLSearchParams({ view: 'Detailed', dateFrom, perPage: String(CALL_LOG_PAGE_SIZE) });
      let url: URL | undefined = this.urlOf(`${CALL_LOG_PATH}?${query.toString()}`);
      for (let page = 1; url && page <= CALL_LOG_MAX_PAGES; page += 1) {
        const response = await this.send('GET', url);
        const callLog = readCallLogPage(response.body);
        if (!callLog) {
          throw new OutboundCallError(`RingCentral GET ${CALL_LOG_PATH} answered without records`, {
            status: response.status,
            retryable: false,
          });
        }
        const match = callLog.records.find((record) => record.telephonySessionId === telephonySessionId);
        if (match) return succeeded(match);
        url = callLog.nextPageUri === undefined ? undefined : this.urlOf(callLog.nextPageUri);
      }
      return succeeded(null);
    });
  }

  /**
   * Whether RingCentral still has the telephony session (Call Control API): it answers 404 once
   * the call is over, which is how a call whose last notification was lost is found to have ended.
   */
  telephonySessionIsLive(telephonySessionId: string): Promise<OutboundResult<boolean>> {
    return this.recorder.run('ringcentral.telephony_session', { telephonySessionId }, async () => {
      if (!this.auth.configured) return skipped(NOT_CONFIGURED);
      const path = `${TELEPHONY_SESSIONS_PATH}/${encodeURIComponent(telephonySessionId)}`;
      try {
        await this.send('GET', this.urlOf(path));
        return succeeded(true);
      } catch (error) {
        if (error instanceof OutboundCallError && error.status === 404) return succeeded(false);
        throw error;
      }
    });
  }

  renewSubscription(subscriptionId: string): Promise<OutboundResult<{ expirationTime?: string }>> {
    return this.recorder.run('ringcentral.subscription_renew', { subscriptionId }, async () => {
      if (!this.auth.configured) return skipped(NOT_CONFIGURED);
      const path = `/restapi/v1.0/subscription/${encodeURIComponent(subscriptionId)}/renew`;
      const response = await this.send('POST', this.urlOf(path));
      const expirationTime = isJsonObject(response.body)
        ? stringField(response.body, 'expirationTime')
        : undefined;
      return succeeded({ expirationTime });
    });
  }

  setPresence(extensionId: string, update: PresenceUpdate): Promise<OutboundResult<void>> {
    return this.recorder.run('ringcentral.set_presence', { extensionId }, async () => {
      if (!this.auth.configured) return skipped(NOT_CONFIGURED);
      const path = `/restapi/v1.0/account/~/extension/${encodeURIComponent(extensionId)}/presence`;
      await this.send('PUT', this.urlOf(path), update);
      return succeeded(undefined);
    });
  }

  /**
   * Resolves a path, or a link RingCentral returned, against the configured server. Only the path
   * of a link is kept, so the access token never goes to any other host.
   */
  private urlOf(pathOrLink: string): URL {
    const { pathname, search } = new URL(pathOrLink, this.auth.serverUrl);
    return new URL(`${pathname}${search}`, this.auth.serverUrl);
  }

  /** One authorized request; a 401 (token revoked or expired early) earns one fresh token and one retry. */
  private async send(method: Method, url: URL, json?: object): Promise<OutboundResponse> {
    const token = await this.auth.accessToken();
    try {
      return await this.http.send(this.request(method, url, token, json));
    } catch (error) {
      if (!(error instanceof OutboundCallError) || error.status !== 401) throw error;
      this.auth.invalidate(token);
      return this.http.send(this.request(method, url, await this.auth.accessToken(), json));
    }
  }

  private request(method: Method, url: URL, token: string, json?: object): OutboundRequest {
    return {
      vendor: 'RingCentral',
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(json ? { 'content-type': 'application/json' } : {}),
      },
      ...(json ? { body: JSON.stringify(json) } : {}),
    };
  }
}
