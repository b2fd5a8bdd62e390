export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UserProfile {
  id: string;
  email: string;
  name: string;
  role: Role;
  team: string | null;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: UserProfile;
}

export interface CreateApiKeyRequest {
  name: string;
  role: Role;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  role: Role;
  /** First characters of the key, enough to recognise it in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Returned once, at creation: the only time the secret is ever shown. */
export interface CreatedApiKey extends ApiKeySummary {
  key: string;
}
