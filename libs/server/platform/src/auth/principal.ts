import type { Role } from '@ccp/contracts';

/** Who is calling: a signed-in user (JWT) or a REST client (API key). */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  role: Role;
  team: string | null;
}

export interface JwtClaims {
  sub: string;
  name: string;
  role: Role;
  team: string | null;
}
