import { describe, expect, it } from 'vitest';
import { SIMULATION_MODES, type SimulationSettings } from './simulation-modes';

const settings: SimulationSettings = {
  secrets: { livechatSecret: 'modes-livechat-secret', ringcentralToken: 'modes-ringcentral-token' },
  count: 2,
  seed: 'modes',
  now: new Date('2026-03-02T12:00:00.000Z'),
};

/** The latest vendor time in a delivery: LiveChat `created_at`s or RingCentral's envelope `timestamp`. */
function latestTimeOf(body: unknown): number {
  const times = JSON.stringify(body).match(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g) ?? [];
  return Math.max(...times.map((time) => Date.parse(time)));
}

describe('SIMULATION_MODES', () => {
  it.each(Object.entries(SIMULATION_MODES))('%s builds the same deliveries from the same seed', (_, mode) => {
    const deliveries = mode.deliveries(settings);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(mode.deliveries(settings)).toEqual(deliveries);
  });

  it('the in-order modes send count conversations that are over by now', () => {
    const one = SIMULATION_MODES.chat.deliveries({ ...settings, count: 1 });
    const chats = SIMULATION_MODES.chat.deliveries(settings);
    expect(chats).toHaveLength(2 * one.length);
    for (const mode of [SIMULATION_MODES.chat, SIMULATION_MODES.call, SIMULATION_MODES.both]) {
      expect(mode.concurrency).toBe(1);
      for (const delivery of mode.deliveries(settings)) {
        expect(latestTimeOf(delivery.body)).toBeLessThan(settings.now.getTime());
      }
    }
  });

  it('both sends a chat and a call; a storm sends several of those at once', () => {
    const vendors = new Set(SIMULATION_MODES.both.deliveries(settings).map((delivery) => delivery.vendor));
    expect([...vendors].sort()).toEqual(['livechat', 'ringcentral']);
    const pairDeliveries = SIMULATION_MODES.both.deliveries({ ...settings, count: 1 }).length;
    expect(SIMULATION_MODES.storm.deliveries(settings).length).toBeGreaterThanOrEqual(2 * pairDeliveries);
    expect(SIMULATION_MODES.storm.concurrency).toBeGreaterThan(1);
  });
});
