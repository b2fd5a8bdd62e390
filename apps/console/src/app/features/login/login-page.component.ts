import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';

import { describeHttpError } from '../../core/api/api-error';
import { SessionService } from '../../core/auth/session.service';

@Component({
  selector: 'ccp-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardTitle,
    MatError,
    MatFormField,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    <main class="page">
      <mat-card class="card" appearance="outlined">
        <mat-card-header>
          <mat-card-title><h1>Contact Center</h1></mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <form class="form" [formGroup]="form" (ngSubmit)="submit()">
            <mat-form-field>
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="username" required />
              @if (form.controls.email.hasError('email')) {
                <mat-error>Enter a valid email address.</mat-error>
              } @else {
                <mat-error>Enter your email.</mat-error>
              }
            </mat-form-field>
            <mat-form-field>
              <mat-label>Password</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="current-password"
                required
              />
              <mat-error>Enter your password.</mat-error>
            </mat-form-field>
            @if (error(); as message) {
              <p class="error" role="alert">{{ message }}</p>
            }
            <button matButton="filled" type="submit" [disabled]="pending()">Sign in</button>
          </form>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .page {
      display: grid;
      place-items: center;
      min-height: 100%;
      padding: 16px;
      box-sizing: border-box;
    }
    .card {
      width: min(400px, 100%);
    }
    .form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding-top: 16px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 8px;
    }
  `,
})
export class LoginPageComponent {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  /** Where the guard found the user before sending them here; bound from the query string. */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    try {
      await this.session.signIn(this.form.getRawValue());
      // Only paths inside the app: the query string is under anyone's control.
      const returnUrl = this.returnUrl();
      await this.router.navigateByUrl(returnUrl?.startsWith('/') ? returnUrl : '/');
    } catch (error: unknown) {
      this.error.set(describeHttpError(error));
    } finally {
      this.pending.set(false);
    }
  }
}
