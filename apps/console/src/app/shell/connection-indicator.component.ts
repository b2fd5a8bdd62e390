import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import type { ConnectionState } from '../core/realtime/connection-state';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

@Component({
  selector: 'ccp-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="indicator" role="status" aria-label="Connection status" [attr.data-state]="state()">
      <span class="dot" aria-hidden="true"></span><span>{{ label() }}</span>
    </span>
  `,
  styles: `
    .indicator {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-large);
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: #9e9e9e;
    }
    [data-state='connected'] .dot {
      background: #2e7d32;
    }
    [data-state='reconnecting'] .dot {
      background: #f9a825;
    }
  `,
})
export class ConnectionIndicatorComponent {
  readonly state = input.required<ConnectionState>();

  protected readonly label = computed(() => LABELS[this.state()]);
}
