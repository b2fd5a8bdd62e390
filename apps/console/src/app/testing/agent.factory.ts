import type { Agent } from '@ccp/contracts';

/** An available, mapped agent with no open chats; specs override what they are about. */
export function anAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: 'agent-1',
    name: 'Alex Agent',
    email: 'alex@demo.local',
    userId: 'user-1',
    teamId: 'support',
    skills: [],
    maxConcurrentChats: 3,
    livechatAgentId: 'alex@demo.local',
    ringcentralExtensionId: '101',
    mapped: true,
    status: 'available',
    statusReason: null,
    statusSince: '2025-01-01T12:00:00.000Z',
    chatStatus: 'accepting_chats',
    phoneStatus: {
      presenceStatus: 'Available',
      userStatus: 'Available',
      telephonyStatus: 'NoCall',
      dndStatus: 'TakeAllCalls',
    },
    manualStatus: null,
    openChats: 0,
    ...overrides,
  };
}
