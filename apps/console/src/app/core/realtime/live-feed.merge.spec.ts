import type { RealtimeEvent } from '@ccp/contracts';
import { describe, expect, it } from 'vitest';

import { mergeIntoFeed } from './live-feed.merge';

function announcementEvent(id: number): RealtimeEvent {
  return {
    id,
    type: 'announcement:created',
    at: new Date(Date.UTC(2025, 0, 1, 12, 0, id)).toISOString(),
    data: {
      id: `a${id}`,
      text: `Announcement ${id}`,
      authorId: 'u1',
      authorName: 'Sam Supervisor',
      createdAt: '2025-01-01T12:00:00.000Z',
    },
  };
}

const ids = (events: readonly RealtimeEvent[]): number[] => events.map((event) => event.id);

describe('mergeIntoFeed', () => {
  it('puts the newest event first', () => {
    const feed = [1, 2, 3].reduce<readonly RealtimeEvent[]>(
      (events, id) => mergeIntoFeed(events, announcementEvent(id), 10),
      [],
    );
    expect(ids(feed)).toEqual([3, 2, 1]);
  });

  it('places a late event by id, not by arrival', () => {
    const feed = [5, 3, 4].reduce<readonly RealtimeEvent[]>(
      (events, id) => mergeIntoFeed(events, announcementEvent(id), 10),
      [],
    );
    expect(ids(feed)).toEqual([5, 4, 3]);
  });

  it('keeps only the newest events up to the capacity', () => {
    const feed = [1, 2, 3, 4].reduce<readonly RealtimeEvent[]>(
      (events, id) => mergeIntoFeed(events, announcementEvent(id), 3),
      [],
    );
    expect(ids(feed)).toEqual([4, 3, 2]);
    expect(ids(mergeIntoFeed(feed, announcementEvent(1), 3))).toEqual([4, 3, 2]);
  });

  it('leaves the original list untouched', () => {
    const original: readonly RealtimeEvent[] = [announcementEvent(1)];
    mergeIntoFeed(original, announcementEvent(2), 10);
    expect(ids(original)).toEqual([1]);
  });
});
