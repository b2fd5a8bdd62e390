import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Role } from '@ccp/contracts';

import { hasRole } from './roles';
import { SessionService } from './session.service';

/** Lets signed-in people through; everyone else goes to the login page and comes back afterwards. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  if (await inject(SessionService).ensureSession()) {
    return true;
  }
  const queryParams = state.url === '/' ? {} : { returnUrl: state.url };
  return router.createUrlTree(['/login'], { queryParams });
};

/** Keeps signed-in people (including a session restored after a reload) off the login page. */
export const guestGuard: CanActivateFn = async () => {
  const router = inject(Router);
  return (await inject(SessionService).ensureSession()) ? router.createUrlTree(['/']) : true;
};

/** For pages meant for some roles only; everyone else lands on the home page. Runs after `authGuard`. */
export function roleGuard(roles: readonly Role[]): CanActivateFn {
  return () => {
    const router = inject(Router);
    return hasRole(inject(SessionService).user(), roles) || router.createUrlTree(['/']);
  };
}
