import { Injectable } from '@nestjs/common';
import { findLockedRows } from '@ccp/server-platform';
import type { EntityManager } from 'typeorm';
import { AgentEntity } from './agent.entity';

/**
 * Agent rows a transaction locked ahead of the changes it is about to make (a group of presence
 * webhooks: one statement for all their agents instead of one each), kept until the first change
 * of each takes its row. A row is handed out once: by then it is that change's to write, and a
 * later change of the same agent reads the row again. Anything else that writes an agent row in
 * the transaction must `forget` it, or the change would write back what it read before.
 */
@Injectable()
export class PrelockedAgents {
  /** Per transaction: a finished transaction's manager is dropped, and its rows with it. */
  private readonly byTransaction = new WeakMap<EntityManager, Map<string, AgentEntity>>();

  /** FOR NO KEY UPDATE, in id order, as each change of an agent locks it (see PresenceService). */
  async lockByExtension(manager: EntityManager, extensionIds: string[]): Promise<void> {
    const agents = await findLockedRows(
      manager,
      AgentEntity,
      'ringcentralExtensionId',
      [...new Set(extensionIds)],
      'FOR NO KEY UPDATE',
    );
    const locked = this.byTransaction.get(manager) ?? new Map<string, AgentEntity>();
    for (const agent of agents) locked.set(agent.id, agent);
    this.byTransaction.set(manager, locked);
  }

  /** The row locked ahead for the agent with this id or extension, once; undefined if none is. */
  take(
    manager: EntityManager,
    key: { id: string } | { ringcentralExtensionId: string },
  ): AgentEntity | undefined {
    const locked = this.byTransaction.get(manager);
    if (!locked) return undefined;
    const agent =
      'id' in key
        ? locked.get(key.id)
        : [...locked.values()].find((row) => row.ringcentralExtensionId === key.ringcentralExtensionId);
    if (agent) locked.delete(agent.id);
    return agent;
  }

  /** The row was written by something else: the next change reads it again. */
  forget(manager: EntityManager, agentId: string): void {
    this.byTransaction.get(manager)?.delete(agentId);
  }
}
