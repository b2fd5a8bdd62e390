import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  EMPTY,
  type Observable,
  Subject,
  catchError,
  defer,
  finalize,
  merge,
  startWith,
  switchMap,
  tap,
} from 'rxjs';

import { AgentsApiService } from '../../core/api/agents-api.service';
import { describeHttpError } from '../../core/api/api-error';
import {
  type AgentsById,
  applyAgentEventTo,
  applyAgentsSnapshot,
  highestEventId,
} from '../../core/agents/agents.merge';
import { RealtimeService } from '../../core/realtime/realtime.service';

/**
 * Every agent, live: a REST listing when the board opens and again after a reconnect the server could
 * not replay into, `agent:status_changed` events in between. Provided by the board page.
 */
@Injectable()
export class BoardStore {
  private readonly agentsApi = inject(AgentsApiService);
  private readonly realtime = inject(RealtimeService);

  private readonly byId = signal<AgentsById>(new Map());
  private readonly retries = new Subject<void>();
  private readonly loadingState = signal(true);
  private readonly errorState = signal<string | null>(null);

  readonly agents = computed(() => [...this.byId().values()].map(({ agent }) => agent));
  readonly loading = this.loadingState.asReadonly();
  /** Why the last listing failed; the board keeps showing what it has, kept live by events. */
  readonly error = this.errorState.asReadonly();

  constructor() {
    this.realtime
      .on('agent:status_changed')
      .pipe(takeUntilDestroyed())
      .subscribe(({ id, data }) => this.byId.update((store) => applyAgentEventTo(store, data, id)));
    // A newer reason to list supersedes a listing under way: its answer may predate what the newer one sees.
    merge(this.retries, this.realtime.resyncs)
      .pipe(
        startWith(undefined),
        switchMap(() => this.list()),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  retry(): void {
    this.retries.next();
  }

  private list(): Observable<unknown> {
    return defer(() => {
      const watermark = highestEventId(this.byId());
      this.loadingState.set(true);
      this.errorState.set(null);
      return this.agentsApi.listAll().pipe(
        tap((agents) => this.byId.update((store) => applyAgentsSnapshot(store, agents, watermark))),
        catchError((error: unknown) => {
          this.errorState.set(describeHttpError(error));
          return EMPTY;
        }),
        finalize(() => this.loadingState.set(false)),
      );
    });
  }
}
