import { Injectable } from '@nestjs/common';
import type { PresencePolicy } from '@ccp/contracts';
import type { EntityManager } from 'typeorm';
import { PresencePolicyEntity } from './presence-policy.entity';

/** What a fresh installation does until an admin changes it. */
export const DEFAULT_PRESENCE_POLICY: PresencePolicy = {
  phoneBusyStates: ['Ringing', 'CallConnected', 'OnHold'],
  wrapUpSeconds: 30,
  capacityDnd: true,
  pushManualStatus: true,
};

const POLICY_ID = 1;

/** Every presence change reads the policy; an admin's edit reaches every worker within this time. */
const CACHE_MS = 5_000;

@Injectable()
export class PresencePolicyStore {
  private cached?: { policy: PresencePolicy; until: number };

  async get(manager: EntityManager): Promise<PresencePolicy> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.policy;
    const row = await manager.findOneBy(PresencePolicyEntity, { id: POLICY_ID });
    const policy = { ...DEFAULT_PRESENCE_POLICY, ...row?.policy };
    this.cached = { policy, until: Date.now() + CACHE_MS };
    return policy;
  }

  async put(manager: EntityManager, policy: PresencePolicy): Promise<PresencePolicy> {
    await manager.upsert(PresencePolicyEntity, { id: POLICY_ID, policy }, ['id']);
    this.cached = undefined;
    return this.get(manager);
  }
}
