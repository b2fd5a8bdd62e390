export * from './livechat.fixtures';
export * from './ringcentral.fixtures';
export { jsonClean, type JsonObject } from './json-object';
export { SeededRandom } from './seeded-random';
export { nationalPhoneFormat, randomPerson, type ScenarioPerson } from './scenario-person';
export type { ScenarioOptions } from './scenario-basis';
export {
  LIVECHAT_WEBHOOK_PATH,
  liveChatDelivery,
  RINGCENTRAL_WEBHOOK_PATH,
  ringCentralDelivery,
  type VendorSecrets,
  type WebhookDelivery,
  type WebhookVendor,
} from './webhook-delivery';
export { deliver, deliverAll, type DeliverAllOptions, type DeliveryResult } from './webhook-sender';
export {
  chatScenario,
  type ChatAgent,
  type ChatCustomer,
  type ChatScenario,
  type ChatScenarioIds,
  type ChatScenarioOptions,
} from './chat.scenario';
export {
  callScenario,
  type CallAgent,
  type CallOutcome,
  type CallScenario,
  type CallScenarioIds,
  type CallScenarioOptions,
} from './call.scenario';
export {
  chatAndCallScenario,
  type ChatAndCallScenario,
  type ChatAndCallScenarioOptions,
} from './chat-and-call.scenario';
export { stormScenario, type StormScenario, type StormScenarioOptions } from './storm.scenario';
export { presenceScenario, type PresenceScenarioOptions } from './presence.scenario';
