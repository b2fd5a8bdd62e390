import { presenceSequenceAt } from './call.scenario';
import { AGENT_ID, routingStatusSetBody } from './livechat.fixtures';
import { AGENT_EXTENSION_ID, presenceEventPath, presenceNotification } from './ringcentral.fixtures';
import { scenarioBasis, type ScenarioOptions } from './scenario-basis';
import { liveChatDelivery, ringCentralDelivery, type WebhookDelivery } from './webhook-delivery';

export interface PresenceScenarioOptions extends ScenarioOptions {
  /** The agent as LiveChat and RingCentral know them. Default: the vendor doc's agent. */
  agent?: { livechatAgentId: string; extensionId: string };
}

/** The phone states an agent's presence goes through on one answered call, with a hold. */
const CALL_STATES = ['Ringing', 'CallConnected', 'OnHold', 'CallConnected', 'NoCall'] as const;

/**
 * An agent who accepts chats takes a phone call and hangs up: LiveChat's `routing_status_set`,
 * then RingCentral's detailed presence through the call. The platform should take the agent off
 * chats during the call and give them back after the wrap-up.
 */
export function presenceScenario(options: PresenceScenarioOptions): WebhookDelivery[] {
  const { random, at } = scenarioBasis(options);
  const agent = options.agent ?? { livechatAgentId: AGENT_ID, extensionId: AGENT_EXTENSION_ID };
  const accepting = liveChatDelivery(
    routingStatusSetBody(
      { agent_id: agent.livechatAgentId, status: 'accepting chats' },
      { secretKey: options.secrets.livechatSecret },
    ),
  );
  const phone = CALL_STATES.map((telephonyStatus, step) =>
    ringCentralDelivery(
      presenceNotification({
        envelope: {
          uuid: random.uuid(),
          event: presenceEventPath(agent.extensionId),
          timestamp: at(step).toISOString(),
        },
        body: {
          extensionId: agent.extensionId,
          sequence: presenceSequenceAt(at(step)) + step,
          presenceStatus: telephonyStatus === 'NoCall' ? 'Available' : 'Busy',
          userStatus: 'Available',
          telephonyStatus,
          dndStatus: 'TakeAllCalls',
          totalActiveCalls: telephonyStatus === 'NoCall' ? 0 : 1,
          activeCalls: telephonyStatus === 'NoCall' ? [] : undefined,
        },
      }),
      options.secrets.ringcentralToken,
    ),
  );
  return [accepting, ...phone];
}
