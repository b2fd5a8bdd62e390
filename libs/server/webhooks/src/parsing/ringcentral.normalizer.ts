import type {
  CallDirection,
  CallEndpoint,
  CallParty,
  CallPartyStatus,
  DomainEvent,
  PhoneActiveCall,
} from './domain-events';
import { InvalidWebhookError } from './invalid-webhook.error';
import {
  idStr,
  int,
  isoTime,
  obj,
  objItems,
  optBool,
  optIdStr,
  optInt,
  optObj,
  optStr,
  root,
  str,
  type JsonObjectReader,
} from './payload-reader';
import type { RingCentralNotification } from './ringcentral-notification';

function endpointOf(parent: JsonObjectReader, key: string): CallEndpoint {
  const endpoint = optObj(parent, key);
  if (!endpoint) return {};
  return {
    phoneNumber: optStr(endpoint, 'phoneNumber'),
    name: optStr(endpoint, 'name'),
    extensionId: optIdStr(endpoint, 'extensionId'),
    deviceId: optIdStr(endpoint, 'deviceId'),
  };
}

function directionOf(party: JsonObjectReader): CallDirection {
  const direction = str(party, 'direction');
  if (direction === 'Inbound' || direction === 'Outbound') return direction;
  throw new InvalidWebhookError(`${party.path}.direction must be Inbound or Outbound`);
}

function statusOf(party: JsonObjectReader): CallPartyStatus {
  const status = obj(party, 'status');
  const peer = optObj(status, 'peerId');
  return {
    code: str(status, 'code'),
    reason: optStr(status, 'reason'),
    description: optStr(status, 'description'),
    peerId: peer && {
      sessionId: optIdStr(peer, 'sessionId'),
      telephonySessionId: optStr(peer, 'telephonySessionId'),
      partyId: optStr(peer, 'partyId'),
    },
  };
}

function partyOf(party: JsonObjectReader): CallParty {
  const recordings = objItems(party, 'recordings', { optional: true }).map((recording) => ({
    id: idStr(recording, 'id'),
    active: optBool(recording, 'active') ?? false,
  }));
  return {
    id: str(party, 'id'),
    extensionId: optIdStr(party, 'extensionId'),
    accountId: optIdStr(party, 'accountId'),
    direction: directionOf(party),
    from: endpointOf(party, 'from'),
    to: endpointOf(party, 'to'),
    status: statusOf(party),
    missedCall: optBool(party, 'missedCall') ?? false,
    queueCall: optBool(party, 'queueCall'),
    standAlone: optBool(party, 'standAlone'),
    muted: optBool(party, 'muted'),
    conferenceRole: optStr(party, 'conferenceRole'),
    recordings: recordings.length > 0 ? recordings : undefined,
  };
}

/** One `call.party_updated` per party: account-level subscriptions send one, the code allows several. */
function telephony(body: JsonObjectReader): DomainEvent[] {
  const telephonySessionId = str(body, 'telephonySessionId');
  const sessionId = idStr(body, 'sessionId');
  const sequence = int(body, 'sequence');
  const eventTime = isoTime(body, 'eventTime');
  const origin = optObj(body, 'origin');
  const originType = origin ? optStr(origin, 'type') : undefined;
  return objItems(body, 'parties').map((party) => ({
    type: 'call.party_updated',
    telephonySessionId,
    sessionId,
    sequence,
    eventTime,
    origin: originType,
    party: partyOf(party),
  }));
}

function activeCallOf(call: JsonObjectReader): PhoneActiveCall {
  return {
    id: optStr(call, 'id'),
    telephonySessionId: optStr(call, 'telephonySessionId'),
    sessionId: optIdStr(call, 'sessionId'),
    partyId: optStr(call, 'partyId'),
    direction: optStr(call, 'direction'),
    telephonyStatus: optStr(call, 'telephonyStatus'),
    from: optStr(call, 'from'),
    fromName: optStr(call, 'fromName'),
    to: optStr(call, 'to'),
    toName: optStr(call, 'toName'),
    queueCall: optBool(call, 'queueCall'),
    startTime: optStr(call, 'startTime'),
  };
}

function presence(body: JsonObjectReader, pathExtensionId: string | undefined): DomainEvent {
  // The body is authoritative (one official sample sends it as a number); the path is the fallback.
  const extensionId = optIdStr(body, 'extensionId') ?? pathExtensionId ?? idStr(body, 'extensionId');
  return {
    type: 'agent.phone_presence',
    extensionId,
    sequence: int(body, 'sequence'),
    presenceStatus: optStr(body, 'presenceStatus'),
    userStatus: optStr(body, 'userStatus'),
    telephonyStatus: optStr(body, 'telephonyStatus'),
    dndStatus: optStr(body, 'dndStatus'),
    meetingStatus: optStr(body, 'meetingStatus') ?? optStr(body, 'meetingsStatus'),
    totalActiveCalls: optInt(body, 'totalActiveCalls'),
    activeCalls: objItems(body, 'activeCalls', { optional: true }).map(activeCallOf),
  };
}

function subscriptionExpiring(notification: RingCentralNotification, body: JsonObjectReader): DomainEvent {
  const subscriptionId = notification.subscriptionId ?? optStr(body, 'subscriptionId') ?? optStr(body, 'id');
  if (!subscriptionId) {
    throw new InvalidWebhookError('subscriptionId must be a non-empty string but is missing');
  }
  return { type: 'subscription.expiring', subscriptionId };
}

/**
 * Turns a stored RingCentral notification into domain events: one `call.party_updated` per
 * telephony party, one `agent.phone_presence`, one `subscription.expiring`, or `[]` for other
 * kinds. Throws InvalidWebhookError naming the field when a needed field is missing or mistyped.
 */
export function normalizeRingCentral(notification: RingCentralNotification): DomainEvent[] {
  const body = root(notification.body, 'body');
  try {
    switch (notification.kind) {
      case 'telephony':
        return telephony(body);
      case 'presence':
        return [presence(body, notification.extensionId)];
      case 'subscription_reminder':
        return [subscriptionExpiring(notification, body)];
      case 'other':
        return [];
    }
  } catch (error) {
    if (error instanceof InvalidWebhookError) {
      throw new InvalidWebhookError(`ringcentral ${notification.kind}: ${error.reason}`);
    }
    throw error;
  }
}
