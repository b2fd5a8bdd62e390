import {
  callScenario,
  chatAndCallScenario,
  chatScenario,
  stormScenario,
  type VendorSecrets,
  type WebhookDelivery,
} from '@ccp/server-testing';
import { describe, expect, it } from 'vitest';
import type { DomainEvent, DomainEventOf, DomainEventType } from './domain-events';
import { parseLiveChatEnvelope } from './livechat-envelope';
import { liveChatEventKey } from './livechat-event-key';
import { normalizeLiveChat } from './livechat.normalizer';
import { parseRingCentralNotification } from './ringcentral-notification';
import { ringCentralEventKey } from './ringcentral-event-key';
import { normalizeRingCentral } from './ringcentral.normalizer';

const secrets: VendorSecrets = {
  livechatSecret: 'scenario-livechat-secret',
  ringcentralToken: 'scenario-ringcentral-token',
};
const startAt = new Date('2026-03-02T09:00:00.000Z');

interface Parsed {
  eventKey: string;
  events: DomainEvent[];
}

/** What the endpoint and the worker make of a delivery: the secret check, the event key, the domain events. */
function parse(delivery: WebhookDelivery): Parsed {
  const body: unknown = JSON.parse(JSON.stringify(delivery.body));
  if (delivery.vendor === 'livechat') {
    const envelope = parseLiveChatEnvelope(body);
    expect(envelope.secretKey).toBe(secrets.livechatSecret);
    return { eventKey: liveChatEventKey(envelope), events: normalizeLiveChat(envelope) };
  }
  expect(delivery.headers['verification-token']).toBe(secrets.ringcentralToken);
  const notification = parseRingCentralNotification(body);
  return { eventKey: ringCentralEventKey(notification), events: normalizeRingCentral(notification) };
}

function eventsOf(deliveries: readonly WebhookDelivery[]): DomainEvent[] {
  return deliveries.flatMap((delivery) => parse(delivery).events);
}

function ofType<T extends DomainEventType>(events: readonly DomainEvent[], type: T): DomainEventOf<T>[] {
  return events.filter((event): event is DomainEventOf<T> => event.type === type);
}

/** Every delivery means something to the platform, and no two distinct ones share an event key. */
function expectDistinctMeaningfulDeliveries(deliveries: readonly WebhookDelivery[]): void {
  const parsed = deliveries.map(parse);
  for (const { events } of parsed) expect(events.length).toBeGreaterThan(0);
  expect(new Set(parsed.map(({ eventKey }) => eventKey)).size).toBe(deliveries.length);
}

