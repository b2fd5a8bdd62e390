export { AGENT_ENTITIES, AgentsApiModule, AgentsModule, AgentsWorkerModule } from './agents.module';
export { AgentDirectory } from './directory/agent-directory';
export { AgentReferences } from './directory/agent-references';
export { PresenceService } from './presence/presence.service';
export { DemoAgentSeeder } from './directory/demo-agent.seeder';
