import { describe, expect, it } from 'vitest';
import { stormScenario } from './storm.scenario';
import type { VendorSecrets, WebhookDelivery } from './webhook-delivery';

const secrets: VendorSecrets = {
  livechatSecret: 'storm-livechat-secret',
  ringcentralToken: 'storm-ringcentral-token',
};
const startAt = new Date('2026-03-02T09:00:00.000Z');

const copiesOf = (deliveries: readonly WebhookDelivery[]) => {
  const copies = new Map<string, number>();
  for (const delivery of deliveries) {
    const key = JSON.stringify(delivery);
    copies.set(key, (copies.get(key) ?? 0) + 1);
  }
  return copies;
};

describe('stormScenario', () => {
  const storm = stormScenario({ secrets, seed: 'storm', startAt, count: 6 });

  it('is reproducible from its seed and start, and another seed gives another storm', () => {
    expect(stormScenario({ secrets, seed: 'storm', startAt, count: 6 })).toEqual(storm);
    expect(stormScenario({ secrets, seed: 'other', startAt, count: 6 }).deliveries).not.toEqual(
      storm.deliveries,
    );
    expect(stormScenario({ secrets, startAt, count: 1 }).seed).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends every delivery of every pair 1 to 3 times and nothing else', () => {
    const scenarioDeliveries = storm.pairs.flatMap((pair) => pair.deliveries);
    const sent = copiesOf(storm.deliveries);
    expect([...sent.keys()].sort()).toEqual([...copiesOf(scenarioDeliveries).keys()].sort());
    expect(Math.min(...sent.values())).toBe(1);
    expect(Math.max(...sent.values())).toBe(3);
    expect(storm.deliveries.length).toBe([...sent.values()].reduce((sum, copies) => sum + copies, 0));
  });

  it('shuffles across conversations instead of sending them one after another', () => {
    const firstPairDeliveries = new Set(storm.pairs[0]?.deliveries);
    const firstPairPositions = storm.deliveries.flatMap((delivery, index) =>
      firstPairDeliveries.has(delivery) ? [index] : [],
    );
    expect(Math.max(...firstPairPositions)).toBeGreaterThan(storm.deliveries.length / 2);
    expect(storm.deliveries[0]).not.toBe(storm.pairs[0]?.deliveries[0]);
  });

  it('pairs a chat and a call per person, each call on its own extension, every third one missed', () => {
    expect(storm.pairs).toHaveLength(6);
    expect(storm.pairs.map((pair) => pair.call.ids.callerPhoneNumber)).toEqual(
      storm.pairs.map((pair) => pair.person.phone),
    );
    expect(new Set(storm.pairs.map((pair) => pair.call.ids.agentExtensionId)).size).toBe(6);
    expect(storm.pairs.map((pair) => pair.call.ids.partyIds.ivr === undefined)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(new Set(storm.pairs.map((pair) => pair.chat.ids.chatId)).size).toBe(6);
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => stormScenario({ secrets, count: 0 })).toThrow(RangeError);
    expect(() => stormScenario({ secrets, count: 1.5 })).toThrow(RangeError);
  });
});
