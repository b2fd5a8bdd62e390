export { AGENT_ENTITIES, AgentsApiModule, AgentsModule, AgentsWorkerModule } from './agents.module';
export { AgentDirectory } from './directory/agent-directory';
export { PresenceService } from './presence/presence.service';
export { DemoAgentSeeder } from './directory/demo-agent.seeder';
