export * from './domain-events';
export { InvalidWebhookError } from './invalid-webhook.error';
export { canonicalJson, contentHash, MAX_EVENT_KEY_LENGTH } from './event-key-builder';
export {
  LIVECHAT_ACTION_NAME,
  parseLiveChatEnvelope,
  parseStoredLiveChatEnvelope,
  toStorableLiveChatBody,
  type LiveChatEnvelope,
  type LiveChatPayload,
  type LiveChatRequester,
  type StoredLiveChatEnvelope,
} from './livechat-envelope';
export { liveChatDedupeScope, liveChatEventKey, type DedupeScope } from './livechat-event-key';
export {
  HANDLED_LIVECHAT_ACTIONS,
  isHandledLiveChatAction,
  normalizeLiveChat,
  normalizeRoutingStatus,
  type HandledLiveChatAction,
} from './livechat.normalizer';
export {
  classifyRingCentralEvent,
  parseRingCentralNotification,
  type RingCentralEventClassification,
  type RingCentralNotification,
  type RingCentralNotificationKind,
} from './ringcentral-notification';
export { ringCentralEventKey } from './ringcentral-event-key';
export { normalizeRingCentral } from './ringcentral.normalizer';
export {
  stateReportOf,
  verdictOf,
  type AppliedReport,
  type ReportVerdict,
  type StateReport,
} from './state-report';
