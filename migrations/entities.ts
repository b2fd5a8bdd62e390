import { PLATFORM_ENTITIES } from '@ccp/server-platform';
import { WEBHOOK_ENTITIES } from '@ccp/server-webhooks';

/** Every entity of every library: what migrations are generated from and checked against. */
export const ALL_ENTITIES = [...PLATFORM_ENTITIES, ...WEBHOOK_ENTITIES];
