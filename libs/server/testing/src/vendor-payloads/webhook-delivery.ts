import type { JsonObject } from './json-object';

export type WebhookVendor = 'livechat' | 'ringcentral';

/** One POST exactly as the vendor makes it, relative to the platform's base URL. */
export interface WebhookDelivery {
  vendor: WebhookVendor;
  path: string;
  headers: Record<string, string>;
  body: JsonObject;
}

/** What the platform checks: LIVECHAT_WEBHOOK_SECRETS and RINGCENTRAL_VERIFICATION_TOKEN. */
export interface VendorSecrets {
  /** LiveChat puts it in the body (`secret_key`). */
  livechatSecret: string;
  /** RingCentral sends it in the `Verification-Token` header. */
  ringcentralToken: string;
}

export const LIVECHAT_WEBHOOK_PATH = '/webhooks/livechat';
export const RINGCENTRAL_WEBHOOK_PATH = '/webhooks/ringcentral';

/** A LiveChat webhook: its secret is already inside the body. */
export function liveChatDelivery(body: JsonObject): WebhookDelivery {
  return {
    vendor: 'livechat',
    path: LIVECHAT_WEBHOOK_PATH,
    headers: { 'content-type': 'application/json' },
    body,
  };
}

/** The headers RingCentral sends on every notification (vendor-webhooks.md §2.2). */
export function ringCentralDelivery(body: JsonObject, verificationToken: string): WebhookDelivery {
  return {
    vendor: 'ringcentral',
    path: RINGCENTRAL_WEBHOOK_PATH,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      accept: 'application/json',
      'user-agent': 'RingCentral-Webhook/8.3',
      'verification-token': verificationToken,
    },
    body,
  };
}
