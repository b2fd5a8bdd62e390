import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import type { Role } from '@ccp/contracts';
import { firstValueFrom } from 'rxjs';

import { AnnouncementsApiService } from '../../core/api/announcements-api.service';
import { describeHttpError } from '../../core/api/api-error';
import { SessionService } from '../../core/auth/session.service';
import { LiveFeedStore } from '../../core/realtime/live-feed.store';
import { AnnouncementFormComponent } from './announcement-form.component';
import { LiveFeedComponent } from './live-feed.component';

const BROADCASTING_ROLES: readonly Role[] = ['supervisor', 'admin'];

@Component({
  selector: 'ccp-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AnnouncementFormComponent, LiveFeedComponent],
  template: `
    <h1>Home</h1>
    @if (canBroadcast()) {
      <section>
        <h2>Notify everyone signed in</h2>
        <ccp-announcement-form
          [pending]="broadcasting()"
          [error]="broadcastError()"
          (broadcast)="broadcast($event)"
        />
      </section>
    }
    <section>
      <h2>Live events</h2>
      <ccp-live-feed [events]="events()" />
    </section>
  `,
})
export class HomePageComponent {
  private readonly announcementsApi = inject(AnnouncementsApiService);
  private readonly user = inject(SessionService).user;
  private readonly announcementForm = viewChild(AnnouncementFormComponent);

  protected readonly events = inject(LiveFeedStore).events;
  protected readonly canBroadcast = computed(() => {
    const role = this.user()?.role;
    return role !== undefined && BROADCASTING_ROLES.includes(role);
  });
  protected readonly broadcasting = signal(false);
  protected readonly broadcastError = signal<string | null>(null);

  protected async broadcast(text: string): Promise<void> {
    this.broadcasting.set(true);
    this.broadcastError.set(null);
    try {
      // The announcement reaches the feed through the socket like every other event, so it is not added here.
      await firstValueFrom(this.announcementsApi.create({ text }));
      this.announcementForm()?.clear();
    } catch (error: unknown) {
      this.broadcastError.set(describeHttpError(error));
    } finally {
      this.broadcasting.set(false);
    }
  }
}
