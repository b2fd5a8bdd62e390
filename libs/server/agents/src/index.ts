export { AGENT_ENTITIES, AgentsApiModule, AgentsModule, AgentsWorkerModule } from './agents.module';
export { AgentDirectory, type VendorAgentRef } from './directory/agent-directory';
export { AgentEntity } from './directory/agent.entity';
export { PresenceService, type UnitOfWork } from './presence/presence.service';
export { DemoAgentSeeder } from './directory/demo-agent.seeder';
