import type { Routes } from '@angular/router';

import { authGuard, guestGuard, roleGuard } from './core/auth/auth.guard';
import { SUPERVISING_ROLES } from './core/auth/roles';

export const APP_ROUTES: Routes = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadChildren: () => import('./features/login/login.routes').then((m) => m.LOGIN_ROUTES),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadChildren: () => import('./features/home/home.routes').then((m) => m.HOME_ROUTES),
      },
      { path: 'desk', loadChildren: () => import('./features/desk/desk.routes').then((m) => m.DESK_ROUTES) },
      {
        path: 'board',
        canActivate: [roleGuard(SUPERVISING_ROLES)],
        loadChildren: () => import('./features/board/board.routes').then((m) => m.BOARD_ROUTES),
      },
      {
        path: 'conversations',
        loadChildren: () =>
          import('./features/conversations/conversations.routes').then((m) => m.CONVERSATIONS_ROUTES),
      },
      {
        path: 'tickets',
        loadChildren: () => import('./features/tickets/tickets.routes').then((m) => m.TICKETS_ROUTES),
      },
      {
        path: 'customers',
        loadChildren: () => import('./features/customers/customers.routes').then((m) => m.CUSTOMERS_ROUTES),
      },
      {
        path: 'analytics',
        loadChildren: () => import('./features/analytics/analytics.routes').then((m) => m.ANALYTICS_ROUTES),
      },
      {
        path: 'operations',
        loadChildren: () =>
          import('./features/operations/operations.routes').then((m) => m.OPERATIONS_ROUTES),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
