import {
  callScenario,
  chatAndCallScenario,
  chatScenario,
  presenceScenario,
  stormScenario,
  type ScenarioOptions,
  type VendorSecrets,
  type WebhookDelivery,
} from '@ccp/server-testing';

export interface SimulationSettings {
  secrets: VendorSecrets;
  /** Conversations to simulate (for a storm: chat-and-call pairs). */
  count: number;
  seed: string;
  /** The simulated history ends by this moment. */
  now: Date;
}

export interface SimulationMode {
  /** One line of --help. */
  description: string;
  defaultCount: number;
  /** 1 sends in order, one after the other, as one vendor connection would. */
  concurrency: number;
  deliveries(settings: SimulationSettings): WebhookDelivery[];
  /** Wait between deliveries so that a person can watch each step in the console. */
  pacingMs?: number;
}

/** Room for a chat and the call after it (about eight minutes), so one agent's calls never overlap. */
const CONVERSATION_SPACING_MS = 10 * 60_000;

/**
 * `count` scenarios one after another, the last ending just before `now`: the console then shows
 * finished conversations, and each call's presence sequence is above the previous call's.
 */
function inSuccession(
  settings: SimulationSettings,
  scenario: (options: ScenarioOptions) => { deliveries: WebhookDelivery[] },
): WebhookDelivery[] {
  return Array.from({ length: settings.count }, (_, index) =>
    scenario({
      secrets: settings.secrets,
      seed: `${settings.seed}/${index}`,
      startAt: new Date(settings.now.getTime() - (settings.count - index) * CONVERSATION_SPACING_MS),
    }),
  ).flatMap(({ deliveries }) => deliveries);
}

/** Adding a mode is one entry here; --help lists them from this table. */
export const SIMULATION_MODES = {
  chat: {
    description: 'LiveChat chats from start to end: messages, a file, an edit, a transfer, a rating',
    defaultCount: 1,
    concurrency: 1,
    deliveries: (settings) => inSuccession(settings, chatScenario),
  },
  call: {
    description: 'RingCentral calls through the IVR to an agent, with hold, and the agent presence',
    defaultCount: 1,
    concurrency: 1,
    deliveries: (settings) => inSuccession(settings, callScenario),
  },
  both: {
    description: 'one person chats, then calls (the same phone number, written two ways)',
    defaultCount: 1,
    concurrency: 1,
    deliveries: (settings) => inSuccession(settings, chatAndCallScenario),
  },
  storm: {
    description: 'chat-and-call pairs at once: every delivery 1–3 times, shuffled, many in flight',
    defaultCount: 10,
    concurrency: 16,
    deliveries: ({ secrets, seed, count, now }) =>
      stormScenario({ secrets, seed, count, startAt: new Date(now.getTime() - CONVERSATION_SPACING_MS) })
        .deliveries,
  },
  presence: {
    description:
      'an agent goes on a phone call and back (watch the supervisor board; chats pause and resume)',
    defaultCount: 1,
    concurrency: 1,
    pacingMs: 2_000,
    deliveries: ({ secrets, seed, now }) => presenceScenario({ secrets, seed, startAt: now }),
  },
} satisfies Record<string, SimulationMode>;

export type SimulationModeName = keyof typeof SIMULATION_MODES;

export function isSimulationModeName(name: string): name is SimulationModeName {
  return Object.hasOwn(SIMULATION_MODES, name);
}
