import { describe, expect, it } from 'vitest';
import {
  agentParty,
  pstnCallerParty,
  presenceNotification,
  subscriptionReminderNotification,
  telephonyNotification,
} from '@ccp/server-testing';
import { parseRingCentralNotification } from './ringcentral-notification';
import { ringCentralEventKey } from './ringcentral-event-key';

function keyOf(body: unknown): string {
  return ringCentralEventKey(parseRingCentralNotification(body));
}

const HASH = '[0-9a-f]{24}';

describe('ringCentralEventKey', () => {
  it('telephony: session, sequence and a hash of the party ids', () => {
    expect(keyOf(telephonyNotification())).toMatch(
      new RegExp(`^ringcentral:telephony:s-718107795d564867a6f635fd81e89940:4:${HASH}$`),
    );
  });

  it('telephony: the same change is one key across redeliveries and subscriptions (other uuid, event path)', () => {
    const first = keyOf(telephonyNotification());
    const viaOtherSubscription = keyOf(
      telephonyNotification({
        envelope: {
          uuid: '4654793329359724763',
          subscriptionId: '0a1b2c3d-0000-4000-8000-000000000000',
          event: '/restapi/v1.0/account/809646016/extension/62242421016/telephony/sessions',
        },
      }),
    );
    expect(viaOtherSubscription).toBe(first);
    expect(keyOf(telephonyNotification())).toBe(first);
  });

  it('telephony: party order does not matter; other sequences and parties do', () => {
    const both = keyOf(telephonyNotification({ parties: [agentParty(), pstnCallerParty()] }));
    expect(keyOf(telephonyNotification({ parties: [pstnCallerParty(), agentParty()] }))).toBe(both);
    const keys = [
      both,
      keyOf(telephonyNotification()),
      keyOf(telephonyNotification({ parties: [pstnCallerParty()] })),
      keyOf(telephonyNotification({ body: { sequence: 5 } })),
      keyOf(telephonyNotification({ body: { telephonySessionId: 's-other' } })),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('presence: an extensionId sent as a number or a string gives the same key', () => {
    const asString = keyOf(presenceNotification());
    const asNumber = keyOf(presenceNotification({ body: { extensionId: 62242421016 } }));
    expect(asString).toBe('ringcentral:presence:62242421016:2698');
    expect(asNumber).toBe(asString);
    expect(keyOf(presenceNotification({ body: { sequence: 2699 } }))).toBe(
      'ringcentral:presence:62242421016:2699',
    );
  });

  it('presence: without extensionId in the body, the event path provides it', () => {
    expect(keyOf(presenceNotification({ body: { extensionId: undefined } }))).toBe(
      'ringcentral:presence:62242421016:2698',
    );
  });

  it('reminders and other notifications are keyed by uuid', () => {
    expect(keyOf(subscriptionReminderNotification())).toBe(
      'ringcentral:subscription_reminder:7f0f3c2e-5b1d-4e8a-9c6b-2d4e6f8a0b1c',
    );
    const other = telephonyNotification({
      envelope: { event: `/restapi/v1.0/account/809646016/extension/1/message-store`, uuid: 'u-1' },
    });
    expect(keyOf(other)).toBe('ringcentral:other:u-1');
  });

  it('falls back to the uuid instead of throwing when the body lacks its ids', () => {
    expect(keyOf(telephonyNotification({ body: { telephonySessionId: undefined } }))).toBe(
      'ringcentral:telephony:6211462813750803130',
    );
    expect(keyOf(presenceNotification({ body: { sequence: '2698' } }))).toBe(
      'ringcentral:presence:045b81dc-9f73-4864-84de-08aa6324a7f5',
    );
  });
});
