import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID,
  AGENT_EXTENSION_ID,
  presenceNotification,
  SUBSCRIPTION_ID,
  subscriptionReminderNotification,
  telephonyNotification,
} from '@ccp/server-testing';
import { reasonOf } from './fixtures/invalid-webhook.reason';
import { classifyRingCentralEvent, parseRingCentralNotification } from './ringcentral-notification';

describe('classifyRingCentralEvent', () => {
  it.each([
    [
      '/restapi/v1.0/account/809646016/extension/62242421016/telephony/sessions',
      'telephony',
      '809646016',
      '62242421016',
    ],
    ['/restapi/v1.0/account/809646016/telephony/sessions', 'telephony', '809646016', undefined],
    [
      '/restapi/v1.0/account/~/telephony/sessions?direction=Inbound&missedCall=true',
      'telephony',
      undefined,
      undefined,
    ],
    [
      '/restapi/v1.0/account/809646016/extension/62242421016/presence?detailedTelephonyState=true',
      'presence',
      '809646016',
      '62242421016',
    ],
    [
      '/restapi/v1.0/account/809646016/extension/62242421016/presence',
      'presence',
      '809646016',
      '62242421016',
    ],
    [
      '/restapi/v1.0/account/809646016/extension/62242421016/presence/line/presence?detailedTelephonyState=true',
      'presence',
      '809646016',
      '62242421016',
    ],
    [
      '/restapi/v1.0/account/809646016/extension/62242421016/favorite/presence',
      'presence',
      '809646016',
      '62242421016',
    ],
    [
      '/restapi/v1.0/subscription/~?threshold=86400&interval=3600',
      'subscription_reminder',
      undefined,
      undefined,
    ],
    ['/restapi/v1.0/account/809646016/extension/62242421016/message-store', 'other', undefined, undefined],
    ['/team-messaging/v1/posts', 'other', undefined, undefined],
    ['', 'other', undefined, undefined],
  ])('%s → %s', (event, kind, accountId, extensionId) => {
    const classification = classifyRingCentralEvent(event);
    expect([classification.kind, classification.accountId, classification.extensionId]).toEqual([
      kind,
      accountId,
      extensionId,
    ]);
  });

  it('reads a concrete subscription id from a reminder path', () => {
    expect(
      classifyRingCentralEvent(`/restapi/v1.0/subscription/${SUBSCRIPTION_ID}?threshold=60&interval=15`),
    ).toEqual({
      kind: 'subscription_reminder',
      subscriptionId: SUBSCRIPTION_ID,
    });
  });

  it('tolerates a full URL', () => {
    expect(
      classifyRingCentralEvent('https://platform.ringcentral.com/restapi/v1.0/account/1/telephony/sessions')
        .kind,
    ).toBe('telephony');
  });
});

describe('parseRingCentralNotification', () => {
  it('parses a telephony notification', () => {
    const notification = parseRingCentralNotification(telephonyNotification());
    expect(notification).toMatchObject({
      kind: 'telephony',
      uuid: '6211462813750803130',
      timestamp: '2025-05-12T14:05:44.017Z',
      subscriptionId: SUBSCRIPTION_ID,
      ownerId: ACCOUNT_ID,
      accountId: ACCOUNT_ID,
      extensionId: AGENT_EXTENSION_ID,
    });
    expect(notification.body).toMatchObject({ telephonySessionId: 's-718107795d564867a6f635fd81e89940' });
  });

  it('parses presence and reminders', () => {
    expect(parseRingCentralNotification(presenceNotification()).kind).toBe('presence');
    expect(parseRingCentralNotification(subscriptionReminderNotification())).toMatchObject({
      kind: 'subscription_reminder',
      subscriptionId: SUBSCRIPTION_ID,
    });
  });

  it.each([
    ['the empty handshake body (undefined)', undefined, 'body must be an object but is missing'],
    ['an empty string', '', 'body must be an object but is a string'],
    ['an empty object', {}, 'body.uuid must be a non-empty string but is missing'],
    [
      'a validation-token echo',
      { validationToken: 'abc' },
      'body.uuid must be a non-empty string but is missing',
    ],
    [
      'a notification without event',
      { ...telephonyNotification(), event: undefined },
      'body.event must be a non-empty string but is missing',
    ],
    [
      'a notification without body',
      { ...telephonyNotification(), body: undefined },
      'body.body must be an object but is missing',
    ],
    [
      'a notification with a string body',
      { ...telephonyNotification(), body: 'x' },
      'body.body must be an object but is a string',
    ],
    [
      'a numeric uuid',
      { ...telephonyNotification(), uuid: 4654793329359724 },
      'body.uuid must be a non-empty string but is a number',
    ],
  ])('rejects %s', (_name, body, reason) => {
    const clean: unknown =
      body === undefined || typeof body !== 'object' ? body : JSON.parse(JSON.stringify(body));
    expect(reasonOf(() => parseRingCentralNotification(clean))).toBe(reason);
  });

  it('accepts an envelope without timestamp, subscriptionId and ownerId', () => {
    const body = telephonyNotification({
      envelope: { subscriptionId: undefined, ownerId: undefined, timestamp: undefined },
    });
    expect(parseRingCentralNotification(body)).toMatchObject({
      kind: 'telephony',
      subscriptionId: undefined,
    });
  });
});
