import type { RealtimeEvent } from '@ccp/contracts';
import { describe, expect, it } from 'vitest';

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
});
