export { AGENT_ENTITIES, AgentsModule } from './agents.module';
export { AgentDirectory, type VendorAgentRef } from './directory/agent-directory';
export { AgentEntity } from './directory/agent.entity';
