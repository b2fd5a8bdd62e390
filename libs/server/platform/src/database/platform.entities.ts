import { ApiKeyEntity } from '../auth/api-key.entity';
import { UserEntity } from '../auth/user.entity';
import { EventLogEntryEntity } from '../realtime/event-log-entry.entity';
import { SyncLogEntity } from '../sync-logs/sync-log.entity';

/** The tables the platform itself owns. Domain libraries export their own lists. */
export const PLATFORM_ENTITIES = [UserEntity, ApiKeyEntity, EventLogEntryEntity, SyncLogEntity];
