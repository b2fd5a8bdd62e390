import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntegrationsModule } from '@ccp/server-integrations';
import { QueueModule, RealtimePublisherModule } from '@ccp/server-platform';
import { AgentsController } from './api/agents.controller';
import { AgentsService } from './api/agents.service';
import { PresencePolicyController } from './api/presence-policy.controller';
import { AgentDirectory } from './directory/agent-directory';
import { AgentReferences } from './directory/agent-references';
import { AgentEntity } from './directory/agent.entity';
import { DemoAgentSeeder } from './directory/demo-agent.seeder';
import { PlaceholderAbsorption } from './directory/placeholder-absorption';
import { PresencePolicyEntity } from './policy/presence-policy.entity';
import { PresencePolicyStore } from './policy/presence-policy.store';
import { HeldAgents } from './presence/held-agents';
import { PresenceOutboundHandler } from './presence/presence-outbound.handler';
import { PresenceService } from './presence/presence.service';
import { VendorPresenceHandler } from './presence/vendor-presence.handler';
import { AgentStatusIntervalEntity } from './timeline/agent-status-interval.entity';

export const AGENT_ENTITIES = [AgentEntity, AgentStatusIntervalEntity, PresencePolicyEntity];

const presence = [TypeOrmModule.forFeature(AGENT_ENTITIES), QueueModule, RealtimePublisherModule];

/** Resolving vendor ids and the presence model: for the worker's handlers and other libraries. */
@Module({
  imports: presence,
  providers: [
    AgentDirectory,
    AgentReferences,
    HeldAgents,
    PresenceService,
    PresencePolicyStore,
    DemoAgentSeeder,
  ],
  exports: [AgentDirectory, AgentReferences, PresenceService, PresencePolicyStore, DemoAgentSeeder],
})
export class AgentsModule {}

/** The api side: the agent directory, status changes and the presence policy. */
@Module({
  imports: [AgentsModule, ...presence],
  controllers: [AgentsController, PresencePolicyController],
  providers: [AgentsService, PlaceholderAbsorption],
})
export class AgentsApiModule {}

/** The worker side: vendor presence webhooks in, presence pushes out, wrap-ups ending. */
@Module({
  imports: [AgentsModule, IntegrationsModule, ...presence],
  providers: [VendorPresenceHandler, PresenceOutboundHandler],
})
export class AgentsWorkerModule {}
