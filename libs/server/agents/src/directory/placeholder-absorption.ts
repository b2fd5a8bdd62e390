import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgentStatusIntervalEntity } from '../timeline/agent-status-interval.entity';
import { AgentReferences } from './agent-references';
import { AgentEntity } from './agent.entity';

/**
 * Folds an unmapped placeholder into the agent that is being given its vendor id: the
 * placeholder's conversations, calls and messages become the agent's, and so does what the
 * vendor last reported on that channel. Both rows must be locked by the caller.
 */
@Injectable()
export class PlaceholderAbsorption {
  constructor(private readonly references: AgentReferences) {}

  async absorb(manager: EntityManager, agent: AgentEntity, placeholder: AgentEntity): Promise<void> {
    await this.references.move(manager, placeholder.id, agent.id);
    if (placeholder.livechatAgentId !== null) agent.chatStatus = placeholder.chatStatus;
    if (placeholder.ringcentralExtensionId !== null) {
      agent.phonePresenceStatus = placeholder.phonePresenceStatus;
      agent.phoneUserStatus = placeholder.phoneUserStatus;
      agent.phoneTelephonyStatus = placeholder.phoneTelephonyStatus;
      agent.phoneDndStatus = placeholder.phoneDndStatus;
      agent.phoneSequence = placeholder.phoneSequence;
      agent.callLegs = placeholder.callLegs;
    }
    // The chats just moved over; each conversation has one agent, so the counts add up.
    agent.openChats += placeholder.openChats;
    // Its intervals came from one channel only and would overlap the agent's own: the agent's
    // timeline goes on, re-derived from both channels once the change is saved.
    await manager.delete(AgentStatusIntervalEntity, { agentId: placeholder.id });
    // Before the agent takes over the vendor id, which is unique.
    await manager.delete(AgentEntity, { id: placeholder.id });
  }
}
