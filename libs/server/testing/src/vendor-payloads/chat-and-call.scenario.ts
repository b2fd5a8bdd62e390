import { callScenario, type CallScenario, type CallScenarioOptions } from './call.scenario';
import { chatScenario, type ChatScenario } from './chat.scenario';
import { scenarioBasis, type ScenarioOptions } from './scenario-basis';
import { nationalPhoneFormat, randomPerson, type ScenarioPerson } from './scenario-person';
import type { WebhookDelivery } from './webhook-delivery';

export interface ChatAndCallScenarioOptions extends ScenarioOptions {
  call?: Pick<CallScenarioOptions, 'agent' | 'outcome'>;
}

export interface ChatAndCallScenario {
  seed: string;
  person: ScenarioPerson;
  chat: ChatScenario;
  call: CallScenario;
  /** The chat's deliveries, then the call's. */
  deliveries: WebhookDelivery[];
}

const CALL_AFTER_CHAT_SECONDS = 300;

/**
 * One person chats, then phones five minutes later. The chat carries the phone number as people
 * type it (national format) and RingCentral sends it in E.164, so the platform has to recognise
 * one customer in both.
 */
export function chatAndCallScenario(options: ChatAndCallScenarioOptions): ChatAndCallScenario {
  const { seed, random, at } = scenarioBasis(options);
  const person = randomPerson(random);
  const chat = chatScenario({
    secrets: options.secrets,
    seed: `${seed}/chat`,
    startAt: at(0),
    customer: { name: person.name, email: person.email, phone: nationalPhoneFormat(person.phone) },
  });
  const call = callScenario({
    secrets: options.secrets,
    seed: `${seed}/call`,
    startAt: at(CALL_AFTER_CHAT_SECONDS),
    caller: { phoneNumber: person.phone, name: person.name.toUpperCase() },
    ...options.call,
  });
  return { seed, person, chat, call, deliveries: [...chat.deliveries, ...call.deliveries] };
}
