import { Injectable } from '@nestjs/common';
import { AppConfig } from '@ccp/server-platform';
import { isJsonObject, numberField, stringField } from '../outbound/json-fields';
import { OutboundHttp } from '../outbound/outbound-http.service';
import { OutboundCallError } from '../outbound/outbound-result';

const TOKEN_PATH = '/restapi/oauth/token';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** A token is replaced this long before it expires, so none lapses while a request is in flight. */
const EXPIRY_MARGIN_MS = 60_000;

interface RingCentralCredentials {
  clientId: string;
  clientSecret: string;
  jwt: string;
}

interface AccessToken {
  value: string;
  renewAt: number;
}

/**
 * RingCentral access tokens from the OAuth JWT-bearer grant. The token is a cache, not state: each
 * process holds its own in memory and simply asks for a new one after a restart.
 */
@Injectable()
export class RingCentralAuth {
  readonly serverUrl: string;
  private readonly credentials?: RingCentralCredentials;
  private token?: AccessToken;
  private pending?: Promise<string>;

  constructor(
    config: AppConfig,
    private readonly http: OutboundHttp,
  ) {
    this.serverUrl = config.RINGCENTRAL_SERVER_URL;
    const { RINGCENTRAL_CLIENT_ID: clientId, RINGCENTRAL_CLIENT_SECRET: clientSecret } = config;
    const jwt = config.RINGCENTRAL_JWT;
    if (clientId && clientSecret && jwt) this.credentials = { clientId, clientSecret, jwt };
  }

  get configured(): boolean {
    return this.credentials !== undefined;
  }

  /** The cached token while it is fresh; otherwise one grant, shared by everyone asking meanwhile. */
  accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return Promise.resolve(this.token.value);
    this.pending ??= this.requestToken()
      .then((token) => {
        this.token = token;
        return token.value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Forgets a token RingCentral refused, unless a newer one has replaced it already. */
  invalidate(rejected: string): void {
    if (this.token?.value === rejected) this.token = undefined;
  }

  private async requestToken(): Promise<AccessToken> {
    if (!this.credentials) throw new Error('RingCentral credentials are not configured');
    const { clientId, clientSecret, jwt } = this.credentials;
    const requestedAt = Date.now();
    const response = await this.http.send({
      vendor: 'RingCentral',
      method: 'POST',
      url: new URL(TOKEN_PATH, this.serverUrl),
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: jwt }).toString(),
    });
    const value = isJsonObject(response.body) ? stringField(response.body, 'access_token') : undefined;
    const expiresIn = isJsonObject(response.body) ? numberField(response.body, 'expires_in') : undefined;
    if (!value || expiresIn === undefined) {
      throw new OutboundCallError(
        `RingCentral POST ${TOKEN_PATH} answered without access_token and expires_in`,
        {
          status: response.status,
          retryable: false,
        },
      );
    }
    return { value, renewAt: requestedAt + expiresIn * 1_000 - EXPIRY_MARGIN_MS };
  }
}
