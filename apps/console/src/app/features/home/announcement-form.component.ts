import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

@Component({
  selector: 'ccp-announcement-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatError, MatFormField, MatInput, MatLabel, ReactiveFormsModule],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()">
      <mat-form-field class="text">
        <mat-label>Announcement</mat-label>
        <input matInput formControlName="text" autocomplete="off" required />
        <mat-error>Write the announcement first.</mat-error>
      </mat-form-field>
      <button matButton="filled" type="submit" [disabled]="pending()">Broadcast</button>
    </form>
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    .form {
      display: flex;
      align-items: baseline;
      gap: 12px;
    }
    .text {
      flex: 1;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class AnnouncementFormComponent {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  /** The trimmed text to broadcast. */
  readonly broadcast = output<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    text: ['', Validators.required],
  });

  /** Called by the parent once the broadcast succeeded, so a failed one keeps the text for a retry. */
  clear(): void {
    this.form.reset();
  }

  protected submit(): void {
    const text = this.form.controls.text.value.trim();
    if (!text) {
      this.form.markAllAsTouched();
      return;
    }
    this.broadcast.emit(text);
  }
}
