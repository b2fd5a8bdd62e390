import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentDirectory } from './directory/agent-directory';
import { AgentEntity } from './directory/agent.entity';

export const AGENT_ENTITIES = [AgentEntity];

@Module({
  imports: [TypeOrmModule.forFeature(AGENT_ENTITIES)],
  providers: [AgentDirectory],
  exports: [AgentDirectory],
})
export class AgentsModule {}
