import {
  AGENT_ID,
  AGENT_NAME,
  agentUser,
  chatDeactivatedBody,
  chatTransferredBody,
  customerSessionFieldsUpdatedBody,
  customerUser,
  eventUpdatedBody,
  fileEvent,
  filledFormEvent,
  incomingChatBody,
  incomingEventBody,
  messageEvent,
  OTHER_AGENT_ID,
  OTHER_AGENT_NAME,
  threadPropertiesUpdatedBody,
  threadTaggedBody,
  userAddedToChatBody,
  type EnvelopeOptions,
} from './livechat.fixtures';
import type { JsonObject } from './json-object';
import { scenarioBasis, type ScenarioOptions } from './scenario-basis';
import { randomPerson } from './scenario-person';
import { liveChatDelivery, type WebhookDelivery } from './webhook-delivery';

export interface ChatAgent {
  /** LiveChat identifies human agents by their login e-mail. */
  id: string;
  name: string;
}

export interface ChatCustomer {
  /** LiveChat customer ids are UUIDs. */
  id: string;
  name: string;
  email: string;
  /** As the customer typed it; sent only when given. */
  phone?: string;
}

export interface ChatScenarioOptions extends ScenarioOptions {
  /** Fields to fix; the others are generated from the seed. */
  customer?: Partial<ChatCustomer>;
  /** Who takes the chat and who it is transferred to. Default: the doc's two agents. */
  agents?: { first: ChatAgent; second: ChatAgent };
}

export interface ChatScenarioIds {
  chatId: string;
  threadId: string;
  customer: ChatCustomer;
  firstAgentId: string;
  secondAgentId: string;
}

export interface ChatScenario {
  seed: string;
  ids: ChatScenarioIds;
  deliveries: WebhookDelivery[];
}

const DEFAULT_AGENTS = {
  first: { id: AGENT_ID, name: AGENT_NAME },
  second: { id: OTHER_AGENT_ID, name: OTHER_AGENT_NAME },
};

/** Chat and thread ids look like `RX2K8Q4T1M`. */
const LIVECHAT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** LiveChat timestamps carry microseconds: `2025-05-12T11:42:47.383000Z`. */
function liveChatTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/**
 * One LiveChat chat from start to end, in the order LiveChat would deliver it: the chat starts
 * with a pre-chat form and the agent's greeting; customer and agent exchange messages and a file;
 * the customer edits a message; the thread is tagged; a second agent joins and the chat is
 * transferred to them; the customer rates the chat and their session fields change; the chat is
 * deactivated, and a message written just before that arrives after it (LiveChat does not order
 * its deliveries).
 */
export function chatScenario(options: ChatScenarioOptions): ChatScenario {
  const { seed, random, at } = scenarioBasis(options);
  const person = randomPerson(random);
  const customer: ChatCustomer = {
    id: random.uuid(),
    name: person.name,
    email: person.email,
    ...options.customer,
  };
  const chatId = random.characters(LIVECHAT_ID_ALPHABET, 10);
  const threadId = random.characters(LIVECHAT_ID_ALPHABET, 10);
  const orderNumber = random.digits(5);
  const { first, second } = options.agents ?? DEFAULT_AGENTS;
  const [firstName] = customer.name.split(' ');

  const envelope: EnvelopeOptions = { secretKey: options.secrets.livechatSecret };
  const inThread = { chat_id: chatId, thread_id: threadId };
  const eventId = (ordinal: number) => `${threadId}_${ordinal}`;
  const timeAt = (seconds: number) => liveChatTime(at(seconds));
  const message = (ordinal: number, authorId: string, seconds: number, text: string): JsonObject =>
    messageEvent({
      id: eventId(ordinal),
      custom_id: undefined,
      author_id: authorId,
      created_at: timeAt(seconds),
      text,
    });
  const receiptNote = message(6, customer.id, 60, 'here is the receipt, it was due last monday');

  const bodies = [
    incomingChatBody(
      {
        chat: {
          id: chatId,
          users: [
            customerUser({
              id: customer.id,
              name: customer.name,
              email: customer.email,
              phone_number: customer.phone,
              events_seen_up_to: timeAt(2),
              created_at: timeAt(-30),
            }),
            agentUser({ id: first.id, name: first.name, email: first.id }),
          ],
        },
        thread: {
          id: threadId,
          created_at: timeAt(0),
          user_ids: [customer.id, first.id],
          events: [
            filledFormEvent({
              id: eventId(1),
              author_id: customer.id,
              created_at: timeAt(0),
              fields: [
                { id: '10021', type: 'name', label: 'Name:', answer: customer.name },
                { id: '10022', type: 'email', label: 'E-mail:', answer: customer.email },
              ],
            }),
            message(2, first.id, 2, `Hi ${firstName}, thanks for reaching out! How can I help?`),
          ],
          previous_thread_id: undefined,
        },
      },
      envelope,
    ),
    incomingEventBody(
      { ...inThread, event: message(3, customer.id, 15, `My order #${orderNumber} hasn't arrived yet.`) },
      envelope,
    ),
    incomingEventBody(
      {
        ...inThread,
        event: message(4, first.id, 40, `Sorry about that! Let me check order #${orderNumber}.`),
      },
      envelope,
    ),
    incomingEventBody(
      { ...inThread, event: fileEvent({ id: eventId(5), author_id: customer.id, created_at: timeAt(55) }) },
      envelope,
    ),
    incomingEventBody({ ...inThread, event: receiptNote }, envelope),
    eventUpdatedBody(
      { ...inThread, event: { ...receiptNote, text: 'Here is the receipt; it was due last Monday.' } },
      envelope,
    ),
    threadTaggedBody({ ...inThread, tag: 'delivery' }, envelope),
    userAddedToChatBody(
      {
        ...inThread,
        user: agentUser({ id: second.id, name: second.name, email: second.id }),
        requester_id: first.id,
      },
      envelope,
    ),
    chatTransferredBody(
      {
        ...inThread,
        requester_id: first.id,
        transferred_to: { group_ids: [0], agent_ids: [second.id] },
        queue: undefined,
      },
      envelope,
    ),
    incomingEventBody(
      {
        ...inThread,
        event: message(
          7,
          second.id,
          120,
          `Hi ${firstName}, ${second.name} here: your parcel is out for delivery today.`,
        ),
      },
      envelope,
    ),
    threadPropertiesUpdatedBody(
      { ...inThread, properties: { rating: { score: 1, comment: 'Quick and helpful' } } },
      envelope,
    ),
    customerSessionFieldsUpdatedBody(
      {
        id: customer.id,
        active_chat: inThread,
        session_fields: [{ order_id: orderNumber }, { plan: 'pro' }],
      },
      envelope,
    ),
    chatDeactivatedBody({ ...inThread, user_id: second.id }, envelope),
    incomingEventBody({ ...inThread, event: message(8, customer.id, 169, 'Great, thank you!') }, envelope),
  ];

  return {
    seed,
    ids: { chatId, threadId, customer, firstAgentId: first.id, secondAgentId: second.id },
    deliveries: bodies.map(liveChatDelivery),
  };
}
