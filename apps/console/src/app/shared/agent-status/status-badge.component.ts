import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { StatusReason, UnifiedStatus } from '@ccp/contracts';

import { STATUS_LABELS, reasonLabel } from './agent-status.labels';

/** A unified status as a coloured dot with its name and reason: the colour is never the only signal. */
@Component({
  selector: 'ccp-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Inline rather than flex, so the badge reads as one line of text ("Busy · on a call") to screen
  // readers and tests alike.
  template: `
    <span class="dot" aria-hidden="true" [attr.data-tone]="status()"></span>
    <span class="label">{{ label() }}</span>
    @if (reason(); as why) {
      <span class="reason"> · {{ why }}</span>
    }
  `,
  styles: `
    :host {
      white-space: nowrap;
    }
    .dot {
      display: inline-block;
      width: 10px;
      height: 10px;
      margin-inline-end: 6px;
      border-radius: 50%;
      vertical-align: middle;
    }
    [data-tone='available'] {
      background: #2e7d32;
    }
    [data-tone='busy'] {
      background: #c62828;
    }
    [data-tone='away'] {
      background: #f9a825;
    }
    [data-tone='offline'] {
      background: #9e9e9e;
    }
    .label {
      font-weight: 500;
    }
    .reason {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class StatusBadgeComponent {
  readonly status = input.required<UnifiedStatus>();
  readonly statusReason = input<StatusReason | null>(null);

  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly reason = computed(() => reasonLabel(this.statusReason()));
}
