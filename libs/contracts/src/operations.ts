export const SYNC_LOG_STATUSES = ['success', 'failed', 'skipped'] as const;
export type SyncLogStatus = (typeof SYNC_LOG_STATUSES)[number];

/** One processing step or outbound vendor call, for operators to audit the sync. */
export interface SyncLog {
  id: string;
  operationType: string;
  status: SyncLogStatus;
  durationMs: number;
  error: string | null;
  references: Record<string, string>;
  createdAt: string;
}

export const WEBHOOK_VENDORS = ['livechat', 'ringcentral'] as const;
export type WebhookVendor = (typeof WEBHOOK_VENDORS)[number];

/**
 * received → processed, or → failed (will retry) → dead (retries exhausted).
 * ignored: a valid action the platform does not act on. invalid: not the vendor's envelope.
 */
export const WEBHOOK_EVENT_STATUSES = [
  'received',
  'processed',
  'ignored',
  'failed',
  'dead',
  'invalid',
] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

export interface WebhookEvent {
  id: string;
  vendor: WebhookVendor;
  eventKey: string;
  type: string;
  status: WebhookEventStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface WebhookEventDetail extends WebhookEvent {
  /** The body as received, with vendor secrets redacted. */
  rawBody: string;
}
