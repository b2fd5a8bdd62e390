import { Module } from '@nestjs/common';
import { LiveChatClient } from './livechat/livechat.client';
import { OutboundCallRecorder } from './outbound/outbound-call.recorder';
import { OutboundHttp } from './outbound/outbound-http.service';
import { OutboundHttpPolicy } from './outbound/outbound-http.policy';
import { RingCentralAuth } from './ringcentral/ringcentral-auth.service';
import { RingCentralClient } from './ringcentral/ringcentral.client';

/**
 * Outbound vendor clients for the api and the worker. It imports nothing: AppConfig and
 * SyncLogsRepository come from PlatformCoreModule, which makes both global.
 */
@Module({
  providers: [
    OutboundHttpPolicy,
    OutboundHttp,
    OutboundCallRecorder,
    RingCentralAuth,
    RingCentralClient,
    LiveChatClient,
  ],
  exports: [RingCentralClient, LiveChatClient],
})
export class IntegrationsModule {}
