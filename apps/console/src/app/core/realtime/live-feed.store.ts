import { Injectable, signal } from '@angular/core';
import type { RealtimeEvent } from '@ccp/contracts';

import { mergeIntoFeed } from './live-feed.merge';

/** Enough history to read back over a shift's busy minutes without the page growing without bound. */
const LIVE_FEED_CAPACITY = 200;

/** The newest realtime events, newest first, for the live feed. */
@Injectable({ providedIn: 'root' })
export class LiveFeedStore {
  private readonly state = signal<readonly RealtimeEvent[]>([]);

  readonly events = this.state.asReadonly();

  add(event: RealtimeEvent): void {
    this.state.update((events) => mergeIntoFeed(events, event, LIVE_FEED_CAPACITY));
  }

  clear(): void {
    this.state.set([]);
  }
}
