import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatListItem, MatNavList } from '@angular/material/list';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Role } from '@ccp/contracts';

import { MyAgentStore } from '../core/agents/my-agent.store';
import { SUPERVISING_ROLES, hasRole } from '../core/auth/roles';
import { SessionService } from '../core/auth/session.service';
import { RealtimeService } from '../core/realtime/realtime.service';
import { ConnectionIndicatorComponent } from './connection-indicator.component';
import { MyStatusComponent } from './my-status.component';

interface NavLink {
  readonly path: string;
  readonly label: string;
  /** Who sees the link; everyone when absent. */
  readonly roles?: readonly Role[];
}

const NAV_LINKS: readonly NavLink[] = [
  { path: '/', label: 'Home' },
  { path: '/desk', label: 'Agent desk' },
  { path: '/board', label: 'Supervisor board', roles: SUPERVISING_ROLES },
  { path: '/conversations', label: 'Conversations' },
  { path: '/tickets', label: 'Tickets' },
  { path: '/customers', label: 'Customers' },
  { path: '/analytics', label: 'Analytics' },
  { path: '/operations', label: 'Operations' },
];

@Component({
  selector: 'ccp-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The session's own agent, for the header and any page under the shell.
  providers: [MyAgentStore],
  imports: [
    ConnectionIndicatorComponent,
    MatButton,
    MatListItem,
    MatNavList,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatToolbar,
    MyStatusComponent,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  template: `
    <mat-toolbar class="toolbar">
      <span class="brand">Contact Center</span>
      <span class="spacer"></span>
      <ccp-my-status />
      <ccp-connection-indicator [state]="connection()" />
      @if (user(); as user) {
        <span class="user">{{ user.name }} · {{ user.role }}</span>
      }
      <button matButton type="button" (click)="signOut()">Sign out</button>
    </mat-toolbar>
    <mat-sidenav-container class="container">
      <mat-sidenav mode="side" opened>
        <mat-nav-list aria-label="Main">
          @for (link of links(); track link.path) {
            <a
              mat-list-item
              [routerLink]="link.path"
              routerLinkActive
              #active="routerLinkActive"
              [routerLinkActiveOptions]="{ exact: link.path === '/' }"
              [activated]="active.isActive"
              >{{ link.label }}</a
            >
          }
        </mat-nav-list>
      </mat-sidenav>
      <mat-sidenav-content>
        <main class="content">
          <router-outlet />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .toolbar {
      gap: 16px;
    }
    .brand {
      font: var(--mat-sys-title-large);
    }
    .spacer {
      flex: 1;
    }
    .user {
      font: var(--mat-sys-body-medium);
    }
    .container {
      flex: 1;
    }
    mat-sidenav {
      width: 220px;
    }
    .content {
      padding: 24px;
    }
  `,
})
export class ShellComponent {
  private readonly session = inject(SessionService);
  private readonly myAgent = inject(MyAgentStore);

  protected readonly user = this.session.user;
  protected readonly links = computed(() =>
    NAV_LINKS.filter((link) => link.roles === undefined || hasRole(this.user(), link.roles)),
  );
  protected readonly connection = inject(RealtimeService).state;

  /** Signing out of the console takes an agent offline on both vendors. */
  protected async signOut(): Promise<void> {
    await this.myAgent.signOff().catch(() => undefined);
    this.session.signOut();
  }
}
