/**
 * Which realtime event ids were already applied, so a replay overlapping live delivery never shows an
 * event twice. Ids can arrive slightly out of order, so a high-water mark alone would drop late events;
 * instead the most recent ids are kept in a bounded set, and every id at or below the newest one the set
 * had to forget (the floor) counts as applied.
 */
export class RecentEventIds {
  private readonly ids = new Set<number>();
  private floor: number;

  /** @param appliedUpTo the resume point kept across a reload: the server replays only what follows it. */
  constructor(
    private readonly capacity: number,
    appliedUpTo?: number,
  ) {
    this.floor = appliedUpTo ?? Number.NEGATIVE_INFINITY;
  }

  /** Records the id and reports whether it is new, i.e. whether the event should be applied. */
  markApplied(id: number): boolean {
    if (id <= this.floor || this.ids.has(id)) {
      return false;
    }
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) {
        this.ids.delete(oldest);
        this.floor = Math.max(this.floor, oldest);
      }
    }
    return true;
  }

  reset(): void {
    this.ids.clear();
    this.floor = Number.NEGATIVE_INFINITY;
  }
}