describe('chatScenario', () => {
  const scenario = chatScenario({ secrets, seed: 'chat-spec', startAt });
  const { ids } = scenario;
  const events = eventsOf(scenario.deliveries);

  it('goes to the LiveChat endpoint, and every delivery is a distinct, meaningful event', () => {
    expect(scenario.deliveries.every((delivery) => delivery.path === '/webhooks/livechat')).toBe(true);
    expectDistinctMeaningfulDeliveries(scenario.deliveries);
  });

  it('tells a whole chat, ending with a message that arrives after the chat ended', () => {
    expect(events.map((event) => event.type)).toEqual([
      'customer.upserted',
      'chat.started',
      'chat.message',
      'chat.message',
      'chat.message',
      'chat.message',
      'chat.message_updated',
      'chat.tagged',
      'chat.participant_added',
      'chat.transferred',
      'chat.message',
      'chat.rated',
      'customer.session_fields',
      'chat.ended',
      'chat.message',
    ]);
    const [started] = ofType(events, 'chat.started');
    const [ended] = ofType(events, 'chat.ended');
    const messageTimes = ofType(events, 'chat.message').map(({ message }) => Date.parse(message.createdAt));
    expect(started?.messages.map((message) => message.kind)).toEqual(['filled_form', 'message']);
    expect(started?.messages[1]?.authorType).toBe('agent');
    expect(messageTimes).toEqual([...messageTimes].sort((a, b) => a - b));
    expect(ended).toMatchObject({ chatId: ids.chatId, threadId: ids.threadId, endedBy: ids.secondAgentId });
  });

  it('names the customer and agents it returns, in every event', () => {
    const [started] = ofType(events, 'chat.started');
    expect(started).toMatchObject({
      chatId: ids.chatId,
      threadId: ids.threadId,
      customer: { externalId: ids.customer.id, name: ids.customer.name, email: ids.customer.email },
      agents: [{ livechatAgentId: ids.firstAgentId }],
    });
    expect(started?.customer?.phone).toBeUndefined();
    for (const event of events) {
      if ('chatId' in event) expect(event.chatId).toBe(ids.chatId);
    }
    expect(ofType(events, 'chat.participant_added')[0]?.userId).toBe(ids.secondAgentId);
    expect(ofType(events, 'chat.transferred')[0]?.toAgentIds).toEqual([ids.secondAgentId]);
    expect(ofType(events, 'chat.rated')[0]).toMatchObject({ score: 'good', comment: 'Quick and helpful' });
    expect(ofType(events, 'customer.session_fields')[0]?.externalId).toBe(ids.customer.id);
  });

  it('has customer messages, agent replies, one file and an edit of an earlier message', () => {
    const messages = ofType(events, 'chat.message').map(({ message }) => message);
    expect(messages.map((message) => [message.authorType, message.kind])).toEqual([
      ['customer', 'message'],
      ['agent', 'message'],
      ['customer', 'file'],
      ['customer', 'message'],
      ['agent', 'message'],
      ['customer', 'message'],
    ]);
    expect(messages[2]?.attachments).toHaveLength(1);
    const [edit] = ofType(events, 'chat.message_updated');
    expect(edit?.message.externalId).toBe(messages[3]?.externalId);
    expect(edit?.message.text).not.toBe(messages[3]?.text);
  });

  it('sends the phone only when given, and the fields it is given', () => {
    const withPhone = chatScenario({
      secrets,
      startAt,
      customer: { phone: '(408) 555-0123', name: 'Jane Doe' },
    });
    const [started] = ofType(eventsOf(withPhone.deliveries), 'chat.started');
    expect(started?.customer).toMatchObject({ name: 'Jane Doe', phone: '(408) 555-0123' });
    expect(withPhone.ids.customer.phone).toBe('(408) 555-0123');
  });

  it('is the same for the same seed and start, and shares no ids with another seed', () => {
    expect(chatScenario({ secrets, seed: 'chat-spec', startAt })).toEqual(scenario);
    const other = chatScenario({ secrets, startAt });
    expect(other.seed).not.toBe(scenario.seed);
    const otherKeys = new Set(other.deliveries.map((delivery) => parse(delivery).eventKey));
    expect(scenario.deliveries.some((delivery) => otherKeys.has(parse(delivery).eventKey))).toBe(false);
    expect([other.ids.chatId, other.ids.threadId, other.ids.customer.id]).not.toContain(ids.chatId);
  });
});

