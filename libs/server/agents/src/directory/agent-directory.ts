import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgentEntity } from './agent.entity';
import { HeldAgents } from '../presence/held-agents';

export interface VendorAgentRef {
  name?: string;
  email?: string;
}

type VendorIdColumn = 'livechat_agent_id' | 'ringcentral_extension_id';

/**
 * Resolves the ids vendors use for agents to the platform's agent ids, creating an unmapped
 * placeholder the first time an id is seen. Safe under concurrency: the unique index decides.
 * The row found is held FOR KEY SHARE until the caller's transaction ends: events of different
 * conversations and presence changes (FOR NO KEY UPDATE) never wait on it, but an admin folding
 * the placeholder into an agent (FOR UPDATE) does, so no reference to it is written after it is gone.
 */
@Injectable()
export class AgentDirectory {
  constructor(private readonly held: HeldAgents) {}

  resolveLiveChatAgent(
    manager: EntityManager,
    livechatAgentId: string,
    ref: VendorAgentRef = {},
  ): Promise<string> {
    const email = ref.email ?? (livechatAgentId.includes('@') ? livechatAgentId : undefined);
    return this.resolve(manager, 'livechat_agent_id', livechatAgentId, { ...ref, email });
  }

  resolveExtension(manager: EntityManager, extensionId: string, ref: VendorAgentRef = {}): Promise<string> {
    return this.resolve(manager, 'ringcentral_extension_id', extensionId, ref);
  }

  private async resolve(
    manager: EntityManager,
    column: VendorIdColumn,
    vendorId: string,
    ref: VendorAgentRef,
  ): Promise<string> {
    const table = manager.getRepository(AgentEntity).metadata.tableName;
    const find = async () =>
      (
        (await manager.query(
          `SELECT id, name, email, mapped FROM ${table} WHERE ${column} = $1 FOR KEY SHARE`,
          [vendorId],
        )) as {
          id: string;
          name: string;
          email: string | null;
          mapped: boolean;
        }[]
      )[0];
    // Almost every event names an agent already known: look first, insert only the first time.
    let row = await find();
    if (!row) {
      await manager.query(
        `INSERT INTO ${table} (name, email, ${column}) VALUES ($1, $2, $3) ON CONFLICT (${column}) DO NOTHING`,
        [ref.name ?? vendorId, ref.email ?? null, vendorId],
      );
      row = await find();
    }
    if (!row) throw new Error(`agent ${vendorId} vanished while being resolved`);
    // A placeholder first named after its vendor id takes the real name once an event carries it,
    // whatever order the events arrive in.
    const betterName = ref.name && row.name === vendorId && !row.mapped ? ref.name : undefined;
    const missingEmail = ref.email && !row.email ? ref.email : undefined;
    if (betterName || missingEmail) {
      await manager.query(
        `UPDATE ${table} SET name = COALESCE($2, name), email = COALESCE(email, $3), updated_at = now() WHERE id = $1`,
        [row.id, betterName ?? null, missingEmail ?? null],
      );
      this.held.absorbWrite(manager, row.id, {
        name: betterName ?? row.name,
        email: row.email ?? missingEmail ?? null,
      });
    }
    return row.id;
  }
}
