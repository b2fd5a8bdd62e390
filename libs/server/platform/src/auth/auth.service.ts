import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, UserProfile } from '@ccp/contracts';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { DomainException } from '../errors/domain.exception';
import { API_KEY_PREFIX, ApiKeysService } from './api-keys.service';
import { PasswordHasher } from './password.hasher';
import type { JwtClaims, Principal } from './principal';
import type { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

export function toUserProfile(user: UserEntity): UserProfile {
  return { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team };
}

@Injectable()
export class AuthService {
  /**
   * A hash of a random password, verified when the email is unknown so that a wrong email and a
   * wrong password take the same time and cannot be told apart.
   */
  private readonly timingDecoyHash: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly apiKeys: ApiKeysService,
    private readonly config: AppConfig,
  ) {
    this.timingDecoyHash = this.hasher.hash(randomBytes(16).toString('hex'));
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.timingDecoyHash), password);
    if (!user || !valid) throw new DomainException('INVALID_CREDENTIALS', 'Email or password is incorrect');
    const claims: JwtClaims = { sub: user.id, name: user.name, role: user.role, team: user.team };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: toUserProfile(user),
    };
  }

  async profile(principal: Principal): Promise<UserProfile> {
    if (principal.kind === 'api_key') {
      return { id: principal.id, email: '', name: principal.name, role: principal.role, team: null };
    }
    const user = await this.users.findById(principal.id);
    if (!user) throw new DomainException('UNAUTHORIZED', 'The account no longer exists');
    return toUserProfile(user);
  }

  /** Resolves a bearer credential (JWT or API key) to a principal, or throws UNAUTHORIZED. */
  async authenticate(credential: string | undefined): Promise<Principal> {
    if (!credential) throw new DomainException('UNAUTHORIZED', 'Authentication is required');
    if (credential.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(credential);
    try {
      const claims = await this.jwt.verifyAsync<JwtClaims>(credential);
      return { kind: 'user', id: claims.sub, name: claims.name, role: claims.role, team: claims.team };
    } catch {
      throw new DomainException('UNAUTHORIZED', 'The access token is invalid or expired');
    }
  }
}
