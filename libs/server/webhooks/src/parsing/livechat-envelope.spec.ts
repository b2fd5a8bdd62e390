import { describe, expect, it } from 'vitest';
import {
  chatTransferredBody,
  incomingEventBody,
  LICENSE_ID,
  liveChatBody,
  ORGANIZATION_ID,
} from '@ccp/server-testing';
import { reasonOf } from './fixtures/invalid-webhook.reason';
import {
  parseLiveChatEnvelope,
  parseStoredLiveChatEnvelope,
  toStorableLiveChatBody,
} from './livechat-envelope';

function withoutSecret(envelope: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(envelope).filter(([key]) => key !== 'secretKey'));
}

describe('parseLiveChatEnvelope', () => {
  it('parses a v3.6 body (organization_id)', () => {
    const envelope = parseLiveChatEnvelope(incomingEventBody());
    expect(envelope).toMatchObject({
      action: 'incoming_event',
      webhookId: '1188f559c4bae6c4b9a87a1b32d78202',
      organizationId: ORGANIZATION_ID,
      additionalData: {},
      secretKey: 's3cr3t-events',
    });
    expect(envelope.licenseId).toBeUndefined();
    expect(envelope.payload).toMatchObject({ chat_id: 'RX2K8Q4T1M', thread_id: 'QA37PVJ75B' });
  });

  it('parses a v3.3 body (license_id)', () => {
    const envelope = parseLiveChatEnvelope(incomingEventBody({}, { version: '3.3' }));
    expect(envelope.licenseId).toBe(LICENSE_ID);
    expect(envelope.organizationId).toBeUndefined();
  });

  it('tolerates a missing webhook_id and a missing additional_data', () => {
    const envelope = parseLiveChatEnvelope(chatTransferredBody({}, { webhookId: undefined }));
    expect(envelope.additionalData).toEqual({});
    const body = incomingEventBody();
    delete body['webhook_id'];
    expect(parseLiveChatEnvelope(body).webhookId).toBeUndefined();
  });

  it('keeps the secret only in secretKey', () => {
    const envelope = parseLiveChatEnvelope(incomingEventBody({}, { secretKey: 'very-secret-value' }));
    expect(envelope.secretKey).toBe('very-secret-value');
    expect(JSON.stringify(withoutSecret(envelope))).not.toContain('very-secret-value');
  });

  it('accepts an array payload only for auto_accesses_updated', () => {
    const registration = { webhookId: 'w1', secretKey: 's1' };
    const auto = parseLiveChatEnvelope(
      liveChatBody('auto_accesses_updated', [{ id: 'rule-1' }], registration),
    );
    expect(auto.payload).toEqual([{ id: 'rule-1' }]);
    expect(reasonOf(() => parseLiveChatEnvelope(liveChatBody('incoming_event', [], registration)))).toBe(
      'body.payload must be an object but is an array',
    );
  });

  it.each([
    ['undefined (empty body)', undefined, 'body must be an object but is missing'],
    ['a string', 'incoming_event', 'body must be an object but is a string'],
    ['an array', [incomingEventBody()], 'body must be an object but is an array'],
    ['null', null, 'body must be an object but is null'],
  ])('rejects a body that is %s', (_name, body, reason) => {
    expect(reasonOf(() => parseLiveChatEnvelope(body))).toBe(reason);
  });

  it.each([
    ['action missing', { action: undefined }, 'body.action must be a non-empty string but is missing'],
    ['action not a string', { action: 7 }, 'body.action must be a non-empty string but is a number'],
    [
      'an action that is no action name',
      { action: 'incoming_chat\u0000' },
      'body.action must be a LiveChat action name (a-z, 0-9 and _)',
    ],
    [
      'an action in capitals',
      { action: 'Incoming_Chat' },
      'body.action must be a LiveChat action name (a-z, 0-9 and _)',
    ],
    [
      'secret_key missing',
      { secret_key: undefined },
      'body.secret_key must be a non-empty string but is missing',
    ],
    ['payload missing', { payload: undefined }, 'body.payload must be an object but is missing'],
    ['payload a string', { payload: '{}' }, 'body.payload must be an object but is a string'],
    ['webhook_id a number', { webhook_id: 1 }, 'body.webhook_id must be a string but is a number'],
    [
      'additional_data an array',
      { additional_data: [] },
      'body.additional_data must be an object but is an array',
    ],
    [
      'license_id a string',
      { organization_id: undefined, license_id: '104130623' },
      'body.license_id must be an integer but is a string',
    ],
    [
      'neither license_id nor organization_id',
      { organization_id: undefined },
      'body must have license_id (API v3.3) or organization_id (API v3.4+)',
    ],
  ])('rejects an envelope with %s', (_name, overrides, reason) => {
    const body: Record<string, unknown> = { ...incomingEventBody(), ...overrides };
    for (const key of Object.keys(overrides)) if (body[key] === undefined) delete body[key];
    expect(reasonOf(() => parseLiveChatEnvelope(body))).toBe(reason);
  });

  it('never puts the secret into an error', () => {
    const error = reasonOf(() =>
      parseLiveChatEnvelope({ ...incomingEventBody({}, { secretKey: 'hunter2' }), payload: 'hunter2' }),
    );
    expect(error).not.toContain('hunter2');
  });
});

describe('stored envelopes', () => {
  it('round-trips through the storable body without the secret', () => {
    const envelope = parseLiveChatEnvelope(incomingEventBody({}, { version: '3.3' }));
    const stored = toStorableLiveChatBody(envelope);
    expect(JSON.stringify(stored)).not.toContain('s3cr3t-events');
    expect(stored).not.toHaveProperty('secret_key');
    expect(parseStoredLiveChatEnvelope(JSON.parse(JSON.stringify(stored)))).toEqual(withoutSecret(envelope));
  });

  it('parseStoredLiveChatEnvelope drops a secret that is still present', () => {
    expect(parseStoredLiveChatEnvelope(incomingEventBody())).not.toHaveProperty('secretKey');
  });

  it('keeps the v3.6 requester of configuration webhooks', () => {
    const body = {
      ...liveChatBody('agent_created', { id: 'new@example.com' }, { webhookId: 'w', secretKey: 's' }),
      requester: { user_id: 'smith@example.com', account_id: 'acc-1', client_id: 'client-1' },
    };
    const envelope = parseLiveChatEnvelope(body);
    expect(envelope.requester).toEqual({
      userId: 'smith@example.com',
      accountId: 'acc-1',
      clientId: 'client-1',
    });
    expect(toStorableLiveChatBody(envelope)['requester']).toEqual(body.requester);
  });
});
