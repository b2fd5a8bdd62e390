import { ChangeDetectionStrategy, Component, inject, linkedSignal, signal } from '@angular/core';
import { MatOption, MatSelect, MatSelectTrigger } from '@angular/material/select';

import { describeHttpError } from '../core/api/api-error';
import { MyAgentStore } from '../core/agents/my-agent.store';
import { StatusBadgeComponent } from '../shared/agent-status/status-badge.component';
import { STATUS_CHOICES, type StatusChoice, choiceOf, manualStatusOf } from './status-choice';

/** The signed-in agent's own status in the header; absent for users who are not agents. */
@Component({
  selector: 'ccp-my-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatOption, MatSelect, MatSelectTrigger, StatusBadgeComponent],
  template: `
    @if (agent(); as agent) {
      <mat-select
        class="select"
        aria-label="My status"
        [attr.data-status]="agent.status"
        [value]="choice()"
        [disabled]="pending()"
        (valueChange)="choose($event)"
      >
        <mat-select-trigger>
          <ccp-status-badge [status]="agent.status" [statusReason]="agent.statusReason" />
        </mat-select-trigger>
        @for (option of choices; track option.value) {
          <mat-option [value]="option.value">{{ option.label }}</mat-option>
        }
      </mat-select>
      @if (error(); as message) {
        <span class="error" role="alert">{{ message }}</span>
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-body-medium);
    }
    .select {
      min-width: 200px;
      padding: 6px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class MyStatusComponent {
  private readonly store = inject(MyAgentStore);

  protected readonly agent = this.store.agent;
  protected readonly choices = STATUS_CHOICES;
  /** What the select shows as picked: the server's word, overridden while a change is on its way. */
  protected readonly choice = linkedSignal(() => choiceOf(this.agent()?.manualStatus ?? null));
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async choose(choice: StatusChoice): Promise<void> {
    this.choice.set(choice);
    this.pending.set(true);
    this.error.set(null);
    try {
      await this.store.setStatus(manualStatusOf(choice));
    } catch (error: unknown) {
      this.choice.set(choiceOf(this.agent()?.manualStatus ?? null));
      this.error.set(`Status not changed: ${describeHttpError(error)}`);
    } finally {
      this.pending.set(false);
    }
  }
}
