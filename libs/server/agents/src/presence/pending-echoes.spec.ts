import { describe, expect, it } from 'vitest';
import { consumeEcho, ECHO_TTL_MS, expectEcho } from './pending-echoes';

const now = new Date('2026-01-01T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('pending echoes', () => {
  it('recognises the echo of our own change once', () => {
    const pending = expectEcho([], 'livechat', 'not_accepting_chats', now);
    const first = consumeEcho(pending, 'livechat', 'not_accepting_chats', later(500));
    expect(first).toEqual({ echo: true, remaining: [] });
    expect(consumeEcho(first.remaining, 'livechat', 'not_accepting_chats', later(600)).echo).toBe(false);
  });

  it('takes an older echo arriving late as ours, and keeps expecting the newer one', () => {
    let pending = expectEcho([], 'livechat', 'not_accepting_chats', now);
    pending = expectEcho(pending, 'livechat', 'accepting_chats', later(100));
    const older = consumeEcho(pending, 'livechat', 'not_accepting_chats', later(200));
    expect(older.echo).toBe(true);
    expect(older.remaining.map((entry) => entry.value)).toEqual(['accepting_chats']);
  });

  it('treats a change nobody expected, or one expected too long ago, as the agent’s own', () => {
    const pending = expectEcho([], 'ringcentral', 'DoNotAcceptDepartmentCalls', now);
    expect(consumeEcho(pending, 'livechat', 'DoNotAcceptDepartmentCalls', later(10)).echo).toBe(false);
    expect(
      consumeEcho(pending, 'ringcentral', 'DoNotAcceptDepartmentCalls', later(ECHO_TTL_MS + 1)).echo,
    ).toBe(false);
  });
});
