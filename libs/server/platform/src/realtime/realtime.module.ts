import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../auth/auth.module';
import { MetricsModule } from '../metrics/metrics.module';
import { EventLogRepository } from './event-log.repository';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';

/** Publishing side, for any process. */
@Module({
  providers: [EventLogRepository, RealtimePublisher],
  exports: [EventLogRepository, RealtimePublisher],
})
export class RealtimePublisherModule {}

/** The Socket.IO gateway, for api processes. */
@Module({
  imports: [RealtimePublisherModule, AuthCoreModule, MetricsModule],
  providers: [RealtimeGateway],
  exports: [RealtimePublisherModule],
})
export class RealtimeGatewayModule {}
