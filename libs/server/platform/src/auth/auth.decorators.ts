import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@ccp/contracts';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

export const IS_PUBLIC = 'ccp:isPublic';
export const REQUIRED_ROLES = 'ccp:requiredRoles';

/** Opens a route to anonymous callers. Only health and vendor webhooks (which verify their own secret). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles; without it any authenticated caller may use it. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
