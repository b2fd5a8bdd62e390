import { AGENT_ENTITIES } from '@ccp/server-agents';
import { CONVERSATION_ENTITIES } from '@ccp/server-conversations';
import { CRM_ENTITIES } from '@ccp/server-crm';
import { PLATFORM_ENTITIES } from '@ccp/server-platform';
import { WEBHOOK_ENTITIES } from '@ccp/server-webhooks';

/** Every entity of every library: what migrations are generated from and checked against. */
export const ALL_ENTITIES = [
  ...PLATFORM_ENTITIES,
  ...WEBHOOK_ENTITIES,
  ...AGENT_ENTITIES,
  ...CONVERSATION_ENTITIES,
  ...CRM_ENTITIES,
];
