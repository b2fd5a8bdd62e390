import { timingSafeEqual } from 'node:crypto';

/** Compares in constant time, so response timing does not reveal how much of a secret matched. */
export function secretMatches(candidate: string, secrets: readonly string[]): boolean {
  const given = Buffer.from(candidate);
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(secret);
    // Every configured secret is compared, whatever matched before, to keep the timing flat.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

/**
 * The stored body must never contain the secret. The exact bytes are kept with the secret's JSON
 * form replaced; a body that spells it another way (\u escapes) is re-serialized instead.
 */
export function redactSecret(rawBody: string, body: object, secret: string): string {
  const redacted = rawBody.split(JSON.stringify(secret).slice(1, -1)).join('[redacted]');
  // Without a backslash every JSON string is spelled literally, so no other spelling can be left.
  if (!redacted.includes('\\')) return redacted;
  let parsed: unknown;
  try {
    parsed = JSON.parse(redacted);
  } catch {
    parsed = undefined;
  }
  const leaked = typeof parsed !== 'object' || parsed === null || JSON.stringify(parsed).includes(secret);
  return leaked ? JSON.stringify({ ...body, secret_key: '[redacted]' }) : redacted;
}
