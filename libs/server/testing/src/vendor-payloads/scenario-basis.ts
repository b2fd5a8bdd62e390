import { SeededRandom } from './seeded-random';
import type { VendorSecrets } from './webhook-delivery';

export interface ScenarioOptions {
  secrets: VendorSecrets;
  /**
   * Ids, names and numbers come from this seed: the same seed and `startAt` give the same
   * deliveries. Default: a fresh seed, so scenarios never share ids and many can run against one
   * database.
   */
  seed?: string;
  /** When the conversation begins (vendor timestamps count from here). Default: now. */
  startAt?: Date;
}

export interface ScenarioBasis {
  /** The seed used, to generate the scenario again. */
  seed: string;
  random: SeededRandom;
  /** The moment `seconds` after the scenario's start. */
  at(seconds: number): Date;
}

export function scenarioBasis({
  seed = SeededRandom.freshSeed(),
  startAt = new Date(),
}: ScenarioOptions): ScenarioBasis {
  const start = startAt.getTime();
  return {
    seed,
    random: new SeededRandom(seed),
    at: (seconds) => new Date(start + Math.round(seconds * 1000)),
  };
}
