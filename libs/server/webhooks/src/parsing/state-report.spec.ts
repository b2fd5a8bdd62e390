import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './domain-events';
import { REDELIVERY_WINDOW_MS, stateReportOf, verdictOf } from './state-report';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('verdictOf', () => {
  const applied = { value: 'chat.tagged', receivedAt: at(60_000) };

  it('applies the first report of a subject, and any other state after the applied one', () => {
    expect(verdictOf(undefined, 'chat.tagged', at(0))).toBe('apply');
    expect(verdictOf(applied, 'chat.untagged', at(61_000))).toBe('apply');
  });

  it('takes the same state again within the retry window for a redelivery, and later for news', () => {
    expect(verdictOf(applied, 'chat.tagged', at(60_000))).toBe('redelivery');
    expect(verdictOf(applied, 'chat.tagged', at(60_000 + REDELIVERY_WINDOW_MS))).toBe('redelivery');
    expect(verdictOf(applied, 'chat.tagged', at(60_001 + REDELIVERY_WINDOW_MS))).toBe('apply');
  });

  it('never lets a report received before the applied one undo it, whatever it says', () => {
    expect(verdictOf(applied, 'chat.untagged', at(59_999))).toBe('stale');
    expect(verdictOf(applied, 'chat.tagged', at(0))).toBe('stale');
  });
});

describe('stateReportOf', () => {
  const tagged: DomainEvent = { type: 'chat.tagged', chatId: 'C1', threadId: 'T1', tag: 'vip' };

  it('gives a tag and its removal one subject, with different values', () => {
    const untagged = stateReportOf({ ...tagged, type: 'chat.untagged' });
    expect(untagged?.subject).toBe(stateReportOf(tagged)?.subject);
    expect(untagged?.value).not.toBe(stateReportOf(tagged)?.value);
    expect(stateReportOf({ ...tagged, tag: 'billing' })?.subject).not.toBe(stateReportOf(tagged)?.subject);
  });

  it('keeps an absent thread apart from the next part', () => {
    const added = (chatId: string, threadId: string | undefined, userId: string) =>
      stateReportOf({
        type: 'chat.participant_added',
        chatId,
        threadId,
        userId,
        userType: 'agent',
        user: { kind: 'agent', livechatAgentId: userId },
      })?.subject;
    expect(added('C1', undefined, 'a@x')).not.toBe(added('C1', 'a@x', ''));
  });

  it('reports an agent status per agent, and property updates per set of keys', () => {
    const status = (livechatAgentId: string, value: 'accepting_chats' | 'not_accepting_chats') =>
      stateReportOf({ type: 'agent.routing_status', livechatAgentId, status: value });
    expect(status('a@x', 'accepting_chats')?.subject).toBe(status('a@x', 'not_accepting_chats')?.subject);
    expect(status('a@x', 'accepting_chats')?.subject).not.toBe(status('b@x', 'accepting_chats')?.subject);
    const properties = (values: Record<string, unknown>) =>
      stateReportOf({ type: 'chat.properties_updated', chatId: 'C1', properties: { routing: values } });
    expect(properties({ pinned: true })?.subject).toBe(properties({ pinned: false })?.subject);
    expect(properties({ pinned: true })?.subject).not.toBe(properties({ queued: true })?.subject);
  });

  it('is absent for facts, which the inbox dedupes by their ids', () => {
    expect(stateReportOf({ type: 'chat.ended', chatId: 'C1', threadId: 'T1' })).toBeUndefined();
  });
});
