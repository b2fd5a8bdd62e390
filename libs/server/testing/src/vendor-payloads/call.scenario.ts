import type { JsonObject } from './json-object';
import {
  activeCall,
  AGENT_EXTENSION_ID,
  agentParty,
  ivrParty,
  presenceEventPath,
  presenceNotification,
  pstnCallerParty,
  SUPPORT_NUMBER,
  telephonyEventPath,
  telephonyNotification,
} from './ringcentral.fixtures';
import { scenarioBasis, type ScenarioOptions } from './scenario-basis';
import { randomPerson } from './scenario-person';
import { ringCentralDelivery, type WebhookDelivery } from './webhook-delivery';

export type CallOutcome = 'answered' | 'missed';

export interface CallAgent {
  extensionId: string;
  name: string;
}

export interface CallScenarioOptions extends ScenarioOptions {
  /**
   * The caller as RingCentral shows them: the number as it arrives (usually E.164), the name from
   * caller id. Fields not given are generated from the seed.
   */
  caller?: { phoneNumber?: string; name?: string };
  /** The extension that rings. Default: the doc's agent extension. */
  agent?: CallAgent;
  /** `missed`: the agent's phone rings out and nobody answers. Default `answered`. */
  outcome?: CallOutcome;
}

export interface CallScenarioIds {
  telephonySessionId: string;
  sessionId: string;
  callerPhoneNumber: string;
  callerName: string;
  agentExtensionId: string;
  /** Only an answered call goes through the IVR. */
  partyIds: { caller: string; ivr?: string; agent: string };
}

export interface CallScenario {
  seed: string;
  ids: CallScenarioIds;
  deliveries: WebhookDelivery[];
}

type PartyRole = 'caller' | 'ivr' | 'agent';

interface PartyStateChange {
  party: PartyRole;
  code: string;
  seconds: number;
  /** Only on the leg that rang out. */
  missed?: { reason: string };
}

/**
 * The PSTN → IVR → agent sequence of the doc's capture (vendor-webhooks.md §2.4), with a hold.
 * The call ends when the caller's leg disconnects, not when the IVR leg does.
 */
const ANSWERED_CALL: readonly PartyStateChange[] = [
  { party: 'caller', code: 'Setup', seconds: 0 },
  { party: 'caller', code: 'Proceeding', seconds: 0.4 },
  { party: 'ivr', code: 'Setup', seconds: 0.8 },
  { party: 'caller', code: 'Answered', seconds: 1.2 },
  { party: 'ivr', code: 'Disconnected', seconds: 18 },
  { party: 'agent', code: 'Setup', seconds: 18.5 },
  { party: 'agent', code: 'Proceeding', seconds: 18.9 },
  { party: 'agent', code: 'Answered', seconds: 26 },
  { party: 'agent', code: 'Hold', seconds: 70 },
  { party: 'agent', code: 'Answered', seconds: 95 },
  { party: 'agent', code: 'Disconnected', seconds: 160 },
  { party: 'caller', code: 'Disconnected', seconds: 160.2 },
];

/** Which `reason` RingCentral sets on ring-no-answer is undocumented; `Timeout` is in its enum. */
const MISSED_CALL: readonly PartyStateChange[] = [
  { party: 'caller', code: 'Setup', seconds: 0 },
  { party: 'caller', code: 'Proceeding', seconds: 0.4 },
  { party: 'agent', code: 'Setup', seconds: 1 },
  { party: 'agent', code: 'Proceeding', seconds: 1.4 },
  { party: 'agent', code: 'Disconnected', seconds: 31.4, missed: { reason: 'Timeout' } },
  { party: 'caller', code: 'Disconnected', seconds: 31.6 },
];

/** The agent's detailed telephony presence that each state of its own leg produces. */
const PRESENCE_OF_AGENT_STATE: Readonly<Record<string, string>> = {
  Proceeding: 'Ringing',
  Answered: 'CallConnected',
  Hold: 'OnHold',
  Disconnected: 'NoCall',
};

/** Delays the captures show between a state change, its notification and the presence update. */
const NOTIFICATION_DELAY_SECONDS = 0.05;
const PRESENCE_DELAY_SECONDS = 0.1;

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/**
 * RingCentral's presence `sequence` is a per-extension counter that only grows, and the platform
 * drops presence older than what it has. Counting seconds since 2020 keeps it growing across
 * scenarios and runs for one extension while staying a 32-bit integer.
 */
export function presenceSequenceAt(time: Date): number {
  return Math.floor((time.getTime() - SEQUENCE_EPOCH) / 1000);
}

const DEFAULT_AGENT: CallAgent = { extensionId: AGENT_EXTENSION_ID, name: 'Support Agent 1' };

