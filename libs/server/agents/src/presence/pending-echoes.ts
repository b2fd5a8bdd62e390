import type { PendingEcho } from '../directory/agent.entity';

/** Long enough for a vendor to echo our change back, short enough that a real change is not mistaken for one. */
export const ECHO_TTL_MS = 60_000;

export function expectEcho(
  pending: readonly PendingEcho[],
  vendor: PendingEcho['vendor'],
  value: string,
  now: Date,
): PendingEcho[] {
  return [
    ...live(pending, now),
    { vendor, value, expiresAt: new Date(now.getTime() + ECHO_TTL_MS).toISOString() },
  ];
}

/**
 * Whether a vendor status change is the echo of one of ours. The vendors deliver echoes in any
 * order, so an echo of an older change of ours also counts; it and everything we expected before
 * it are consumed.
 */
export function consumeEcho(
  pending: readonly PendingEcho[],
  vendor: PendingEcho['vendor'],
  value: string,
  now: Date,
): { echo: boolean; remaining: PendingEcho[] } {
  const current = live(pending, now);
  const index = current.findIndex((entry) => entry.vendor === vendor && entry.value === value);
  if (index < 0) return { echo: false, remaining: current };
  return {
    echo: true,
    remaining: current.filter((entry, position) => entry.vendor !== vendor || position > index),
  };
}

function live(pending: readonly PendingEcho[], now: Date): PendingEcho[] {
  return pending.filter((entry) => new Date(entry.expiresAt) > now);
}
