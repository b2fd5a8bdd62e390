import type { Agent } from '@ccp/contracts';

/**
 * An agent as a store holds it, with the realtime event id it is known to be at least as new as:
 * the event it came from, or for a REST snapshot the newest event the store had applied when it asked.
 * Null when nothing vouches for it (a snapshot taken before any event arrived).
 */
export interface TrackedAgent {
  readonly agent: Agent;
  readonly eventId: number | null;
}

export type AgentsById = ReadonlyMap<string, TrackedAgent>;

function since(agent: Agent): number {
  // Parsed rather than compared as text: equal instants can be written with different precision.
  return Date.parse(agent.statusSince);
}

/** Whether the tracked agent came from an event that arrived after a request made at `watermark`. */
function arrivedAfter(tracked: TrackedAgent, watermark: number | null): boolean {
  return tracked.eventId !== null && (watermark === null || tracked.eventId > watermark);
}

/**
 * Takes the event's agent only if it is newer than what is held: a later `statusSince`, or the same one
 * (chat, phone or chat count changed without the unified status) from a later event. Events replayed
 * after a reconnect can race live ones, so arrival order proves nothing.
 */
export function applyAgentEvent(
  current: TrackedAgent | undefined,
  agent: Agent,
  eventId: number,
): TrackedAgent {
  if (current) {
    const delta = since(agent) - since(current.agent);
    const newer = delta > 0 || (delta === 0 && (current.eventId === null || eventId > current.eventId));
    if (!newer) {
      return current;
    }
  }
  return { agent, eventId };
}

/**
 * Takes the agent from a REST response requested when the newest event applied was `watermark`. The
 * response is at least as new as everything applied before the request, so it wins ties with those; an
 * event applied while the request was under way may be newer than the response, so it keeps a tie.
 */
export function applyAgentSnapshot(
  current: TrackedAgent | undefined,
  agent: Agent,
  watermark: number | null,
): TrackedAgent {
  if (current) {
    const delta = since(agent) - since(current.agent);
    if (delta < 0 || (delta === 0 && arrivedAfter(current, watermark))) {
      return current;
    }
  }
  return { agent, eventId: watermark };
}

/**
 * Vendor ids are unique, so an unmapped placeholder still holding one of the agent's was folded into
 * it by an admin. Mapped agents are never folded; one of them holding a stale id stays.
 */
function wasFoldedInto(agent: Agent, other: Agent): boolean {
  return (
    other.id !== agent.id &&
    !other.mapped &&
    ((agent.livechatAgentId !== null && other.livechatAgentId === agent.livechatAgentId) ||
      (agent.ringcentralExtensionId !== null &&
        other.ringcentralExtensionId === agent.ringcentralExtensionId))
  );
}

/** The store with the event applied; the same map when the event was not newer, so signals stay quiet. */
export function applyAgentEventTo(store: AgentsById, agent: Agent, eventId: number): AgentsById {
  const current = store.get(agent.id);
  const next = applyAgentEvent(current, agent, eventId);
  if (next === current) {
    return store;
  }
  const updated = new Map(store).set(agent.id, next);
  for (const [id, tracked] of store) {
    if (wasFoldedInto(agent, tracked.agent)) {
      updated.delete(id);
    }
  }
  return updated;
}

/**
 * The store after a full REST listing requested at `watermark`. Agents missing from the listing are
 * gone, unless an event that arrived during the request brought them (an agent created meanwhile).
 */
export function applyAgentsSnapshot(
  store: AgentsById,
  agents: readonly Agent[],
  watermark: number | null,
): AgentsById {
  const next = new Map<string, TrackedAgent>();
  for (const agent of agents) {
    // A listing read page by page can hold an agent twice when the list shifted between pages.
    next.set(agent.id, applyAgentSnapshot(next.get(agent.id) ?? store.get(agent.id), agent, watermark));
  }
  for (const [id, tracked] of store) {
    if (!next.has(id) && arrivedAfter(tracked, watermark)) {
      next.set(id, tracked);
    }
  }
  return next;
}

/** The newest event id the store holds: the watermark to pass along with a REST request made now. */
export function highestEventId(store: AgentsById): number | null {
  let highest: number | null = null;
  for (const { eventId } of store.values()) {
    if (eventId !== null && (highest === null || eventId > highest)) {
      highest = eventId;
    }
  }
  return highest;
}
