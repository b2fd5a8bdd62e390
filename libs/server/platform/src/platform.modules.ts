import { Module, type DynamicModule } from '@nestjs/common';
import { AnnouncementsController } from './announcements/announcements.controller';
import { AuthCoreModule, AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ConsoleModule } from './http/console.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { QueueWorkersModule } from './queue/queue-workers.module';
import { SyncLogsController } from './sync-logs/sync-logs.controller';
import { SyncLogsModule } from './sync-logs/sync-logs.module';
import { EventLogRetentionHandler } from './realtime/event-log-retention.handler';
import { SyncLogRetentionHandler } from './sync-logs/sync-log-retention.handler';
import { RealtimeGatewayModule, RealtimePublisherModule } from './realtime/realtime.module';

/**
 * What every process needs: configuration, logs, database, metrics, queue producers, realtime
 * publishing, auth services, sync logs. Alone, it serves CLIs, scripts and tests.
 */
@Module({})
export class PlatformCoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformCoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        MetricsModule,
        QueueModule,
        RealtimePublisherModule,
        AuthCoreModule,
        SyncLogsModule,
      ],
      exports: [QueueModule, RealtimePublisherModule, AuthCoreModule],
    };
  }
}

@Module({})
export class ApiPlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiPlatformModule,
      imports: [
        PlatformCoreModule.forRoot(config),
        AuthModule,
        RealtimeGatewayModule,
        HealthModule,
        ConsoleModule.register(config.CONSOLE_DIST_DIR),
      ],
      controllers: [MetricsController, AnnouncementsController, SyncLogsController],
    };
  }
}

@Module({})
export class WorkerPlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerPlatformModule,
      imports: [PlatformCoreModule.forRoot(config), QueueWorkersModule],
      providers: [EventLogRetentionHandler, SyncLogRetentionHandler],
    };
  }
}