describe('callScenario', () => {
  const scenario = callScenario({ secrets, seed: 'call-spec', startAt });
  const { ids } = scenario;
  const events = eventsOf(scenario.deliveries);
  const partyUpdates = ofType(events, 'call.party_updated');
  const statesOf = (partyId: string) =>
    partyUpdates.filter((update) => update.party.id === partyId).map((update) => update.party.status.code);

  it('goes to the RingCentral endpoint, and every delivery is a distinct, meaningful event', () => {
    expect(scenario.deliveries.every((delivery) => delivery.path === '/webhooks/ringcentral')).toBe(true);
    expectDistinctMeaningfulDeliveries(scenario.deliveries);
  });

  it('reports one party per notification, from sequence 2, caller → IVR → agent, ending with the caller', () => {
    expect(partyUpdates.map((update) => update.sequence)).toEqual(
      Array.from({ length: partyUpdates.length }, (_, index) => index + 2),
    );
    expect(partyUpdates.every((update) => update.telephonySessionId === ids.telephonySessionId)).toBe(true);
    expect(statesOf(ids.partyIds.caller)).toEqual(['Setup', 'Proceeding', 'Answered', 'Disconnected']);
    expect(statesOf(ids.partyIds.ivr ?? '')).toEqual(['Setup', 'Disconnected']);
    expect(statesOf(ids.partyIds.agent)).toEqual([
      'Setup',
      'Proceeding',
      'Answered',
      'Hold',
      'Answered',
      'Disconnected',
    ]);
    expect(partyUpdates.at(-1)?.party).toMatchObject({ id: ids.partyIds.caller, extensionId: undefined });
    expect(
      partyUpdates.find((update) => update.party.id === ids.partyIds.ivr)?.party.extensionId,
    ).toBeUndefined();
    expect(partyUpdates.find((update) => update.party.id === ids.partyIds.agent)?.party.extensionId).toBe(
      ids.agentExtensionId,
    );
    expect(partyUpdates.every((update) => update.party.from.phoneNumber === ids.callerPhoneNumber)).toBe(
      true,
    );
    expect(partyUpdates.some((update) => update.party.missedCall)).toBe(false);
  });

  it("sends the agent extension's presence through the call, with a growing sequence", () => {
    const presence = ofType(events, 'agent.phone_presence');
    expect(presence.map((update) => update.telephonyStatus)).toEqual([
      'Ringing',
      'CallConnected',
      'OnHold',
      'CallConnected',
      'NoCall',
    ]);
    expect(presence.every((update) => update.extensionId === ids.agentExtensionId)).toBe(true);
    const sequences = presence.map((update) => update.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(presence[1]?.activeCalls[0]).toMatchObject({
      telephonySessionId: ids.telephonySessionId,
      partyId: ids.partyIds.agent,
      from: ids.callerPhoneNumber,
    });
  });

  it('a missed call rings the agent out: no Answered anywhere, missedCall on the agent leg', () => {
    const missed = callScenario({ secrets, startAt, outcome: 'missed' });
    const missedEvents = eventsOf(missed.deliveries);
    const updates = ofType(missedEvents, 'call.party_updated');
    expect(missed.ids.partyIds.ivr).toBeUndefined();
    expect(updates.map((update) => update.party.status.code)).not.toContain('Answered');
    expect(
      updates.filter((update) => update.party.id === missed.ids.partyIds.agent).at(-1)?.party,
    ).toMatchObject({
      status: { code: 'Disconnected' },
      missedCall: true,
    });
    expect(updates.at(-1)?.party).toMatchObject({
      id: missed.ids.partyIds.caller,
      status: { code: 'Disconnected' },
    });
    expect(ofType(missedEvents, 'agent.phone_presence').map((update) => update.telephonyStatus)).toEqual([
      'Ringing',
      'NoCall',
    ]);
  });
});

describe('chatAndCallScenario', () => {
  it('one person: the chat has the phone in national format, the call in E.164', () => {
    const scenario = chatAndCallScenario({ secrets, seed: 'pair-spec', startAt });
    const events = eventsOf(scenario.deliveries);
    const chatPhone = ofType(events, 'chat.started')[0]?.customer?.phone ?? '';
    const callerPhone = ofType(events, 'call.party_updated')[0]?.party.from.phoneNumber ?? '';
    expect(callerPhone).toMatch(/^\+1\d{10}$/);
    expect(chatPhone).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    expect(`+1${chatPhone.replace(/\D/g, '')}`).toBe(callerPhone);
    expect(scenario.call.ids.callerPhoneNumber).toBe(scenario.person.phone);
  });
});

describe('stormScenario', () => {
  it('every delivery parses, and distinct deliveries never share an event key', () => {
    const storm = stormScenario({ secrets, seed: 'storm-spec', startAt, count: 4 });
    const distinct = [...new Set(storm.deliveries)];
    expectDistinctMeaningfulDeliveries(distinct);
  });
});
