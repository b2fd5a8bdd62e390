import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { StatusBadgeComponent } from '../../shared/agent-status/status-badge.component';
import type { BoardRow } from './board.view';
import { TimeInStatePipe } from './time-in-state.pipe';

/** The empty-state cell spans every column. */
const COLUMN_COUNT = 7;

const agentCount = (count: number): string => (count === 1 ? '1 agent' : `${count} agents`);

@Component({
  selector: 'ccp-agent-board-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusBadgeComponent, TimeInStatePipe],
  template: `
    <table class="board" aria-label="Agent board" [attr.aria-busy]="loading()">
      <caption>
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Team</th>
          <th scope="col">Status</th>
          <th scope="col">Chat</th>
          <th scope="col">Phone</th>
          <th scope="col">Time in status</th>
          <th scope="col">Open chats</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.id) {
          <tr [attr.aria-label]="row.name" [attr.data-agent-id]="row.id">
            <th scope="row" data-column="name">
              {{ row.name }}
              @if (!row.mapped) {
                <span class="unmapped" title="Created from a vendor id no person is linked to yet"
                  >unmapped</span
                >
              }
            </th>
            <td data-column="team">{{ row.team }}</td>
            <td data-column="status" [attr.data-status]="row.status" [attr.data-reason]="row.statusReason">
              <ccp-status-badge [status]="row.status" [statusReason]="row.statusReason" />
            </td>
            <td data-column="chat" [attr.data-chat-status]="row.chatStatus">{{ row.chat }}</td>
            <td
              data-column="phone"
              [attr.data-telephony-status]="row.telephonyStatus"
              [attr.data-dnd-status]="row.dndStatus"
            >
              {{ row.phone }}
            </td>
            <td data-column="time">
              <time [attr.datetime]="row.statusSince">{{ row.statusSince | timeInState: now() }}</time>
            </td>
            <td data-column="capacity" class="number" [class.full]="row.atCapacity">{{ row.capacity }}</td>
          </tr>
        } @empty {
          <tr>
            <td class="empty" [attr.colspan]="columnCount">{{ emptyText() }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .board {
      width: 100%;
      border-collapse: collapse;
    }
    caption {
      text-align: start;
      padding-bottom: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    th,
    td {
      padding: 10px 12px;
      text-align: start;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    thead th {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    tbody th {
      font-weight: 500;
    }
    .unmapped {
      margin-inline-start: 8px;
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-small);
    }
    .number {
      font-variant-numeric: tabular-nums;
    }
    .full {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AgentBoardTableComponent {
  /** The agents to show, in order. */
  readonly rows = input.required<readonly BoardRow[]>();
  /** How many agents there are before filtering. */
  readonly total = input.required<number>();
  readonly loading = input(false);
  /** Epoch milliseconds from the page's clock, so every row's time in status ticks together. */
  readonly now = input.required<number>();

  protected readonly columnCount = COLUMN_COUNT;
  protected readonly caption = computed(() => {
    const shown = this.rows().length;
    const total = this.total();
    return shown === total ? agentCount(total) : `${shown} of ${agentCount(total)}`;
  });
  protected readonly emptyText = computed(() => {
    if (this.loading() && this.total() === 0) {
      return 'Loading agents…';
    }
    return this.total() === 0 ? 'No agents yet.' : 'No agents match these filters.';
  });
}
