import type { Agent } from '@ccp/contracts';
import type { AgentEntity } from './agent.entity';

export function toAgent(row: AgentEntity): Agent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    userId: row.userId,
    teamId: row.teamId,
    skills: row.skills,
    maxConcurrentChats: row.maxConcurrentChats,
    livechatAgentId: row.livechatAgentId,
    ringcentralExtensionId: row.ringcentralExtensionId,
    mapped: row.mapped,
    status: row.status,
    statusReason: row.statusReason,
    statusSince: row.statusSince.toISOString(),
    chatStatus: row.chatStatus,
    phoneStatus: {
      presenceStatus: row.phonePresenceStatus,
      userStatus: row.phoneUserStatus,
      telephonyStatus: row.phoneTelephonyStatus,
      dndStatus: row.phoneDndStatus,
    },
    manualStatus: row.manualStatus,
    openChats: row.openChats,
  };
}
