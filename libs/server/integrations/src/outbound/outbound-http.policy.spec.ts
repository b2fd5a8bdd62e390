import { describe, expect, it } from 'vitest';
import { backoffDelayMs, delayBeforeRetryMs, OutboundHttpPolicy, retryAfterMs } from './outbound-http.policy';

const policy = Object.assign(new OutboundHttpPolicy(), { baseDelayMs: 100, maxDelayMs: 1_000 });
const lowest = () => 0;
const highest = () => 1;

describe('retryAfterMs', () => {
  const now = Date.parse('2025-05-12T14:05:40.000Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(retryAfterMs('Mon, 12 May 2025 14:05:45 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Mon, 12 May 2025 14:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles per attempt, jittered between half and the whole step', () => {
    expect([1, 2, 3].map((attempt) => backoffDelayMs(policy, attempt, lowest))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((attempt) => backoffDelayMs(policy, attempt, highest))).toEqual([100, 200, 400]);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelayMs(policy, 20, highest)).toBe(1_000);
  });
});

describe('delayBeforeRetryMs', () => {
  it('backs off when the vendor names no time', () => {
    expect(delayBeforeRetryMs(policy, 2, undefined, highest)).toBe(200);
  });

  it('waits exactly as long as Retry-After asks, within the maximum', () => {
    expect(delayBeforeRetryMs(policy, 1, 800, highest)).toBe(800);
  });

  it('gives up in-process when Retry-After asks for more than the maximum', () => {
    expect(delayBeforeRetryMs(policy, 1, 1_001)).toBeUndefined();
  });
});
