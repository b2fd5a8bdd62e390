import { InvalidWebhookError } from './invalid-webhook.error';
import { field, optInt, optObj, optStr, root, str, type JsonObjectReader } from './payload-reader';

/** The action whose payload is an array instead of an object (LiveChat API v3.5+). */
const ARRAY_PAYLOAD_ACTIONS: ReadonlySet<string> = new Set(['auto_accesses_updated']);

export type LiveChatPayload = Readonly<Record<string, unknown>> | readonly unknown[];

/** `requester` of configuration webhooks (v3.6+). */
export interface LiveChatRequester {
  userId?: string;
  accountId?: string;
  clientId?: string;
}

/**
 * A LiveChat webhook body, API v3.3 to v3.6. The secret is kept only in `secretKey` so the
 * endpoint can compare it and then drop it (`toStorableLiveChatBody`); nothing else holds it.
 */
export interface LiveChatEnvelope {
  action: string;
  /** The registration id: constant per registration, NOT per delivery. Absent on some test tools. */
  webhookId?: string;
  /** API ≤ v3.3. */
  licenseId?: number;
  /** API ≥ v3.4. */
  organizationId?: string;
  /** An object for every action except `auto_accesses_updated` (an array). */
  payload: LiveChatPayload;
  /** What was requested at registration (`chat_properties`, `chat_presence_user_ids`); `{}` if none. */
  additionalData: Readonly<Record<string, unknown>>;
  requester?: LiveChatRequester;
  secretKey: string;
}

/** The envelope without its secret: what is stored, queued and normalized. */
export type StoredLiveChatEnvelope = Omit<LiveChatEnvelope, 'secretKey'>;

function parsePayload(body: JsonObjectReader, action: string): LiveChatPayload {
  const payload = field(body, 'payload');
  if (Array.isArray(payload) && ARRAY_PAYLOAD_ACTIONS.has(action)) return payload;
  return root(payload, 'body.payload').value;
}

function parseRequester(body: JsonObjectReader): LiveChatRequester | undefined {
  const requester = optObj(body, 'requester');
  if (!requester) return undefined;
  return {
    userId: optStr(requester, 'user_id'),
    accountId: optStr(requester, 'account_id'),
    clientId: optStr(requester, 'client_id'),
  };
}

/** LiveChat's action names (`incoming_chat`, `routing_status_set`, …); also what the inbox stores as the type. */
export const LIVECHAT_ACTION_NAME = /^[a-z][a-z0-9_]{0,99}$/;

function parseWithoutSecret(body: JsonObjectReader): StoredLiveChatEnvelope {
  const action = str(body, 'action');
  if (!LIVECHAT_ACTION_NAME.test(action)) {
    throw new InvalidWebhookError('body.action must be a LiveChat action name (a-z, 0-9 and _)');
  }
  const licenseId = optInt(body, 'license_id');
  const organizationId = optStr(body, 'organization_id');
  if (licenseId === undefined && (organizationId === undefined || organizationId === '')) {
    throw new InvalidWebhookError('body must have license_id (API v3.3) or organization_id (API v3.4+)');
  }
  return {
    action,
    webhookId: optStr(body, 'webhook_id'),
    licenseId,
    organizationId,
    payload: parsePayload(body, action),
    additionalData: optObj(body, 'additional_data')?.value ?? {},
    requester: parseRequester(body),
  };
}

/**
 * Parses a LiveChat webhook body as received. Throws InvalidWebhookError when it is not the
 * documented envelope (`action`, `secret_key`, `license_id` or `organization_id`, `payload`).
 * Payload contents are checked later, by the event key (leniently) and the normalizer (strictly).
 */
export function parseLiveChatEnvelope(body: unknown): LiveChatEnvelope {
  const reader = root(body, 'body');
  const envelope = parseWithoutSecret(reader);
  return { ...envelope, secretKey: str(reader, 'secret_key') };
}

/**
 * Parses a stored body (the output of `toStorableLiveChatBody`, or a raw body): the same checks
 * except that `secret_key` is not required, and it is discarded if present.
 */
export function parseStoredLiveChatEnvelope(body: unknown): StoredLiveChatEnvelope {
  return parseWithoutSecret(root(body, 'body'));
}

/** The vendor-shaped body without `secret_key`, for the inbox row and replays. */
export function toStorableLiveChatBody(envelope: StoredLiveChatEnvelope): Record<string, unknown> {
  const { requester } = envelope;
  return {
    ...(envelope.webhookId === undefined ? {} : { webhook_id: envelope.webhookId }),
    action: envelope.action,
    ...(envelope.licenseId === undefined ? {} : { license_id: envelope.licenseId }),
    ...(envelope.organizationId === undefined ? {} : { organization_id: envelope.organizationId }),
    payload: envelope.payload,
    additional_data: envelope.additionalData,
    ...(requester === undefined
      ? {}
      : {
          requester: {
            ...(requester.userId === undefined ? {} : { user_id: requester.userId }),
            ...(requester.accountId === undefined ? {} : { account_id: requester.accountId }),
            ...(requester.clientId === undefined ? {} : { client_id: requester.clientId }),
          },
        }),
  };
}