/**
 * An inbound PSTN call as RingCentral notifies it on an account-level subscription: one
 * telephony-session notification per party change (sequence from 2, as in the captures) and the
 * agent extension's detailed presence (Ringing → CallConnected → OnHold → CallConnected → NoCall),
 * ordered by time. The `missed` outcome rings the agent out with `missedCall: true` and no Answered.
 */
export function callScenario(options: CallScenarioOptions): CallScenario {
  const { seed, random, at } = scenarioBasis(options);
  const person = randomPerson(random);
  const callerPhoneNumber = options.caller?.phoneNumber ?? person.phone;
  const callerName = options.caller?.name ?? person.name.toUpperCase();
  const agent = options.agent ?? DEFAULT_AGENT;
  const sessionHex = random.hex(32);
  const telephonySessionId = `s-${sessionHex}`;
  const sessionId = random.digits(12);
  const callId = random.hex(32);
  const partyIds: Record<PartyRole, string> = {
    caller: `p-${sessionHex}-1`,
    ivr: `p-${sessionHex}-2`,
    agent: `p-${sessionHex}-3`,
  };
  const changes = options.outcome === 'missed' ? MISSED_CALL : ANSWERED_CALL;
  const notificationUuid = () => `${random.integer(1, 9)}${random.digits(18)}`;
  const caller = { phoneNumber: callerPhoneNumber, name: callerName };

  const partyOf = (change: PartyStateChange): JsonObject => {
    const shared = {
      id: partyIds[change.party],
      from: caller,
      status: { code: change.code, ...(change.missed && { reason: change.missed.reason }), rcc: false },
      missedCall: change.missed !== undefined,
    };
    switch (change.party) {
      case 'caller':
        return pstnCallerParty(shared);
      case 'ivr':
        return ivrParty(shared);
      case 'agent':
        return agentParty({
          ...shared,
          extensionId: agent.extensionId,
          to: { phoneNumber: SUPPORT_NUMBER, name: agent.name, extensionId: agent.extensionId },
        });
    }
  };

  const timed: Array<{ seconds: number; delivery: WebhookDelivery }> = [];
  changes.forEach((change, index) => {
    const eventTime = at(change.seconds);
    const extensionId = change.party === 'agent' ? agent.extensionId : undefined;
    timed.push({
      seconds: change.seconds + NOTIFICATION_DELAY_SECONDS,
      delivery: ringCentralDelivery(
        telephonyNotification({
          envelope: {
            uuid: notificationUuid(),
            event: telephonyEventPath(extensionId),
            timestamp: at(change.seconds + NOTIFICATION_DELAY_SECONDS).toISOString(),
          },
          body: { sequence: index + 2, sessionId, telephonySessionId, eventTime: eventTime.toISOString() },
          parties: [partyOf(change)],
        }),
        options.secrets.ringcentralToken,
      ),
    });

    const telephonyStatus = change.party === 'agent' ? PRESENCE_OF_AGENT_STATE[change.code] : undefined;
    if (telephonyStatus === undefined) return;
    const onCall = telephonyStatus !== 'NoCall';
    const presenceAt = at(change.seconds + PRESENCE_DELAY_SECONDS);
    timed.push({
      seconds: change.seconds + PRESENCE_DELAY_SECONDS,
      delivery: ringCentralDelivery(
        presenceNotification({
          envelope: {
            uuid: random.uuid(),
            event: presenceEventPath(agent.extensionId),
            timestamp: presenceAt.toISOString(),
          },
          body: {
            extensionId: agent.extensionId,
            sequence: presenceSequenceAt(presenceAt),
            presenceStatus: onCall ? 'Busy' : 'Available',
            telephonyStatus,
            totalActiveCalls: onCall ? 1 : 0,
            activeCalls: [
              activeCall({
                id: callId,
                from: callerPhoneNumber,
                fromName: callerName,
                telephonyStatus,
                startTime: at(0).toISOString(),
                sessionId,
                telephonySessionId,
                partyId: partyIds.agent,
                ...(onCall ? {} : { terminationType: 'final' }),
              }),
            ],
          },
        }),
        options.secrets.ringcentralToken,
      ),
    });
  });

  return {
    seed,
    ids: {
      telephonySessionId,
      sessionId,
      callerPhoneNumber,
      callerName,
      agentExtensionId: agent.extensionId,
      partyIds: {
        caller: partyIds.caller,
        ...(changes.some((change) => change.party === 'ivr') && { ivr: partyIds.ivr }),
        agent: partyIds.agent,
      },
    },
    deliveries: timed.sort((a, b) => a.seconds - b.seconds).map(({ delivery }) => delivery),
  };
}
