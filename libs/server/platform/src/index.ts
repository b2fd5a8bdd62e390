export { Audience, roomsOf } from './realtime/audience';
export { AppConfig, jwtSecretOf, publicUrlOf } from './config/app-config';
export { ConfigModule } from './config/config.module';
export { ConfigValidationError, loadConfig, readConfigFromEnvironment } from './config/load-config';
export { CurrentPrincipal, Public, Roles } from './auth/auth.decorators';
export type { Principal } from './auth/principal';
export { DEMO_PASSWORD, DEMO_USERS, DemoUsersSeeder } from './auth/demo-users.seeder';
export { buildDataSourceOptions } from './database/data-source-options';
export { PLATFORM_ENTITIES } from './database/platform.entities';
export { SnakeNamingStrategy } from './database/snake-naming.strategy';
export { safeIntegerTransformer } from './database/safe-integer.transformer';
export { ApiErrors, ApiErrorDto, uuidParam } from './errors/api-error.dto';
export { DomainException } from './errors/domain.exception';
export { isDatabaseUnavailable, isDataException } from './errors/database-errors';
export { createApiApplication } from './http/api-application';
export { QUEUE_DASHBOARD_PATH } from './http/queue-dashboard';
export { HandlesJob, isLastAttempt } from './queue/job-handler.decorator';
export { JobQueue, QueueUnavailableError } from './queue/job-queue.service';
export { QueueWorkers } from './queue/queue-workers.service';
export { QueueModule, bullPrefixOf } from './queue/queue.module';
export {
  JOBS,
  QUEUE_NAMES,
  WEBHOOK_PROCESS_ATTEMPTS,
  jobIdOfEventKey,
  jobOptionsOf,
  type JobName,
  type JobPayloads,
  type ProcessWebhookPayload,
  type FetchCallLogPayload,
  type SweepOverduePayload,
  type RenewSubscriptionPayload,
  type PushChatStatusPayload,
  type PushPhoneStatusPayload,
  type RestoreAfterCallPayload,
  type RetentionPayload,
} from './queue/queue.registry';
export { JobHandlerRegistrationError } from './queue/queue-workers.service';
export { RealtimePublisher, realtimeChannelOf } from './realtime/realtime.publisher';
export type { AddressedEvent, NewRealtimeEvent } from './realtime/event-log.repository';
export { RealtimePublisherModule } from './realtime/realtime.module';
export { ApiPlatformModule, PlatformCoreModule, WorkerPlatformModule } from './platform.modules';
export { SyncLogsRepository, type NewSyncLog } from './sync-logs/sync-logs.repository';
export { SyncLogRetentionHandler } from './sync-logs/sync-log-retention.handler';
export { deleteInBatches } from './database/delete-in-batches';
export {
  findLockedRow,
  findLockedRows,
  hydrateRow,
  updateRow,
  updateRowSql,
  type RowLock,
} from './database/hot-rows';
export { CombinedWrite } from './database/combined-write';
export { GroupCommit, type GroupLimits, type GroupRun } from './database/group-commit';
export { PageQueryDto } from './http/page-query.dto';
export { livechatWebhookSecretsOf, ringcentralVerificationTokenOf } from './config/app-config';
export { MetricsService } from './metrics/metrics.service';
