import { describe, expect, it } from 'vitest';

import { RecentEventIds } from './recent-event-ids';

describe('RecentEventIds', () => {
  it('applies each id once', () => {
    const ids = new RecentEventIds(10);
    expect(ids.markApplied(1)).toBe(true);
    expect(ids.markApplied(2)).toBe(true);
    expect(ids.markApplied(1)).toBe(false);
    expect(ids.markApplied(2)).toBe(false);
  });

  it('applies an event that arrives after a newer one', () => {
    const ids = new RecentEventIds(10);
    expect(ids.markApplied(5)).toBe(true);
    expect(ids.markApplied(4)).toBe(true);
    expect(ids.markApplied(4)).toBe(false);
  });

  it('treats everything up to the resume point as applied', () => {
    const ids = new RecentEventIds(10, 7);
    expect(ids.markApplied(7)).toBe(false);
    expect(ids.markApplied(3)).toBe(false);
    expect(ids.markApplied(8)).toBe(true);
  });

  it('stays bounded and still refuses ids it had to forget', () => {
    const ids = new RecentEventIds(3);
    for (const id of [1, 2, 3, 4, 5]) {
      expect(ids.markApplied(id)).toBe(true);
    }
    expect(ids.markApplied(1)).toBe(false);
    expect(ids.markApplied(2)).toBe(false);
    expect(ids.markApplied(5)).toBe(false);
    expect(ids.markApplied(6)).toBe(true);
  });

  it('forgets everything on reset', () => {
    const ids = new RecentEventIds(3, 9);
    ids.markApplied(10);
    ids.reset();
    expect(ids.markApplied(9)).toBe(true);
    expect(ids.markApplied(10)).toBe(true);
  });
});
