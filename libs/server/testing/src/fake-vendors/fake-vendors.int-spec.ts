import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID } from '../vendor-payloads/ringcentral.fixtures';
import { fakeCallLogRecord } from './fake-ringcentral';
import { startFakeVendors, type FakeVendors } from './fake-vendors';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('fake vendors', () => {
  let fake: FakeVendors;

  const call = async (
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ) => {
    const response = await fetch(`${fake.url}${path}`, { method, ...init });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };

  const grant = (form: Record<string, string>, credentials?: string) =>
    call('POST', '/restapi/oauth/token', {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(
          credentials ??
            `${fake.credentials.ringcentralClientId}:${fake.credentials.ringcentralClientSecret}`,
        ),
      },
      body: new URLSearchParams(form).toString(),
    });

  const accessToken = async () => {
    const { body } = await grant({
      grant_type: JWT_BEARER_GRANT,
      assertion: fake.credentials.ringcentralJwt,
    });
    return (body as { access_token: string }).access_token;
  };

  beforeEach(async () => {
    fake = await startFakeVendors();
  });

  afterEach(async () => {
    await fake.close();
  });

  it('grants RingCentral tokens only for the app credentials and the JWT', async () => {
    const jwt = fake.credentials.ringcentralJwt;
    expect((await grant({ grant_type: JWT_BEARER_GRANT, assertion: jwt }, 'someone:else')).status).toBe(401);
    expect(await grant({ grant_type: 'password', assertion: jwt })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await grant({ grant_type: JWT_BEARER_GRANT, assertion: 'forged' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await grant({ grant_type: JWT_BEARER_GRANT, assertion: jwt })).toMatchObject({
      status: 200,
      body: { token_type: 'bearer', expires_in: 3_600, access_token: expect.any(String) },
    });
  });

  it('serves the call log newest first within dateFrom, paginated with navigation links', async () => {
    const authorization = `Bearer ${await accessToken()}`;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    for (const minutesAgo of [30, 3, 2, 1]) {
      fake.ringcentral.addCallLogRecord(
        fakeCallLogRecord({ telephonySessionId: `s-${minutesAgo}`, startTime: at(minutesAgo) }),
      );
    }
    const first = await call('GET', `/restapi/v1.0/account/~/call-log?dateFrom=${at(10)}&perPage=2`, {
      headers: { authorization },
    });
    expect(first.status).toBe(200);
    const page = first.body as {
      records: { telephonySessionId: string }[];
      navigation: { nextPage?: { uri: string } };
    };
    expect(page.records.map((record) => record.telephonySessionId)).toEqual(['s-1', 's-2']);
    const next = new URL(page.navigation.nextPage?.uri ?? '');
    expect(next.pathname).toBe(`/restapi/v1.0/account/${ACCOUNT_ID}/call-log`);
    const second = await call('GET', `${next.pathname}${next.search}`, { headers: { authorization } });
    expect(second.body).toMatchObject({ records: [{ telephonySessionId: 's-3' }], navigation: {} });
    expect((second.body as { navigation: object }).navigation).not.toHaveProperty('nextPage');
  });

  it('refuses RingCentral API calls without a live token', async () => {
    const path = '/restapi/v1.0/account/~/call-log';
    expect(await call('GET', path)).toMatchObject({ status: 401, body: { errorCode: 'AGW-401' } });
    const token = await accessToken();
    fake.ringcentral.revokeAccessTokens();
    expect(await call('GET', path, { headers: { authorization: `Bearer ${token}` } })).toMatchObject({
      status: 401,
      body: { errorCode: 'TokenInvalid' },
    });
  });

  it('validates presence values as RingCentral spells them', async () => {
    const headers = { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' };
    const path = '/restapi/v1.0/account/~/extension/101/presence';
    expect((await call('PUT', path, { headers, body: JSON.stringify({ userStatus: 'Away' }) })).status).toBe(
      400,
    );
    expect(
      await call('PUT', path, { headers, body: JSON.stringify({ dndStatus: 'DoNotAcceptAnyCalls' }) }),
    ).toMatchObject({
      status: 200,
      body: {
        presenceStatus: 'Busy',
        userStatus: 'Available',
        dndStatus: 'DoNotAcceptAnyCalls',
        extension: { id: 101 },
      },
    });
    expect(fake.ringcentral.presenceOf('101')?.sequence).toBe(1);
  });

  it('checks the LiveChat token and the routing status value', async () => {
    const path = '/v3.5/agent/action/set_routing_status';
    const body = JSON.stringify({ status: 'accepting_chats', agent_id: 'smith@example.com' });
    const json = { 'content-type': 'application/json' };
    expect(
      await call('POST', path, { headers: { ...json, authorization: basic('a:b') }, body }),
    ).toMatchObject({
      status: 401,
      body: { error: { type: 'authentication' } },
    });
    const authorization = basic(fake.credentials.livechatAccessToken);
    const invalid = JSON.stringify({ status: 'away', agent_id: 'smith@example.com' });
    expect((await call('POST', path, { headers: { ...json, authorization }, body: invalid })).status).toBe(
      400,
    );
    expect(await call('POST', path, { headers: { ...json, authorization }, body })).toMatchObject({
      status: 200,
      body: {},
    });
    expect(fake.livechat.routingStatusOf('smith@example.com')).toBe('accepting_chats');
  });

  it('fails the next requests to a path as programmed, then serves it again', async () => {
    fake.failNext('/restapi/oauth/token', { status: 429, retryAfterSeconds: 7, times: 2 });
    const form = { grant_type: JWT_BEARER_GRANT, assertion: fake.credentials.ringcentralJwt };
    const limited = await grant(form);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await grant(form)).status).toBe(429);
    expect((await grant(form)).status).toBe(200);
  });

  it('records requests, tells listeners about answered ones, and answers unknown paths with 404', async () => {
    const answered: string[] = [];
    const stop = fake.onRequest((request, response) => {
      answered.push(`${request.method} ${request.path} ${response.status}`);
    });
    expect((await call('GET', '/nowhere')).status).toBe(404);
    expect((await call('GET', '/restapi/oauth/token')).status).toBe(405);
    stop();
    await call('GET', '/after-stop');
    const recorded = await fake.waitForRequest((request) => request.path === '/after-stop');
    expect(recorded.method).toBe('GET');
    expect(answered).toEqual(['GET /nowhere 404', 'GET /restapi/oauth/token 405']);
  });

  it('closes even while a stalled request is open', async () => {
    fake.stallNext('/restapi/oauth/token');
    const stalled = call('POST', '/restapi/oauth/token').catch((error: unknown) => error);
    await fake.waitForRequest((request) => request.path === '/restapi/oauth/token');
    await fake.close();
    expect(await stalled).toBeInstanceOf(Error);
  });
});
