import type { Role, UserProfile } from '@ccp/contracts';

/** The people who oversee agents: they see the supervisor board. */
export const SUPERVISING_ROLES: readonly Role[] = ['supervisor', 'admin'];

export function hasRole(user: UserProfile | null, roles: readonly Role[]): boolean {
  return user !== null && roles.includes(user.role);
}
