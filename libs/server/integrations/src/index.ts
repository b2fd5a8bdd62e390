export { IntegrationsModule } from './integrations.module';
export { LiveChatClient, type LiveChatRoutingStatus } from './livechat/livechat.client';
export { OutboundHttpPolicy } from './outbound/outbound-http.policy';
export { OutboundCallError, type OutboundResult } from './outbound/outbound-result';
export type { CallLogParty, CallLogRecord, CallLogRecording } from './ringcentral/call-log-record';
export { RingCentralClient, type PresenceUpdate } from './ringcentral/ringcentral.client';
