import type { RealtimeEvent, UnifiedStatus } from '@ccp/contracts';
import { activeCall, presenceEventPath, presenceNotification, type JsonObject } from '@ccp/server-testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BenchAgent } from './bench-roster';

/** What one phase of webhooks produced; late events still count towards the phase that caused them. */
export class DeliveryTally {
  sent = 0;
  delivered = 0;
  /** Events no webhook of the bench explains: another socket's agent, a status nobody caused. */
  unexpected = 0;
  /** Webhooks that waited because every agent still had a change on its way. */
  heldBack = 0;
  longestHoldMs = 0;
  /** Receive time minus the time the webhook was due, per delivered event. */
  readonly latenciesMs: number[] = [];

  get inFlight(): number {
    return this.sent - this.delivered;
  }
}

interface ExpectedEvent {
  status: UnifiedStatus;
  dueAt: number;
  tally: DeliveryTally;
}

interface AgentPhone {
  agent: BenchAgent;
  /** RingCentral's `sequence` of the extension's last notification; the seed starts at 0. */
  sequence: number;
  onCall: boolean;
  expected?: ExpectedEvent;
}

/**
 * Presence webhooks that put a random agent on a call or take them off it, and the matching of the
 * `agent:status_changed` events they cause. An agent gets its next change only once the previous
 * one has arrived: the worker runs jobs concurrently, and of two changes of one agent in flight
 * it may apply the newer first and then drop the older by `sequence`, as designed, leaving two
 * webhooks without an event. When every agent is waiting, the next webhook is held back, and the
 * wait is charged to its latency.
 */
export class PhoneToggles {
  private readonly phones: AgentPhone[];
  /** Indexes of phones without a change in flight. */
  private readonly idle: number[];
  private readonly phoneIndexByAgentId: Map<string, number>;
  private tally = new DeliveryTally();
  private heldDueAt?: number;

  constructor(agents: BenchAgent[]) {
    this.phones = agents.map((agent) => ({ agent, sequence: 0, onCall: false }));
    this.idle = agents.map((_, index) => index);
    this.phoneIndexByAgentId = new Map(agents.map((agent, index) => [agent.agentId, index]));
  }

  /** Later webhooks count towards the returned tally. */
  startPhase(): DeliveryTally {
    this.tally = new DeliveryTally();
    return this.tally;
  }

  /** The webhook body due at `dueAt` (performance.now() time), or `undefined` while every agent is waiting. */
  readonly nextBody = (dueAt: number): string | undefined => {
    const tally = this.tally;
    if (this.idle.length === 0) {
      if (this.heldDueAt !== dueAt) tally.heldBack++;
      this.heldDueAt = dueAt;
      return undefined;
    }
    if (this.heldDueAt === dueAt) {
      tally.longestHoldMs = Math.max(tally.longestHoldMs, performance.now() - dueAt);
    }
    const phone = this.takeIdlePhone();
    phone.onCall = !phone.onCall;
    phone.sequence++;
    phone.expected = { status: phone.onCall ? 'busy' : 'available', dueAt, tally };
    tally.sent++;
    return JSON.stringify(this.notification(phone));
  };

  readonly statusChanged = (
    owner: number,
    event: RealtimeEvent<'agent:status_changed'>,
    receivedAt: number,
  ): void => {
    const index = this.phoneIndexByAgentId.get(event.data.id);
    const phone = index === undefined ? undefined : this.phones[index];
    const expected = phone?.expected;
    // Each agent's events go to its own user's room only, so they must arrive on its socket.
    if (!phone || !expected || index !== owner || expected.status !== event.data.status) {
      this.tally.unexpected++;
      return;
    }
    expected.tally.latenciesMs.push(receivedAt - expected.dueAt);
    expected.tally.delivered++;
    phone.expected = undefined;
    this.idle.push(owner);
  };

  /** Swap-remove from a random slot: O(1), and every idle agent is equally likely. */
  private takeIdlePhone(): AgentPhone {
    const slot = Math.floor(Math.random() * this.idle.length);
    const index = this.idle[slot];
    const last = this.idle.pop();
    if (index === undefined || last === undefined) throw new Error('no idle agent to take');
    if (slot < this.idle.length) this.idle[slot] = last;
    const phone = this.phones[index];
    if (!phone) throw new Error(`no agent at index ${index}`);
    return phone;
  }

  /** RingCentral's presence notification (vendor-webhooks.md §2.5) for the phone's new state. */
  private notification({ agent, sequence, onCall }: AgentPhone): JsonObject {
    return presenceNotification({
      envelope: {
        uuid: randomUUID(),
        event: presenceEventPath(agent.extensionId),
        timestamp: new Date().toISOString(),
      },
      body: {
        extensionId: agent.extensionId,
        sequence,
        presenceStatus: onCall ? 'Busy' : 'Available',
        telephonyStatus: onCall ? 'CallConnected' : 'NoCall',
        totalActiveCalls: onCall ? 1 : 0,
        activeCalls: onCall ? [activeCall()] : undefined,
      },
    });
  }
}
