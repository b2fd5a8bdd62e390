import { describe, expect, it } from 'vitest';
import type { AddressedEvent } from './event-log.repository';
import { RecentEventsBuffer } from './recent-events.buffer';

const event = (id: number, audience: string[]): AddressedEvent => ({
  id,
  type: 'announcement:created',
  at: new Date(0).toISOString(),
  data: { id: String(id), text: '', authorId: '', authorName: '', createdAt: '' },
  audience,
});

describe('RecentEventsBuffer', () => {
  it('returns missed events for the rooms, after the id, not already sent, in id order', () => {
    const buffer = new RecentEventsBuffer(10);
    [
      event(5, ['all']),
      event(3, ['all']),
      event(4, ['supervisors']),
      event(6, ['all']),
      event(2, ['all']),
    ].forEach((e) => buffer.add(e));
    const missed = buffer.missedBy(['all'], 2, new Set([6]));
    expect(missed.map((e) => e.id)).toEqual([3, 5]);
  });

  it('keeps only the newest events up to its capacity', () => {
    const buffer = new RecentEventsBuffer(2);
    [1, 2, 3].forEach((id) => buffer.add(event(id, ['all'])));
    expect(buffer.missedBy(['all'], 0, new Set()).map((e) => e.id)).toEqual([2, 3]);
  });
});
