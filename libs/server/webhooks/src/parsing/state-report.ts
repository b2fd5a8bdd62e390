import type { DomainEvent } from './domain-events';
import { buildEventKey, contentHash } from './event-key-builder';

/**
 * A vendor event that reports the current state of something (an agent's routing status, whether
 * a thread has a tag, a chat's rating) rather than a one-off fact. LiveChat sends such reports
 * with neither an id nor a time, and they repeat for real with identical payloads (a tag removed
 * and added again, a chat transferred back), so the inbox stores every delivery and the processor
 * decides per subject: the last report received wins.
 */
export interface StateReport {
  /** What the report is about; reports of one subject replace each other. */
  subject: string;
  /** The reported state, comparable between two reports of the subject. */
  value: string;
}

/** The last report of a subject that was applied. */
export interface AppliedReport {
  value: string;
  receivedAt: Date;
}

/**
 * LiveChat retries a webhook up to 3 times within about a minute of the first attempt
 * (vendor-webhooks.md §1.4); a second registration delivers the same event at about the same time.
 */
export const REDELIVERY_WINDOW_MS = 2 * 60_000;

export type ReportVerdict = 'apply' | 'stale' | 'redelivery';

/**
 * - `stale`: received before the report already applied (the worker processes in parallel, so
 *   order of processing is not order of arrival); applying it would undo the newer state.
 * - `redelivery`: the same state again, received within the vendor's retry window of the one
 *   applied and with none other in between: the same delivery, not news.
 */
export function verdictOf(
  applied: AppliedReport | undefined,
  value: string,
  receivedAt: Date,
): ReportVerdict {
  if (!applied) return 'apply';
  const sinceApplied = receivedAt.getTime() - applied.receivedAt.getTime();
  if (sinceApplied < 0) return 'stale';
  return applied.value === value && sinceApplied <= REDELIVERY_WINDOW_MS ? 'redelivery' : 'apply';
}

/** Absent parts (no thread id) stay in place as empty, so parts never shift into each other. */
const subject = (kind: string, ...parts: (string | undefined)[]) =>
  buildEventKey('livechat', kind, ...parts.map((part) => part ?? ''));

/**
 * The state a domain event reports, if it is a state report; facts (messages, starts, ends) are
 * not: the inbox dedupes them by their ids.
 */
export function stateReportOf(event: DomainEvent): StateReport | undefined {
  switch (event.type) {
    case 'agent.routing_status':
      return { subject: subject('routing_status', event.livechatAgentId), value: event.status };
    case 'chat.tagged':
    case 'chat.untagged':
      return { subject: subject('tag', event.chatId, event.threadId, event.tag), value: event.type };
    case 'chat.participant_added':
    case 'chat.participant_removed':
      return {
        subject: subject('participant', event.chatId, event.threadId, event.userId),
        value: event.type,
      };
    case 'chat.transferred':
      return { subject: subject('transfer', event.chatId, event.threadId), value: contentHash(event) };
    case 'chat.message_updated':
      return {
        subject: subject('message', event.chatId, event.threadId, event.message.externalId),
        value: contentHash(event.message),
      };
    case 'chat.rated':
      return { subject: subject('rating', event.chatId, event.threadId), value: contentHash(event) };
    case 'chat.rating_commented':
      return {
        subject: subject('rating_comment', event.chatId, event.threadId),
        value: contentHash(event.comment),
      };
    case 'chat.properties_updated': {
      // Updates carry only the changed keys: each set of keys is its own subject.
      const keys = Object.entries(event.properties).flatMap(([namespace, values]) =>
        Object.keys(values).map((name) => `${namespace}.${name}`),
      );
      return {
        subject: subject('properties', event.chatId, event.threadId, contentHash(keys.sort())),
        value: contentHash(event.properties),
      };
    }
    case 'chat.started':
    case 'chat.message':
    case 'chat.message_deleted':
    case 'chat.ended':
    case 'customer.upserted':
    case 'customer.session_fields':
    case 'call.party_updated':
    case 'agent.phone_presence':
    case 'subscription.expiring':
      // RingCentral's events are ordered by their own sequences.
      return undefined;
  }
}
