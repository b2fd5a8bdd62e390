import type { RealtimeEvent } from '@ccp/contracts';
import { describe, expect, it } from 'vitest';

import { anAgent } from '../../testing/agent.factory';
import { summarizeEvent } from './live-event.summary';

describe('summarizeEvent', () => {
  it('shows an announcement with its author', () => {
    const event: RealtimeEvent = {
      id: 1,
      type: 'announcement:created',
      at: '2025-01-01T12:00:00.000Z',
      data: {
        id: 'a1',
        text: 'Queue is long, all hands please',
        authorId: 'u1',
        authorName: 'Sam Supervisor',
        createdAt: '2025-01-01T12:00:00.000Z',
      },
    };
    expect(summarizeEvent(event)).toBe('Sam Supervisor: Queue is long, all hands please');
  });

  it('says who changed status and why', () => {
    const event: RealtimeEvent = {
      id: 3,
      type: 'agent:status_changed',
      at: '2025-01-01T12:00:00.000Z',
      data: anAgent({ status: 'busy', statusReason: 'on_call' }),
    };
    expect(summarizeEvent(event)).toBe('Alex Agent is Busy (on a call)');
    expect(summarizeEvent({ ...event, data: anAgent({ status: 'available' }) })).toBe(
      'Alex Agent is Available',
    );
  });

  it('names the caller of a missed call', () => {
    const call = {
      id: 'c1',
      type: 'call',
      platform: 'ringcentral',
      status: 'missed',
      externalId: 's-1',
      chatId: null,
      customerId: null,
      agentId: null,
      agentIds: [],
      startedAt: null,
      endedAt: null,
      tags: [],
      csat: null,
      csatComment: null,
      call: {
        direction: 'Inbound',
        fromNumber: '+14083388064',
        fromName: null,
        toNumber: null,
        toName: null,
        missed: true,
        answeredAt: null,
        durationSeconds: 31,
        talkSeconds: null,
        result: null,
        recordingUrl: null,
      },
      createdAt: '2025-01-01T12:00:00.000Z',
      updatedAt: '2025-01-01T12:00:00.000Z',
    } as const;
    const event: RealtimeEvent = {
      id: 2,
      type: 'call:ended',
      at: '2025-01-01T12:00:00.000Z',
      data: { ...call, agentIds: [], tags: [] },
    };
    expect(summarizeEvent(event)).toBe('Call from +14083388064 missed');
  });
});
