import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgentEntity } from './agent.entity';

/**
 * The vendor ids `npm run simulate` uses for its agent (the vendor doc's examples), so that the
 * simulated chats, calls and presence of a fresh demo installation land on the demo agent.
 */
const SIMULATOR_LIVECHAT_AGENT_ID = 'smith@example.com';
const SIMULATOR_EXTENSION_ID = '62242421016';

@Injectable()
export class DemoAgentSeeder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Links the demo agent account to an agent; returns whether one was created or claimed. */
  async seed(email = 'agent@demo.local'): Promise<boolean> {
    const [user] = (await this.dataSource.query('SELECT id, name, email, team FROM users WHERE email = $1', [
      email,
    ])) as { id: string; name: string; email: string; team: string | null }[];
    if (!user) return false;
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(AgentEntity, { userId: user.id })) return false;
      // Ingestion may already have made a placeholder for these ids: it becomes the demo agent.
      const agent =
        (await manager.findOneBy(AgentEntity, { livechatAgentId: SIMULATOR_LIVECHAT_AGENT_ID })) ??
        manager.create(AgentEntity, {});
      // A second placeholder for the extension keeps it; an admin can map it onto the agent later.
      const extensionHolder = await manager.findOneBy(AgentEntity, {
        ringcentralExtensionId: SIMULATOR_EXTENSION_ID,
      });
      const extensionTaken = extensionHolder !== null && extensionHolder.id !== agent.id;
      Object.assign(agent, {
        name: user.name,
        email: user.email,
        userId: user.id,
        teamId: user.team,
        livechatAgentId: SIMULATOR_LIVECHAT_AGENT_ID,
        ringcentralExtensionId: extensionTaken ? null : SIMULATOR_EXTENSION_ID,
        mapped: true,
      });
      await manager.save(AgentEntity, agent);
      return true;
    });
  }
}
