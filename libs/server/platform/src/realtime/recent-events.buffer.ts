import type { AddressedEvent } from './event-log.repository';

/**
 * The last few live events this process delivered. A socket that is replaying from the database
 * misses live broadcasts (it sits in the `replaying` room); afterwards it is sent whatever it
 * missed from here, minus what the replay already contained.
 */
export class RecentEventsBuffer {
  private readonly events: AddressedEvent[] = [];

  constructor(private readonly capacity: number) {}

  add(event: AddressedEvent): void {
    this.events.push(event);
    if (this.events.length > this.capacity) this.events.shift();
  }

  missedBy(rooms: string[], afterId: number, alreadySent: ReadonlySet<number>): AddressedEvent[] {
    return this.events
      .filter(
        (event) =>
          event.id > afterId &&
          !alreadySent.has(event.id) &&
          event.audience.some((room) => rooms.includes(room)),
      )
      .sort((a, b) => a.id - b.id);
  }
}
