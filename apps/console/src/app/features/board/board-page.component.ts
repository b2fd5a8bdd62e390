import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { interval, map } from 'rxjs';

import { AgentBoardTableComponent } from './agent-board-table.component';
import { BoardStore } from './board.store';
import {
  ANY,
  STATUS_OPTIONS,
  type StatusFilter,
  type TeamFilter,
  boardRows,
  teamOptions,
} from './board.view';

@Component({
  selector: 'ccp-board-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [BoardStore],
  imports: [AgentBoardTableComponent, MatButton, MatFormField, MatLabel, MatOption, MatSelect],
  template: `
    <h1>Supervisor board</h1>
    <div class="filters">
      <mat-form-field>
        <mat-label>Team</mat-label>
        <mat-select [(value)]="team">
          @for (option of teamOptions(); track option.value) {
            <mat-option [value]="option.value">{{ option.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Status</mat-label>
        <mat-select [(value)]="status">
          @for (option of statusOptions; track option.value) {
            <mat-option [value]="option.value">{{ option.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    @if (error(); as message) {
      <div class="error" role="alert">
        <span>Could not load the agents: {{ message }}</span>
        <button matButton type="button" (click)="retry()">Retry</button>
      </div>
    }
    <ccp-agent-board-table [rows]="rows()" [total]="agents().length" [loading]="loading()" [now]="now()" />
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
    }
    .error {
      display: flex;
      align-items: center;
      gap: 12px;
      color: var(--mat-sys-error);
      margin-bottom: 16px;
    }
  `,
})
export class BoardPageComponent {
  private readonly store = inject(BoardStore);

  protected readonly agents = this.store.agents;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly team = signal<TeamFilter>(ANY);
  protected readonly status = signal<StatusFilter>(ANY);
  protected readonly statusOptions = STATUS_OPTIONS;
  protected readonly teamOptions = computed(() => teamOptions(this.agents()));
  protected readonly rows = computed(() =>
    boardRows(this.agents(), { team: this.team(), status: this.status() }),
  );
  /** One clock for the whole board: every row's time in status ticks off it. */
  protected readonly now = toSignal(interval(1000).pipe(map(() => Date.now())), { initialValue: Date.now() });

  protected retry(): void {
    this.store.retry();
  }
}
