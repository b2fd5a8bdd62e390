import { describe, expect, it } from 'vitest';
import { deriveCallState, type PartyStatusChange } from './call-state';

const CALLER = '+14083388064';
const MAIN_NUMBER = '+18003151571';

function change(
  sequence: number,
  partyId: string,
  status: string,
  overrides: Partial<PartyStatusChange> = {},
): PartyStatusChange {
  const agentLeg = partyId === 'agent';
  return {
    partyId,
    sequence,
    eventTime: new Date(Date.UTC(2025, 4, 12, 14, 5, sequence * 10)),
    status,
    direction: partyId === 'caller' ? 'Outbound' : 'Inbound',
    extensionId: agentLeg ? '62242421016' : null,
    agentId: agentLeg ? 'agent-1' : null,
    fromNumber: CALLER,
    fromName: 'JANE CALLER',
    toNumber: MAIN_NUMBER,
    toName: agentLeg ? 'Support Agent 1' : null,
    missedCall: false,
    ...overrides,
  };
}

/** The PSTN → IVR → agent capture from the vendor doc (§2.4), sequences 2…12. */
const answeredCall = [
  change(2, 'caller', 'Setup'),
  change(3, 'ivr', 'Setup'),
  change(4, 'caller', 'Answered'),
  change(5, 'ivr', 'Disconnected'),
  change(6, 'agent', 'Setup'),
  change(7, 'agent', 'Proceeding'),
  change(8, 'agent', 'Answered'),
  change(9, 'agent', 'Hold'),
  change(10, 'agent', 'Answered'),
  change(11, 'agent', 'Disconnected'),
  change(12, 'caller', 'Disconnected'),
];

describe('deriveCallState', () => {
  it('derives an answered inbound call from the vendor capture', () => {
    const state = deriveCallState(answeredCall);
    expect(state).toMatchObject({
      status: 'ended',
      direction: 'Inbound',
      fromNumber: CALLER,
      toNumber: MAIN_NUMBER,
      missed: false,
      agentId: 'agent-1',
      agentIds: ['agent-1'],
      durationSeconds: 100,
      talkSeconds: 40,
    });
    expect(state.answeredAt?.toISOString()).toBe('2025-05-12T14:06:20.000Z');
    expect(state.endedAt?.toISOString()).toBe('2025-05-12T14:07:00.000Z');
  });

  it('gives the same state for any delivery order and duplicates', () => {
    const expected = deriveCallState(answeredCall);
    const reversed = [...answeredCall].reverse();
    const duplicated = [...answeredCall, ...answeredCall.slice(3, 7)];
    expect(deriveCallState(reversed)).toEqual(expected);
    expect(deriveCallState(duplicated)).toEqual(expected);
  });

  it('does not end the call when only the IVR leg has disconnected', () => {
    const state = deriveCallState(answeredCall.slice(0, 4));
    expect(state.status).toBe('queued');
    expect(state.endedAt).toBeNull();
  });

  it('is active once an agent answers, including on hold', () => {
    expect(deriveCallState(answeredCall.slice(0, 8)).status).toBe('active');
  });

  it('reports a call that was never answered by an agent as missed', () => {
    const state = deriveCallState([
      change(2, 'caller', 'Setup'),
      change(3, 'agent', 'Proceeding'),
      change(4, 'agent', 'Disconnected', { missedCall: true }),
      change(5, 'caller', 'Disconnected'),
    ]);
    expect(state).toMatchObject({ status: 'missed', missed: true, answeredAt: null, talkSeconds: null });
    expect(state.agentId).toBe('agent-1');
  });

  it('does not report a queue call as missed when the agent it rang first let it ring out but another answered', () => {
    const second = { extensionId: '62242421017', agentId: 'agent-2', toName: 'Support Agent 2' };
    const state = deriveCallState([
      change(2, 'caller', 'Setup'),
      change(3, 'agent', 'Proceeding'),
      change(4, 'agent', 'Disconnected', { missedCall: true }),
      change(5, 'agent-2', 'Proceeding', second),
      change(6, 'agent-2', 'Answered', second),
      change(7, 'agent-2', 'Disconnected', second),
      change(8, 'caller', 'Disconnected'),
    ]);
    expect(state).toMatchObject({ status: 'ended', missed: false, agentId: 'agent-2' });
    expect(state.agentIds).toEqual(['agent-1', 'agent-2']);
  });

  it('keeps the call open while a known party has not left, even if a later one has', () => {
    const state = deriveCallState([
      change(11, 'agent', 'Disconnected'),
      change(8, 'agent', 'Answered'),
      change(4, 'caller', 'Answered'),
    ]);
    expect(state.status).toBe('active');
    expect(state.endedAt).toBeNull();
  });

  it('takes the direction of an outbound call from the agent leg', () => {
    const state = deriveCallState([
      change(2, 'agent', 'Setup', { direction: 'Outbound', fromNumber: MAIN_NUMBER, toNumber: CALLER }),
    ]);
    expect(state.direction).toBe('Outbound');
    expect(state.toNumber).toBe(CALLER);
  });

  it('is queued with nothing known', () => {
    expect(deriveCallState([])).toMatchObject({ status: 'queued', direction: null, startedAt: null });
  });
});
