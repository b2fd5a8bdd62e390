import type {
  AgentRef,
  ChatQueueInfo,
  ChatRatingScore,
  ChatRoutingStatus,
  CustomerRef,
  DomainEvent,
} from './domain-events';
import { InvalidWebhookError } from './invalid-webhook.error';
import type { StoredLiveChatEnvelope } from './livechat-envelope';
import {
  inferAuthorType,
  toAgentRef,
  toChatMessage,
  toCustomerRef,
  toUserRef,
  userTypeOf,
  type ChatUserDirectory,
} from './livechat-message';
import {
  field,
  int,
  intItems,
  isIsoTimestamp,
  isoTime,
  isRecord,
  num,
  obj,
  objItems,
  optObj,
  optStr,
  root,
  str,
  strItems,
  type JsonObjectReader,
} from './payload-reader';

export const HANDLED_LIVECHAT_ACTIONS = [
  'incoming_chat',
  'incoming_event',
  'event_updated',
  'event_deleted',
  'chat_deactivated',
  'user_added_to_chat',
  'user_removed_from_chat',
  'chat_transferred',
  'thread_tagged',
  'thread_untagged',
  'chat_properties_updated',
  'thread_properties_updated',
  'routing_status_set',
  'incoming_customer',
  'customer_session_fields_updated',
] as const;

export type HandledLiveChatAction = (typeof HANDLED_LIVECHAT_ACTIONS)[number];

const HANDLED: ReadonlySet<string> = new Set(HANDLED_LIVECHAT_ACTIONS);

export function isHandledLiveChatAction(action: string): action is HandledLiveChatAction {
  return HANDLED.has(action);
}

function incomingChat(payload: JsonObjectReader): DomainEvent[] {
  const chat = obj(payload, 'chat');
  const thread = obj(chat, 'thread');
  const users = objItems(chat, 'users', { optional: true });
  const directory: ChatUserDirectory = new Map(users.map((user) => [str(user, 'id'), userTypeOf(user)]));
  const customers: CustomerRef[] = [];
  const agents: AgentRef[] = [];
  for (const user of users) {
    if (directory.get(str(user, 'id')) === 'customer') customers.push(toCustomerRef(user));
    else agents.push(toAgentRef(user));
  }
  const access = optObj(thread, 'access') ?? optObj(chat, 'access');
  const previousThreadId = optStr(thread, 'previous_thread_id');
  return [
    ...customers.map((customer): DomainEvent => ({
      type: 'customer.upserted',
      source: 'livechat',
      externalId: customer.externalId,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
    })),
    {
      type: 'chat.started',
      chatId: str(chat, 'id'),
      threadId: str(thread, 'id'),
      startedAt: isoTime(thread, 'created_at'),
      customer: customers[0],
      agents,
      groupIds: access ? intItems(access, 'group_ids', { optional: true }) : [],
      tags: strItems(thread, 'tags', { optional: true }),
      messages: objItems(thread, 'events', { optional: true }).map((event) =>
        toChatMessage(event, directory),
      ),
      previousThreadId: previousThreadId || undefined,
    },
  ];
}

function userAdded(payload: JsonObjectReader): DomainEvent {
  const user = obj(payload, 'user');
  const userType = optStr(payload, 'user_type');
  const ref = toUserRef(user, userType);
  return {
    type: 'chat.participant_added',
    chatId: str(payload, 'chat_id'),
    threadId: optStr(payload, 'thread_id') || undefined,
    userId: str(user, 'id'),
    userType: ref.kind,
    user: ref,
    reason: optStr(payload, 'reason'),
    requesterId: optStr(payload, 'requester_id') || undefined,
  };
}

function userRemoved(payload: JsonObjectReader): DomainEvent {
  const userId = str(payload, 'user_id');
  const declared = optStr(payload, 'user_type');
  return {
    type: 'chat.participant_removed',
    chatId: str(payload, 'chat_id'),
    threadId: optStr(payload, 'thread_id') || undefined,
    userId,
    userType:
      declared === 'customer' || declared === 'agent'
        ? declared
        : inferAuthorType(userId) === 'customer'
          ? 'customer'
          : 'agent',
    reason: optStr(payload, 'reason'),
    requesterId: optStr(payload, 'requester_id') || undefined,
  };
}

