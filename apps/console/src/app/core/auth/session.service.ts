import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginRequest, UserProfile } from '@ccp/contracts';
import { firstValueFrom } from 'rxjs';

import { SESSION_STORAGE } from '../browser/session-storage.token';
import { AuthApiService } from './auth-api.service';

const TOKEN_KEY = 'ccp.token';

/** Who is signed in, and the token that proves it. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly authApi = inject(AuthApiService);
  private readonly router = inject(Router);
  private readonly storage = inject(SESSION_STORAGE);

  private readonly tokenState = signal(this.storage.getItem(TOKEN_KEY));
  private readonly userState = signal<UserProfile | null>(null);
  private restoring: Promise<boolean> | null = null;

  readonly token = this.tokenState.asReadonly();
  readonly user = this.userState.asReadonly();
  readonly signedIn = computed(() => this.userState() !== null);

  async signIn(credentials: LoginRequest): Promise<void> {
    const { accessToken, user } = await firstValueFrom(this.authApi.login(credentials));
    this.storage.setItem(TOKEN_KEY, accessToken);
    this.tokenState.set(accessToken);
    this.userState.set(user);
  }

  /** Resolves whether someone is signed in, proving a token kept from before a reload with the API first. */
  ensureSession(): Promise<boolean> {
    if (this.userState()) {
      return Promise.resolve(true);
    }
    if (!this.tokenState()) {
      return Promise.resolve(false);
    }
    // Guards can ask concurrently; they share one request. A rejected token is cleared by the
    // interceptor; any other failure keeps it so the next navigation can try again.
    this.restoring ??= firstValueFrom(this.authApi.me())
      .then(
        (user) => {
          this.userState.set(user);
          return true;
        },
        () => false,
      )
      .finally(() => {
        this.restoring = null;
      });
    return this.restoring;
  }

  signOut(): void {
    this.storage.removeItem(TOKEN_KEY);
    this.tokenState.set(null);
    this.userState.set(null);
    void this.router.navigateByUrl('/login');
  }
}
