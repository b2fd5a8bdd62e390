import { Injectable } from '@nestjs/common';
import type { ApiKeySummary, CreatedApiKey, Role } from '@ccp/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { DomainException } from '../errors/domain.exception';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import type { Principal } from './principal';

export const API_KEY_PREFIX = 'ccp_';
/** lastUsedAt is informational; refreshing it at most once a minute keeps reads free of writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toSummary(key: ApiKeyEntity): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  async create(name: string, role: Role, createdBy: Principal): Promise<CreatedApiKey> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const stored = await this.keys.insert({
      name,
      role,
      keyHash: hashKey(key),
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      createdBy: createdBy.id,
    });
    return { ...toSummary(stored), key };
  }

  async list(): Promise<ApiKeySummary[]> {
    return (await this.keys.list()).map(toSummary);
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id)))
      throw new DomainException('NOT_FOUND', 'No active API key with this id');
  }

  async authenticate(key: string): Promise<Principal> {
    const stored = await this.keys.findActiveByHash(hashKey(key));
    if (!stored) throw new DomainException('UNAUTHORIZED', 'The API key is invalid or revoked');
    if (!stored.lastUsedAt || Date.now() - stored.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.touch(stored.id);
    }
    return { kind: 'api_key', id: stored.id, name: stored.name, role: stored.role, team: null };
  }
}
