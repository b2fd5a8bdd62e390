import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID,
  activeCall,
  AGENT_EXTENSION_ID,
  agentParty,
  presenceNotification,
  pstnCallerParty,
  SUBSCRIPTION_ID,
  subscriptionReminderNotification,
  telephonyNotification,
  TELEPHONY_SESSION_ID,
} from '@ccp/server-testing';
import type { DomainEvent } from './domain-events';
import { reasonOf } from './fixtures/invalid-webhook.reason';
import { parseRingCentralNotification } from './ringcentral-notification';
import { normalizeRingCentral } from './ringcentral.normalizer';

function normalize(body: unknown): DomainEvent[] {
  return normalizeRingCentral(parseRingCentralNotification(body));
}

describe('normalizeRingCentral: telephony', () => {
  it('one party: the answered agent leg of the doc example', () => {
    expect(normalize(telephonyNotification())).toEqual([
      {
        type: 'call.party_updated',
        telephonySessionId: TELEPHONY_SESSION_ID,
        sessionId: '429180487016',
        sequence: 4,
        eventTime: '2025-05-12T14:05:43.964Z',
        origin: 'Call',
        party: {
          id: 'p-718107795d564867a6f635fd81e89940-2',
          extensionId: AGENT_EXTENSION_ID,
          accountId: ACCOUNT_ID,
          direction: 'Inbound',
          from: { phoneNumber: '+14083388064', name: 'JANE CALLER' },
          to: { phoneNumber: '+18003151571', name: 'Support Agent 1', extensionId: AGENT_EXTENSION_ID },
          status: { code: 'Answered' },
          missedCall: false,
          queueCall: true,
          standAlone: false,
          muted: false,
        },
      },
    ]);
  });

  it('several parties: one event each, in order; the PSTN party has no extensionId', () => {
    const events = normalize(
      telephonyNotification({
        envelope: { event: `/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions` },
        parties: [pstnCallerParty(), agentParty({ status: { code: 'Setup', rcc: false } })],
      }),
    );
    expect(events).toHaveLength(2);
    expect(events.map((event) => (event.type === 'call.party_updated' ? event.party.id : ''))).toEqual([
      'p-718107795d564867a6f635fd81e89940-1',
      'p-718107795d564867a6f635fd81e89940-2',
    ]);
    const caller = events[0];
    expect(caller?.type === 'call.party_updated' && caller.party).toMatchObject({
      direction: 'Outbound',
      status: { code: 'Setup' },
      from: { phoneNumber: '+14083388064' },
    });
    expect(caller?.type === 'call.party_updated' && caller.party.extensionId).toBeUndefined();
  });

  it('keeps unknown status codes and reasons, and the missed-call flag', () => {
    const [gone, missed] = normalize(
      telephonyNotification({
        parties: [
          agentParty({
            status: {
              code: 'Gone',
              reason: 'Conference',
              peerId: { sessionId: '0', telephonySessionId: 's-abc', partyId: 'p-abc-1' },
            },
          }),
          agentParty({
            id: 'p-718107795d564867a6f635fd81e89940-3',
            status: { code: 'SomethingNew', reason: 'Undefined', description: 'new in 2027' },
            missedCall: true,
            recordings: [{ id: '1662272004', active: true }],
          }),
        ],
      }),
    );
    expect(gone).toMatchObject({
      party: {
        status: {
          code: 'Gone',
          reason: 'Conference',
          peerId: { sessionId: '0', telephonySessionId: 's-abc', partyId: 'p-abc-1' },
        },
      },
    });
    expect(missed).toMatchObject({
      party: {
        status: { code: 'SomethingNew', reason: 'Undefined', description: 'new in 2027' },
        missedCall: true,
        recordings: [{ id: '1662272004', active: true }],
      },
    });
  });

  it('the missed-call variant (Disconnected, Timeout)', () => {
    const [event] = normalize(
      telephonyNotification({
        body: { sequence: 11 },
        parties: [agentParty({ status: { code: 'Disconnected', reason: 'Timeout' }, missedCall: true })],
      }),
    );
    expect(event).toMatchObject({
      sequence: 11,
      party: { status: { code: 'Disconnected', reason: 'Timeout' }, missedCall: true },
    });
  });

  it.each([
    ['parties missing', { body: { parties: undefined } }, /body\.parties must be an array but is missing/],
    ['sequence a string', { body: { sequence: '4' } }, /body\.sequence must be an integer but is a string/],
    ['eventTime missing', { body: { eventTime: undefined } }, /body\.eventTime must be a non-empty string/],
    [
      'party without status',
      { parties: [agentParty({ status: undefined })] },
      /body\.parties\[0\]\.status must be an object/,
    ],
    [
      'party with odd direction',
      { parties: [agentParty({ direction: 'Sideways' })] },
      /body\.parties\[0\]\.direction must be Inbound or Outbound/,
    ],
  ])('%s → InvalidWebhookError', (_name, overrides, reason) => {
    expect(reasonOf(() => normalize(telephonyNotification(overrides)))).toMatch(reason);
  });
});