/**
 * `queued_at` is RFC 3339. The v3.3 sample calls it `queued_at_us`, which suggests epoch
 * microseconds: a number is read as µs, ms or s by its magnitude; anything unreadable is dropped
 * (the queue position and wait time still count).
 */
function queuedAtOf(queue: JsonObjectReader): string | undefined {
  const value = field(queue, 'queued_at') ?? field(queue, 'queued_at_us');
  if (typeof value === 'string') return isIsoTimestamp(value) ? value : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  const milliseconds = value >= 1e14 ? value / 1000 : value >= 1e11 ? value : value * 1000;
  const date = new Date(milliseconds);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function queueOf(payload: JsonObjectReader): ChatQueueInfo | undefined {
  const queue = optObj(payload, 'queue');
  if (!queue) return undefined;
  return {
    position: int(queue, 'position'),
    waitTimeSeconds: num(queue, 'wait_time'),
    queuedAt: queuedAtOf(queue),
  };
}

function chatTransferred(payload: JsonObjectReader): DomainEvent {
  const transferredTo = obj(payload, 'transferred_to');
  return {
    type: 'chat.transferred',
    chatId: str(payload, 'chat_id'),
    threadId: optStr(payload, 'thread_id') || undefined,
    requesterId: optStr(payload, 'requester_id') || undefined,
    reason: optStr(payload, 'reason'),
    toAgentIds: strItems(transferredTo, 'agent_ids', { optional: true }),
    toGroupIds: intItems(transferredTo, 'group_ids', { optional: true }),
    queue: queueOf(payload),
  };
}

function ratingScore(rating: JsonObjectReader): ChatRatingScore | undefined {
  const score = field(rating, 'score');
  if (score === undefined || score === null) return undefined;
  if (score === 1 || score === 'good') return 'good';
  if (score === 0 || score === 'bad') return 'bad';
  throw new InvalidWebhookError(`${rating.path}.score must be 0 (bad) or 1 (good)`);
}

/**
 * Chat or thread property updates. The `rating` namespace becomes `chat.rated` (score 0 = bad,
 * 1 = good) or `chat.rating_commented` (comment alone); every other namespace is passed on in one
 * `chat.properties_updated`.
 */
function propertiesUpdated(payload: JsonObjectReader, withThread: boolean): DomainEvent[] {
  const chatId = str(payload, 'chat_id');
  const threadId = withThread ? str(payload, 'thread_id') : optStr(payload, 'thread_id') || undefined;
  const properties = obj(payload, 'properties');
  const events: DomainEvent[] = [];
  const others: Record<string, Record<string, unknown>> = {};
  for (const namespace of Object.keys(properties.value)) {
    const values = obj(properties, namespace);
    if (namespace !== 'rating') {
      others[namespace] = { ...values.value };
      continue;
    }
    const score = ratingScore(values);
    const comment = optStr(values, 'comment');
    if (score !== undefined) events.push({ type: 'chat.rated', chatId, threadId, score, comment });
    else if (comment !== undefined) events.push({ type: 'chat.rating_commented', chatId, threadId, comment });
    const rest = Object.fromEntries(
      Object.entries(values.value).filter(([name]) => name !== 'score' && name !== 'comment'),
    );
    if (Object.keys(rest).length > 0) others[namespace] = rest;
  }
  if (Object.keys(others).length > 0) {
    events.push({ type: 'chat.properties_updated', chatId, threadId, properties: others });
  }
  return events;
}

/** The webhook docs spell statuses with spaces, the RTM API with underscores: accept both. */
export function normalizeRoutingStatus(raw: string): ChatRoutingStatus | undefined {
  const status = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  switch (status) {
    case 'accepting_chats':
    case 'not_accepting_chats':
    case 'offline':
      return status;
    default:
      return undefined;
  }
}

function routingStatusSet(payload: JsonObjectReader): DomainEvent {
  const raw = str(payload, 'status');
  const status = normalizeRoutingStatus(raw);
  if (!status) {
    throw new InvalidWebhookError(
      `${payload.path}.status must be accepting chats, not accepting chats or offline (with spaces or underscores)`,
    );
  }
  return { type: 'agent.routing_status', livechatAgentId: str(payload, 'agent_id'), status };
}

function incomingCustomer(payload: JsonObjectReader): DomainEvent {
  const customer = toCustomerRef(obj(payload, 'customer'));
  return {
    type: 'customer.upserted',
    source: 'livechat',
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
  };
}

/** `session_fields` is an array of single-key objects: `[{"order_id": "4411"}, {"plan": "pro"}]`. */
function sessionFields(payload: JsonObjectReader): DomainEvent {
  const activeChat = obj(payload, 'active_chat');
  const fields: Record<string, string> = {};
  for (const item of objItems(payload, 'session_fields')) {
    for (const [key, value] of Object.entries(item.value)) {
      if (typeof value === 'string') fields[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') fields[key] = String(value);
      else throw new InvalidWebhookError(`${item.path}.${key} must be a string`);
    }
  }
  return {
    type: 'customer.session_fields',
    externalId: str(payload, 'id'),
    chatId: str(activeChat, 'chat_id'),
    threadId: str(activeChat, 'thread_id'),
    fields,
  };
}

function normalizeHandled(action: HandledLiveChatAction, payload: JsonObjectReader): DomainEvent[] {
  switch (action) {
    case 'incoming_chat':
      return incomingChat(payload);
    case 'incoming_event':
    case 'event_updated':
      return [
        {
          type: action === 'incoming_event' ? 'chat.message' : 'chat.message_updated',
          chatId: str(payload, 'chat_id'),
          threadId: str(payload, 'thread_id'),
          message: toChatMessage(obj(payload, 'event')),
        },
      ];
    case 'event_deleted':
      return [
        {
          type: 'chat.message_deleted',
          chatId: str(payload, 'chat_id'),
          threadId: str(payload, 'thread_id'),
          eventId: str(payload, 'event_id'),
        },
      ];
    case 'chat_deactivated':
      return [
        {
          type: 'chat.ended',
          chatId: str(payload, 'chat_id'),
          threadId: str(payload, 'thread_id'),
          endedBy: optStr(payload, 'user_id') || undefined,
        },
      ];
    case 'user_added_to_chat':
      return [userAdded(payload)];
    case 'user_removed_from_chat':
      return [userRemoved(payload)];
    case 'chat_transferred':
      return [chatTransferred(payload)];
    case 'thread_tagged':
    case 'thread_untagged':
      return [
        {
          type: action === 'thread_tagged' ? 'chat.tagged' : 'chat.untagged',
          chatId: str(payload, 'chat_id'),
          threadId: str(payload, 'thread_id'),
          tag: str(payload, 'tag'),
        },
      ];
    case 'chat_properties_updated':
      return propertiesUpdated(payload, false);
    case 'thread_properties_updated':
      return propertiesUpdated(payload, true);
    case 'routing_status_set':
      return [routingStatusSet(payload)];
    case 'incoming_customer':
      return [incomingCustomer(payload)];
    case 'customer_session_fields_updated':
      return [sessionFields(payload)];
  }
}

/**
 * Turns a stored LiveChat webhook into domain events. Returns `[]` for actions we do not handle;
 * throws InvalidWebhookError (naming the field) when a handled action's payload lacks a field we
 * need or has it with the wrong type. Extra fields are ignored.
 */
export function normalizeLiveChat(envelope: StoredLiveChatEnvelope): DomainEvent[] {
  const { action, payload } = envelope;
  if (!isHandledLiveChatAction(action)) return [];
  if (!isRecord(payload)) throw new InvalidWebhookError(`payload of ${action} must be an object`);
  try {
    return normalizeHandled(action, root(payload, 'payload'));
  } catch (error) {
    if (error instanceof InvalidWebhookError) throw new InvalidWebhookError(`${action}: ${error.reason}`);
    throw error;
  }
}
