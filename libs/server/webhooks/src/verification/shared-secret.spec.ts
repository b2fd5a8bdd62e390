import { describe, expect, it } from 'vitest';
import { redactSecret, secretMatches } from './shared-secret';

const SECRET = 'live-secret-42';

function redacted(rawBody: string): string {
  return redactSecret(rawBody, JSON.parse(rawBody) as object, SECRET);
}

describe('redactSecret', () => {
  it('keeps the exact bytes when the secret is spelled literally', () => {
    const rawBody = `{ "secret_key": "${SECRET}",  "action": "incoming_chat" }`;
    expect(redacted(rawBody)).toBe('{ "secret_key": "[redacted]",  "action": "incoming_chat" }');
  });

  it('replaces every literal occurrence, also inside escaped text', () => {
    const rawBody = `{"secret_key":"${SECRET}","text":"line one\\nmine is ${SECRET}"}`;
    expect(redacted(rawBody)).toBe('{"secret_key":"[redacted]","text":"line one\\nmine is [redacted]"}');
  });

  it('re-serializes a body that spells the secret with \\u escapes', () => {
    const escaped = [...SECRET]
      .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const rawBody = `{"secret_key":"${escaped}","action":"incoming_chat"}`;
    const stored = redacted(rawBody);
    expect(stored).not.toContain(escaped);
    expect(JSON.parse(stored)).toEqual({ secret_key: '[redacted]', action: 'incoming_chat' });
  });
});

describe('secretMatches', () => {
  it('accepts any configured secret and nothing else', () => {
    expect(secretMatches(SECRET, ['old-secret', SECRET])).toBe(true);
    expect(secretMatches('live-secret-4', ['old-secret', SECRET])).toBe(false);
    expect(secretMatches(SECRET, [])).toBe(false);
  });
});
