import { InjectionToken } from '@angular/core';

/** Per-tab storage: a reload keeps the session, a new tab or a closed browser does not. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => sessionStorage,
});
