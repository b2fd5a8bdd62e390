import { chatAndCallScenario, type ChatAndCallScenario } from './chat-and-call.scenario';
import { scenarioBasis, type ScenarioOptions } from './scenario-basis';
import type { WebhookDelivery } from './webhook-delivery';

export interface StormScenarioOptions extends ScenarioOptions {
  /** How many chat-and-call pairs. Default 10. */
  count?: number;
}

export interface StormScenario {
  seed: string;
  pairs: ChatAndCallScenario[];
  /** Every delivery of every pair, each 1 to 3 times, shuffled. */
  deliveries: WebhookDelivery[];
}

/** Vendors redeliver when the 200 comes late or not at all (LiveChat retries up to 3 times). */
const MAX_COPIES = 3;
const PAIR_SPACING_SECONDS = 20;
const MISSED_CALL_EVERY = 3;

/**
 * Many conversations at once, delivered the way the vendors do under stress: redelivered and in
 * no particular order (a message before its chat starts, a call's end before its ringing). Calls
 * overlap in time, so each rings its own agent extension. Every third call is missed. The same
 * seed and `startAt` give the same storm.
 */
export function stormScenario(options: StormScenarioOptions): StormScenario {
  const { seed, random, at } = scenarioBasis(options);
  const count = options.count ?? 10;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const pairs = Array.from({ length: count }, (_, index) =>
    chatAndCallScenario({
      secrets: options.secrets,
      seed: `${seed}/${index}`,
      startAt: at(index * PAIR_SPACING_SECONDS),
      call: {
        outcome: (index + 1) % MISSED_CALL_EVERY === 0 ? 'missed' : 'answered',
        agent: {
          extensionId: `${random.integer(1, 9)}${random.digits(10)}`,
          name: `Support Agent ${index + 1}`,
        },
      },
    }),
  );
  const copies = pairs
    .flatMap((pair) => pair.deliveries)
    .flatMap((delivery) => Array.from({ length: random.integer(1, MAX_COPIES) }, () => delivery));
  return { seed, pairs, deliveries: random.shuffled(copies) };
}
