import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AgentReferences } from '@ccp/server-agents';
import type { EntityManager } from 'typeorm';

/** When an agent placeholder is folded into an agent, its chats, calls and messages follow it. */
@Injectable()
export class ConversationAgentReferences implements OnModuleInit {
  constructor(private readonly references: AgentReferences) {}

  onModuleInit(): void {
    this.references.register((manager, from, to) => this.move(manager, from, to));
  }

  private async move(manager: EntityManager, from: string, to: string): Promise<void> {
    await manager.query('UPDATE conversations SET agent_id = $2 WHERE agent_id = $1', [from, to]);
    // Each agent once per conversation, in the order they joined.
    await manager.query(
      `UPDATE conversations
          SET agent_ids = CASE WHEN $2 = ANY(agent_ids) THEN array_remove(agent_ids, $1)
                               ELSE array_replace(agent_ids, $1, $2) END
        WHERE agent_ids @> ARRAY[$1]::uuid[]`,
      [from, to],
    );
    await manager.query('UPDATE call_parties SET agent_id = $2 WHERE agent_id = $1', [from, to]);
    await manager.query('UPDATE call_status_changes SET agent_id = $2 WHERE agent_id = $1', [from, to]);
    await manager.query(`UPDATE messages SET author_id = $2 WHERE author_id = $1 AND author_type = 'agent'`, [
      from,
      to,
    ]);
  }
}
