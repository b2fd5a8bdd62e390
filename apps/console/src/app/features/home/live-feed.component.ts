import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RealtimeEvent } from '@ccp/contracts';

import { summarizeEvent } from './live-event.summary';

@Component({
  selector: 'ccp-live-feed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <ul class="feed" role="list" aria-label="Live events">
      @for (item of items(); track item.id) {
        <li class="item" role="listitem" [attr.data-event-id]="item.id">
          <div class="meta">
            <span class="type">{{ item.type }}</span>
            <time [attr.datetime]="item.at">{{ item.at | date: 'mediumTime' }}</time>
          </div>
          <p class="summary">{{ item.summary }}</p>
        </li>
      }
    </ul>
    @if (items().length === 0) {
      <p class="empty">No events yet. New ones appear here as they happen.</p>
    }
  `,
  styles: `
    .feed {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .item {
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .meta {
      display: flex;
      gap: 12px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .type {
      font-family: monospace;
    }
    .summary {
      margin: 4px 0 0;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LiveFeedComponent {
  /** Newest first. */
  readonly events = input.required<readonly RealtimeEvent[]>();

  protected readonly items = computed(() =>
    this.events().map((event) => ({
      id: event.id,
      type: event.type,
      at: event.at,
      summary: summarizeEvent(event),
    })),
  );
}
