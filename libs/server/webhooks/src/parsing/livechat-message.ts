import type {
  AgentRef,
  ChatAttachment,
  ChatAuthorType,
  ChatForm,
  ChatFormField,
  ChatMessage,
  ChatMessageKind,
  ChatUserRef,
  ChatUserType,
  ChatVisibility,
  CustomerRef,
} from './domain-events';
import { InvalidWebhookError } from './invalid-webhook.error';
import {
  field,
  isRecord,
  isoTime,
  objItems,
  optNum,
  optObj,
  optStr,
  str,
  type JsonObjectReader,
} from './payload-reader';

/** LiveChat customer ids are UUIDs. */
const CUSTOMER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** LiveChat bot agents have 32-hex ids; human agents are identified by their login e-mail. */
const BOT_ID = /^[0-9a-f]{32}$/i;

/** User id → user type, from the `users` list of a chat when the webhook carries one. */
export type ChatUserDirectory = ReadonlyMap<string, ChatUserType>;

/**
 * Who wrote an event. The chat's users list wins when it knows the id; otherwise the id's shape
 * decides: a UUID is a customer, a 32-hex id a bot, anything else (e-mail) an agent.
 */
export function inferAuthorType(authorId: string, directory?: ChatUserDirectory): ChatAuthorType {
  const known = directory?.get(authorId);
  if (known === 'customer') return 'customer';
  if (BOT_ID.test(authorId)) return 'bot';
  if (known === 'agent') return 'agent';
  return CUSTOMER_ID.test(authorId) ? 'customer' : 'agent';
}

/** The user type of a LiveChat user object (`type`), falling back to the id's shape. */
export function userTypeOf(user: JsonObjectReader, fallback?: string): ChatUserType {
  const type = optStr(user, 'type') ?? fallback;
  if (type === 'customer' || type === 'agent') return type;
  return inferAuthorType(str(user, 'id')) === 'customer' ? 'customer' : 'agent';
}

export function toCustomerRef(user: JsonObjectReader): CustomerRef {
  return {
    kind: 'customer',
    externalId: str(user, 'id'),
    name: optStr(user, 'name'),
    email: optStr(user, 'email'),
    phone: optStr(user, 'phone_number'),
  };
}

export function toAgentRef(user: JsonObjectReader): AgentRef {
  return {
    kind: 'agent',
    livechatAgentId: str(user, 'id'),
    name: optStr(user, 'name'),
    email: optStr(user, 'email'),
  };
}

export function toUserRef(user: JsonObjectReader, fallbackType?: string): ChatUserRef {
  return userTypeOf(user, fallbackType) === 'customer' ? toCustomerRef(user) : toAgentRef(user);
}

function kindOf(type: string): ChatMessageKind {
  switch (type) {
    case 'message':
    case 'file':
    case 'filled_form':
    case 'rich_message':
      return type;
    case 'system_message':
    case 'system':
      return 'system_message';
    default:
      return 'other';
  }
}

/** `all` or `agents`; v3.2 bodies call it `recipients`. Unknown values fail closed (`agents`). */
function visibilityOf(event: JsonObjectReader): ChatVisibility {
  const visibility = optStr(event, 'visibility') ?? optStr(event, 'recipients');
  if (visibility === undefined) {
    throw new InvalidWebhookError(`${event.path}.visibility must be a string but is missing`);
  }
  return visibility === 'all' ? 'all' : 'agents';
}

function textVarsOf(event: JsonObjectReader): Record<string, string> | undefined {
  const textVars = optObj(event, 'text_vars');
  if (!textVars) return undefined;
  return Object.fromEntries(
    Object.entries(textVars.value).flatMap(([key, value]) =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? [[key, String(value)]]
        : [],
    ),
  );
}

/** An answer is a string, or an object with a `label` (group chooser), or a number. */
function answerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const label = value['label'] ?? value['value'];
    return typeof label === 'string' ? label : undefined;
  }
  return undefined;
}

function formFieldOf(formField: JsonObjectReader): ChatFormField {
  const answersValue = field(formField, 'answers');
  const answers = Array.isArray(answersValue)
    ? answersValue.map(answerText).filter((answer): answer is string => answer !== undefined)
    : undefined;
  return {
    id: optStr(formField, 'id'),
    type: optStr(formField, 'type'),
    label: optStr(formField, 'label'),
    answer: answerText(field(formField, 'answer')) ?? answers?.join(', '),
    answers,
  };
}

function formOf(event: JsonObjectReader): ChatForm {
  return {
    formId: optStr(event, 'form_id'),
    formType: optStr(event, 'form_type'),
    fields: objItems(event, 'fields', { optional: true }).map(formFieldOf),
  };
}

function attachmentsOf(event: JsonObjectReader, kind: ChatMessageKind): ChatAttachment[] {
  if (kind !== 'file') return [];
  return [
    {
      url: str(event, 'url'),
      name: str(event, 'name'),
      size: optNum(event, 'size'),
      contentType: optStr(event, 'content_type'),
    },
  ];
}

/** Converts a LiveChat event object (`payload.event` or an item of `thread.events`). */
export function toChatMessage(event: JsonObjectReader, directory?: ChatUserDirectory): ChatMessage {
  const vendorType = str(event, 'type');
  const kind = kindOf(vendorType);
  const authorId = optStr(event, 'author_id');
  const authorType: ChatAuthorType =
    kind === 'system_message' ? 'system' : authorId ? inferAuthorType(authorId, directory) : 'system';
  return {
    externalId: str(event, 'id'),
    customId: optStr(event, 'custom_id'),
    authorId: authorId || undefined,
    authorType,
    kind,
    vendorType,
    text: optStr(event, 'text'),
    attachments: attachmentsOf(event, kind),
    createdAt: isoTime(event, 'created_at'),
    visibility: visibilityOf(event),
    systemMessageType: optStr(event, 'system_message_type'),
    textVars: textVarsOf(event),
    form: kind === 'filled_form' ? formOf(event) : undefined,
  };
}
