import type { Agent } from '@ccp/contracts';
import { describe, expect, it } from 'vitest';

import { anAgent } from '../../testing/agent.factory';
import {
  type AgentsById,
  type TrackedAgent,
  applyAgentEvent,
  applyAgentEventTo,
  applyAgentSnapshot,
  applyAgentsSnapshot,
  highestEventId,
} from './agents.merge';

const EARLIER = '2025-01-01T12:00:00.000Z';
const LATER = '2025-01-01T12:05:00.000Z';

const tracked = (eventId: number | null, since = EARLIER, openChats = 0): TrackedAgent => ({
  agent: anAgent({ statusSince: since, openChats }),
  eventId,
});

const storeOf = (...entries: TrackedAgent[]): AgentsById =>
  new Map(entries.map((entry) => [entry.agent.id, entry]));

describe('applyAgentEvent', () => {
  it('takes the first event for an agent', () => {
    expect(applyAgentEvent(undefined, anAgent(), 4)).toEqual({ agent: anAgent(), eventId: 4 });
  });

  it('takes a later status over an earlier one, whatever the event ids', () => {
    const busy = anAgent({ status: 'busy', statusSince: LATER });
    expect(applyAgentEvent(tracked(9), busy, 3)).toEqual({ agent: busy, eventId: 3 });
  });

  it('keeps a later status when an event about an earlier one arrives late', () => {
    const current = tracked(3, LATER);
    expect(applyAgentEvent(current, anAgent({ status: 'away' }), 9)).toBe(current);
  });

  it('breaks a tie in statusSince by event id', () => {
    const current = tracked(5);
    const twoChats = anAgent({ openChats: 2 });
    expect(applyAgentEvent(current, twoChats, 6)).toEqual({ agent: twoChats, eventId: 6 });
    expect(applyAgentEvent(current, twoChats, 4)).toBe(current);
    expect(applyAgentEvent(current, twoChats, 5)).toBe(current);
  });

  it('lets an event win a tie over a snapshot nothing vouches for', () => {
    const twoChats = anAgent({ openChats: 2 });
    expect(applyAgentEvent(tracked(null), twoChats, 1)).toEqual({ agent: twoChats, eventId: 1 });
  });

  it('compares instants, not their spelling', () => {
    const current = tracked(5, '2025-01-01T12:00:00Z');
    expect(applyAgentEvent(current, anAgent({ statusSince: '2025-01-01T12:00:00.000Z' }), 4)).toBe(current);
  });
});

describe('applyAgentSnapshot', () => {
  it('wins a tie over events applied before the request, and carries the watermark', () => {
    const twoChats = anAgent({ openChats: 2 });
    expect(applyAgentSnapshot(tracked(7), twoChats, 7)).toEqual({ agent: twoChats, eventId: 7 });
  });

  it('loses a tie to an event applied while the request was under way', () => {
    const current = tracked(8, EARLIER, 2);
    expect(applyAgentSnapshot(current, anAgent({ openChats: 1 }), 7)).toBe(current);
  });

  it('keeps a later status than the snapshot has', () => {
    const current = tracked(2, LATER);
    expect(applyAgentSnapshot(current, anAgent(), 7)).toBe(current);
  });

  it('takes a later status than the store has', () => {
    const busy = anAgent({ status: 'busy', statusSince: LATER });
    expect(applyAgentSnapshot(tracked(8), busy, 7)).toEqual({ agent: busy, eventId: 7 });
  });
});

describe('applyAgentEventTo', () => {
  it('returns the same store when the event is not newer', () => {
    const store = storeOf(tracked(5, LATER));
    expect(applyAgentEventTo(store, anAgent(), 9)).toBe(store);
  });

  it('adds an agent the store did not know and leaves the original store untouched', () => {
    const store = storeOf(tracked(5));
    const newcomer = anAgent({ id: 'agent-2', name: 'Blake' });
    const next = applyAgentEventTo(store, newcomer, 6);
    expect(next.get('agent-2')).toEqual({ agent: newcomer, eventId: 6 });
    expect(store.has('agent-2')).toBe(false);
  });

  it('drops the unmapped placeholders an admin folded into the agent, and keeps mapped agents', () => {
    const placeholder = (id: string, ids: Partial<Agent>): TrackedAgent => ({
      agent: anAgent({ id, mapped: false, livechatAgentId: null, ringcentralExtensionId: null, ...ids }),
      eventId: 2,
    });
    const store = storeOf(
      placeholder('chat-side', { livechatAgentId: 'dana@example.com' }),
      placeholder('phone-side', { ringcentralExtensionId: '777' }),
      placeholder('someone-else', { ringcentralExtensionId: '888' }),
      { agent: anAgent({ id: 'stale-mapped', ringcentralExtensionId: '777' }), eventId: 1 },
    );
    const merged = anAgent({
      id: 'chat-side',
      livechatAgentId: 'dana@example.com',
      ringcentralExtensionId: '777',
      statusSince: LATER,
    });
    const next = applyAgentEventTo(store, merged, 7);
    expect([...next.keys()].sort()).toEqual(['chat-side', 'someone-else', 'stale-mapped']);
    expect(next.get('chat-side')?.agent).toBe(merged);
  });
});

describe('applyAgentsSnapshot', () => {
  it('fills an empty store', () => {
    const next = applyAgentsSnapshot(new Map(), [anAgent(), anAgent({ id: 'agent-2' })], null);
    expect([...next.keys()]).toEqual(['agent-1', 'agent-2']);
    expect(next.get('agent-1')?.eventId).toBeNull();
  });

  it('drops agents the listing no longer has', () => {
    const store = storeOf(tracked(3), { agent: anAgent({ id: 'gone' }), eventId: 2 });
    expect([...applyAgentsSnapshot(store, [anAgent()], 3).keys()]).toEqual(['agent-1']);
  });

  it('keeps an agent that an event brought in while the request was under way', () => {
    const newcomer: TrackedAgent = { agent: anAgent({ id: 'new' }), eventId: 4 };
    const next = applyAgentsSnapshot(storeOf(tracked(3), newcomer), [anAgent()], 3);
    expect(next.get('new')).toBe(newcomer);
  });

  it('resolves an agent listed twice like any other tie', () => {
    const next = applyAgentsSnapshot(new Map(), [anAgent(), anAgent({ openChats: 1 })], 2);
    expect(next.get('agent-1')?.agent.openChats).toBe(1);
  });
});

describe('highestEventId', () => {
  it('is null for a store no event vouches for', () => {
    expect(highestEventId(new Map())).toBeNull();
    expect(highestEventId(storeOf(tracked(null)))).toBeNull();
  });

  it('is the newest event id held', () => {
    const store = storeOf(
      tracked(3),
      { agent: anAgent({ id: 'agent-2' }), eventId: 8 },
      {
        agent: anAgent({ id: 'agent-3' }),
        eventId: null,
      },
    );
    expect(highestEventId(store)).toBe(8);
  });
});