describe('normalizeRingCentral: presence', () => {
  const expected = {
    type: 'agent.phone_presence',
    extensionId: AGENT_EXTENSION_ID,
    sequence: 2698,
    presenceStatus: 'Busy',
    userStatus: 'Available',
    telephonyStatus: 'CallConnected',
    dndStatus: 'TakeAllCalls',
    meetingStatus: 'Disconnected',
    totalActiveCalls: 1,
    activeCalls: [
      {
        id: '39247ebfdc324e3b96d7519672aec3e4',
        telephonySessionId: TELEPHONY_SESSION_ID,
        sessionId: '429180487016',
        partyId: 'p-718107795d564867a6f635fd81e89940-2',
        direction: 'Inbound',
        telephonyStatus: 'CallConnected',
        from: '+14083388064',
        fromName: 'JANE CALLER',
        to: '+18003151571',
        queueCall: true,
        startTime: '2025-05-12T14:05:40.322Z',
      },
    ],
  };

  it('the doc example', () => {
    expect(normalize(presenceNotification())).toEqual([expected]);
  });

  it('an extensionId sent as a number becomes the same string', () => {
    expect(normalize(presenceNotification({ body: { extensionId: 62242421016 } }))).toEqual([expected]);
  });

  it('telephonyStatus and activeCalls may be absent', () => {
    const [event] = normalize(
      presenceNotification({
        body: { telephonyStatus: undefined, activeCalls: undefined, totalActiveCalls: 0 },
      }),
    );
    expect(event).toMatchObject({ type: 'agent.phone_presence', activeCalls: [], totalActiveCalls: 0 });
    expect(event?.type === 'agent.phone_presence' && event.telephonyStatus).toBeUndefined();
  });

  it('rejects a presence without sequence, or with a malformed active call', () => {
    expect(reasonOf(() => normalize(presenceNotification({ body: { sequence: undefined } })))).toBe(
      'ringcentral presence: body.sequence must be an integer but is missing',
    );
    expect(
      reasonOf(() =>
        normalize(presenceNotification({ body: { activeCalls: [activeCall({ from: 14083388064 })] } })),
      ),
    ).toMatch(/body\.activeCalls\[0\]\.from must be a string but is a number/);
  });
});

describe('normalizeRingCentral: other kinds', () => {
  it('a subscription reminder asks for renewal of the envelope subscription', () => {
    expect(normalize(subscriptionReminderNotification())).toEqual([
      { type: 'subscription.expiring', subscriptionId: SUBSCRIPTION_ID },
    ]);
  });

  it('a reminder without envelope subscriptionId uses the id in its event path', () => {
    const body = subscriptionReminderNotification({
      envelope: {
        subscriptionId: undefined,
        event: '/restapi/v1.0/subscription/abc-123?threshold=60&interval=15',
      },
    });
    expect(normalize(body)).toEqual([{ type: 'subscription.expiring', subscriptionId: 'abc-123' }]);
  });

  it('other notifications produce no events', () => {
    const body = telephonyNotification({
      envelope: { event: '/restapi/v1.0/account/809646016/extension/62242421016/message-store' },
    });
    expect(normalize(body)).toEqual([]);
  });
});
