import { Injectable } from '@nestjs/common';

/**
 * How patient outbound vendor calls are. One instance per process; tests provide a quicker one.
 * The bounds keep a job's attempt short: beyond them the job's own retry (with its longer
 * backoff) takes over.
 */
@Injectable()
export class OutboundHttpPolicy {
  /** Per attempt, reading the answer included. */
  readonly timeoutMs = 10_000;
  /** Attempts per request, the first one included. */
  readonly maxAttempts = 4;
  /** The first backoff step; it doubles with every further attempt. */
  readonly baseDelayMs = 500;
  /** The longest wait between two attempts, from the backoff or from a 429's Retry-After. */
  readonly maxDelayMs = 15_000;
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  // Every HTTP-date form starts with the day name; Date.parse alone would accept `-1` as a year.
  const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with equal jitter: half of the step is fixed, half random, so many callers
 * failing together spread out, yet nobody retries immediately.
 */
export function backoffDelayMs(policy: OutboundHttpPolicy, attempt: number, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * How long to wait before the attempt after `attempt`, or undefined when the vendor asks for a
 * longer pause than the policy allows (waiting in-process would only hold the job).
 */
export function delayBeforeRetryMs(
  policy: OutboundHttpPolicy,
  attempt: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfter === undefined) return backoffDelayMs(policy, attempt, random);
  return retryAfter <= policy.maxDelayMs ? retryAfter : undefined;
}
