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

@Injectable()
export class PresencePolicyStore {
  async get(manager: EntityManager): Promise<PresencePolicy> {
    const row = await manager.findOneBy(PresencePolicyEntity, { id: POLICY_ID });
    return { ...DEFAULT_PRESENCE_POLICY, ...row?.policy };
  }

  async put(manager: EntityManager, policy: PresencePolicy): Promise<PresencePolicy> {
    await manager.upsert(PresencePolicyEntity, { id: POLICY_ID, policy }, ['id']);
    return this.get(manager);
  }
}
