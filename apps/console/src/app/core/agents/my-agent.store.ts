import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { ErrorHandler, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Agent, UnifiedStatus } from '@ccp/contracts';
import { EMPTY, type Observable, catchError, defer, firstValueFrom, startWith, switchMap, tap } from 'rxjs';

import { AgentsApiService } from '../api/agents-api.service';
import { RealtimeService } from '../realtime/realtime.service';
import { type TrackedAgent, applyAgentEvent, applyAgentSnapshot } from './agents.merge';

/**
 * The signed-in user's own agent, kept live. Provided by the shell, so it lives exactly as long as
 * the session's pages do. Null for users who are not agents.
 */
@Injectable()
export class MyAgentStore {
  private readonly agentsApi = inject(AgentsApiService);
  private readonly errorHandler = inject(ErrorHandler);
  private readonly realtime = inject(RealtimeService);

  private readonly tracked = signal<TrackedAgent | null>(null);
  /** The first load of a session is the agent signing in. */
  private signedIn = false;

  readonly agent = computed(() => this.tracked()?.agent ?? null);

  constructor() {
    this.realtime
      .on('agent:status_changed')
      .pipe(takeUntilDestroyed())
      .subscribe(({ id, data }) => {
        const current = this.tracked();
        if (current?.agent.id === data.id) {
          this.tracked.set(applyAgentEvent(current, data, id));
        }
      });
    this.realtime.resyncs
      .pipe(
        startWith(undefined),
        switchMap(() => this.load()),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  /** Sets the agent's own choice (`null` hands the status back to the vendors); rejects when refused. */
  async setStatus(status: UnifiedStatus | null): Promise<void> {
    const current = this.tracked();
    if (!current) {
      return;
    }
    const updated = await firstValueFrom(this.agentsApi.setStatus(current.agent.id, { status }));
    this.tracked.update((latest) => applyAgentSnapshot(latest ?? undefined, updated, current.eventId));
  }

  /** Signing out: the agent goes offline (their own choice), so no vendor offers them work. */
  async signOff(): Promise<void> {
    if (this.tracked()) await this.setStatus('offline');
  }

  /** Signing in after signing out makes the agent available again on both vendors. */
  private onSignIn(agent: Agent): void {
    if (this.signedIn) return;
    this.signedIn = true;
    if (agent.manualStatus === 'offline') {
      this.setStatus('available').catch((error: unknown) => this.errorHandler.handleError(error));
    }
  }

  private load(): Observable<unknown> {
    return defer(() => {
      const watermark = this.tracked()?.eventId ?? null;
      return this.agentsApi.me().pipe(
        tap((agent) => {
          this.tracked.update((current) =>
            // An admin may have linked the user to another agent meanwhile.
            applyAgentSnapshot(current?.agent.id === agent.id ? current : undefined, agent, watermark),
          );
          this.onSignIn(agent);
        }),
        catchError((error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.NotFound) {
            this.tracked.set(null);
          } else {
            // Keep what is shown; the next reconnect without a replay asks again.
            this.errorHandler.handleError(error);
          }
          return EMPTY;
        }),
      );
    });
  }
}
