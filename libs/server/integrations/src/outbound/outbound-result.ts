/**
 * What an outbound vendor operation returns. `skipped` means it was never attempted (no
 * credentials configured), which is an expected state in development, not an error.
 */
export type OutboundResult<T> = { outcome: 'success'; value: T } | { outcome: 'skipped'; reason: string };

export function succeeded<T>(value: T): OutboundResult<T> {
  return { outcome: 'success', value };
}

export function skipped<T>(reason: string): OutboundResult<T> {
  return { outcome: 'skipped', reason };
}

/**
 * An outbound call that failed for good (after its retries). `retryable` tells a job whether
 * trying again later can help (network, timeouts, 5xx, 429) or not (4xx, unexpected answers).
 * The message names the vendor, method, path and status, never a credential.
 */
export class OutboundCallError extends Error {
  readonly status?: number;
  readonly retryable: boolean;

  constructor(message: string, details: { status?: number; retryable: boolean }) {
    super(message);
    this.name = 'OutboundCallError';
    this.status = details.status;
    this.retryable = details.retryable;
  }
}
