import { Injectable, Logger } from '@nestjs/common';
import type { Agent, ChatRoutingStatus, PresencePolicy, UnifiedStatus } from '@ccp/contracts';
import { Audience, JobQueue, type JobName, type JobPayloads } from '@ccp/server-platform';
import { EntityNotFoundError, type EntityManager } from 'typeorm';
import { AgentDirectory } from '../directory/agent-directory';
import { AgentEntity, type CallLeg, type PendingPush, type PendingPushes } from '../directory/agent.entity';
import { toAgent } from '../directory/agent.view';
import { PresencePolicyStore } from '../policy/presence-policy.store';
import { HeldAgents } from './held-agents';
import { consumeEcho, expectEcho } from './pending-echoes';
import { deriveUnifiedStatus } from './unified-status';

/** A transaction plus the side effects to run once it has committed (a webhook's, a request's, a job's). */
export interface UnitOfWork {
  manager: EntityManager;
  afterCommit(effect: () => Promise<void>): void;
}

export interface PhonePresence {
  sequence: number;
  presenceStatus?: string;
  userStatus?: string;
  telephonyStatus?: string;
  dndStatus?: string;
}

/**
 * The agent a change is about: its id, or the RingCentral extension a webhook names (locked in
 * one statement, the placeholder created first if the extension is new).
 */
export type AgentKey = string | { ringcentralExtensionId: string };

/** The jobs about one agent, which a presence change queues. */
type PresenceJob = { [N in JobName]: JobPayloads[N] extends { agentId: string } ? N : never }[JobName];

/**
 * How long an ended call leg is remembered. RingCentral's redelivery schedule is undocumented
 * (vendor-webhooks.md §2.7), and an admin may replay a dead event later the same day; a day
 * covers both, and keeps the list short for agents who take many calls.
 */
const ENDED_LEG_RETENTION_MS = 24 * 60 * 60 * 1000;

function isRecentlyEnded(leg: CallLeg, now: Date): boolean {
  return leg.endedAt !== undefined && Date.parse(leg.endedAt) > now.getTime() - ENDED_LEG_RETENTION_MS;
}

function withoutExpiredEndedLegs(legs: Record<string, CallLeg>, now: Date): Record<string, CallLeg> {
  return Object.fromEntries(
    Object.entries(legs).filter(([, leg]) => leg.endedAt === undefined || isRecentlyEnded(leg, now)),
  );
}

function endedLegsOnly(legs: Record<string, CallLeg>, now: Date): Record<string, CallLeg> {
  return Object.fromEntries(Object.entries(legs).filter(([, leg]) => isRecentlyEnded(leg, now)));
}

function pendingPush<T extends string>(value: T, now: Date): PendingPush<T> {
  return { value, since: now.toISOString() };
}

/**
 * What is still to push once a vendor reported a setting: nothing, if it reported the value we
 * are pushing (our echo), or a change of its own, which wins over ours as the newer one.
 */
function settled(
  pushes: PendingPushes,
  setting: keyof PendingPushes,
  reported: string,
  echo: boolean,
): PendingPushes {
  if (echo && pushes[setting]?.value !== reported) return pushes;
  const { [setting]: _settled, ...remaining } = pushes;
  return remaining;
}

/** Who hears of an agent's change: the supervisors, the agent's team and the agent. */
function audienceOf(agent: AgentEntity): string[] {
  const audience: string[] = [Audience.supervisors];
  if (agent.teamId) audience.push(Audience.team(agent.teamId));
  if (agent.userId) audience.push(Audience.user(agent.userId));
  return audience;
}

/** RingCentral's DND value that still rings the agent's own calls but no queue calls. */
const NO_QUEUE_CALLS = 'DoNotAcceptDepartmentCalls';

/**
 * The presence model of ARCHITECTURE §3. Every input (a vendor webhook, the agent's choice, open
 * chats, the end of a wrap-up) changes facts on the agent row under its lock; the policy then
 * decides what to push to which vendor, and the unified status is derived again. Our own pushes
 * come back as webhooks; they are recognised as echoes, so nothing ping-pongs.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);

  constructor(
    private readonly directory: AgentDirectory,
    private readonly held: HeldAgents,
    private readonly policies: PresencePolicyStore,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * LiveChat `routing_status_set`: no vendor timestamp, so the last one received wins (the
   * processor passes on only reports newer than the last applied and not redeliveries of it),
   * unless it is our echo.
   */
  async chatStatusReported(work: UnitOfWork, agentId: string, status: ChatRoutingStatus): Promise<void> {
    await this.change(work, agentId, (agent, _policy, now) => {
      const { echo, remaining } = consumeEcho(agent.pendingEchoes, 'livechat', status, now);
      agent.pendingEchoes = remaining;
      agent.pendingPushes = settled(agent.pendingPushes, 'livechatStatus', status, echo);
      if (echo) return;
      agent.chatStatus = status;
      // Changed by hand in LiveChat during a call: that is what to come back to afterwards.
      if (agent.chatStatusBeforeCall) agent.chatStatusBeforeCall = status;
    });
  }

  /**
   * RingCentral presence; a notification older than the newest applied one is ignored. With
   * `writeBehind`, the change stays staged until flushHeldWrites(): only for a caller that flushes
   * before anything else in the transaction reads agents, their intervals or the event log, and
   * before it commits.
   */
  async phonePresenceReported(
    work: UnitOfWork,
    agentKey: AgentKey,
    presence: PhonePresence,
    { writeBehind = false } = {},
  ): Promise<void> {
    const change = (agent: AgentEntity, policy: PresencePolicy, now: Date): void => {
      if (agent.phoneSequence !== null && presence.sequence <= Number(agent.phoneSequence)) return;
      agent.phoneSequence = String(presence.sequence);
      agent.phonePresenceStatus = presence.presenceStatus ?? agent.phonePresenceStatus;
      agent.phoneUserStatus = presence.userStatus ?? agent.phoneUserStatus;
      // Absent when unchanged (vendor-webhooks.md §2.5).
      agent.phoneTelephonyStatus = presence.telephonyStatus ?? agent.phoneTelephonyStatus;
      if (presence.telephonyStatus === 'NoCall') {
        // RingCentral sees no call at all: a leg whose end never reached us (notifications can be
        // lost, §2.7) must not keep the agent busy once another call ends. Forgotten rather than
        // marked ended, so that a call this notification predates comes back with its next leg.
        agent.callLegs = endedLegsOnly(agent.callLegs, now);
      }
      if (presence.dndStatus !== undefined) {
        const { echo, remaining } = consumeEcho(agent.pendingEchoes, 'ringcentral', presence.dndStatus, now);
        agent.pendingEchoes = remaining;
        agent.pendingPushes = settled(agent.pendingPushes, 'ringcentralDnd', presence.dndStatus, echo);
        agent.phoneDndStatus = presence.dndStatus;
        if (!echo && agent.dndBeforeCapacity !== null && presence.dndStatus !== NO_QUEUE_CALLS) {
          agent.dndBeforeCapacity = null;
        }
      }
      this.applyCallPolicy(work, agent, policy, now);
    };
    await this.change(work, agentKey, change, { writeBehind });
  }

  /**
   * A telephony-session notification about one of the agent's call legs. Ordered per session by
   * its sequence; with no leg left in progress the phone is free. A leg that ended keeps its
   * sequence, so a notification from before its end that arrives afterwards changes nothing.
   */
  async callLegReported(
    work: UnitOfWork,
    agentKey: AgentKey,
    leg: { telephonySessionId: string; sequence: number; telephonyStatus: string | null },
  ): Promise<void> {
    await this.change(work, agentKey, (agent, policy, now) => {
      const known = agent.callLegs[leg.telephonySessionId];
      if (known && leg.sequence <= known.sequence) return;
      const legs = withoutExpiredEndedLegs(agent.callLegs, now);
      legs[leg.telephonySessionId] = leg.telephonyStatus
        ? { sequence: leg.sequence, telephonyStatus: leg.telephonyStatus }
        : { sequence: leg.sequence, telephonyStatus: null, endedAt: now.toISOString() };
      agent.callLegs = legs;
      const active = Object.values(legs).flatMap((entry) => entry.telephonyStatus ?? []);
      agent.phoneTelephonyStatus = active.includes('CallConnected')
        ? 'CallConnected'
        : (active[0] ?? 'NoCall');
      this.applyCallPolicy(work, agent, policy, now);
    });
  }

  /**
   * The agent's chats changed. They are counted once the agent's row is locked: counted before,
   * two transactions changing two of the agent's chats at once would each miss the other's change,
   * and the one that commits last would leave its wrong count behind.
   */
  async openChatsChanged(
    work: UnitOfWork,
    agentId: string,
    countOpenChats: () => Promise<number>,
  ): Promise<void> {
    await this.change(work, agentId, async (agent, policy, now) => {
      agent.openChats = await countOpenChats();
      this.applyCapacityPolicy(work, agent, policy, now);
    });
  }

  /** The agent's own choice in the console (`null` hands the status back to the vendors). */
  async manualStatusChosen(work: UnitOfWork, agentId: string, status: UnifiedStatus | null): Promise<Agent> {
    return this.change(work, agentId, (agent, policy, now) => {
      agent.manualStatus = status;
      if (!status || !policy.pushManualStatus) return;
      const chat: ChatRoutingStatus =
        status === 'available' ? 'accepting_chats' : status === 'offline' ? 'offline' : 'not_accepting_chats';
      // A choice made during a call applies once the call is over.
      if (agent.chatStatusBeforeCall) agent.chatStatusBeforeCall = chat;
      else this.pushChatStatus(work, agent, chat, now);
      const userStatus = status === 'available' ? 'Available' : status === 'offline' ? 'Offline' : 'Busy';
      this.pushUserStatus(work, agent, userStatus, now);
    });
  }

  /** The wrap-up after a call has run out: give the agent their chats back if the phone stayed free. */
  async wrapUpEnded(work: UnitOfWork, agentId: string): Promise<void> {
    await this.change(work, agentId, (agent, policy, now) => {
      if (!agent.wrapUpUntil) return;
      if (agent.wrapUpUntil > now) {
        // Early (clocks of two machines differ): look again when it is really over.
        const remainingMs = agent.wrapUpUntil.getTime() - now.getTime();
        this.queue(work, 'presence.restore-after-call', { agentId: agent.id }, remainingMs);
        return;
      }
      if (policy.phoneBusyStates.includes(agent.phoneTelephonyStatus ?? 'NoCall')) return;
      this.restoreChats(work, agent, now);
    });
  }

  /**
   * After an admin changed the agent outside any presence input: a new capacity, other vendor ids,
   * placeholders folded in with their chat or phone state. The policy applies to the facts as they
   * now are (a lower capacity can switch queue calls off, a call found on a folded phone
   * placeholder takes the agent off chats), and boards hear of the edit even when the status stays.
   */
  adminEdited(work: UnitOfWork, agentId: string): Promise<Agent> {
    return this.change(
      work,
      agentId,
      (agent, policy, now) => {
        this.applyCallPolicy(work, agent, policy, now);
        this.applyCapacityPolicy(work, agent, policy, now);
      },
      { announceUnchanged: true },
    );
  }

  private applyCallPolicy(work: UnitOfWork, agent: AgentEntity, policy: PresencePolicy, now: Date): void {
    const onPhone = policy.phoneBusyStates.includes(agent.phoneTelephonyStatus ?? 'NoCall');
    if (onPhone) {
      agent.wrapUpUntil = null;
      if (agent.chatStatusBeforeCall === null && agent.chatStatus === 'accepting_chats') {
        agent.chatStatusBeforeCall = agent.chatStatus;
        this.pushChatStatus(work, agent, 'not_accepting_chats', now);
      }
      return;
    }
    if (agent.chatStatusBeforeCall === null || agent.wrapUpUntil !== null) return;
    if (policy.wrapUpSeconds <= 0) {
      this.restoreChats(work, agent, now);
      return;
    }
    agent.wrapUpUntil = new Date(now.getTime() + policy.wrapUpSeconds * 1000);
    // A delayed job, not a timer: it survives restarts and runs on whichever worker is alive.
    this.queue(work, 'presence.restore-after-call', { agentId: agent.id }, policy.wrapUpSeconds * 1000);
  }

  private applyCapacityPolicy(work: UnitOfWork, agent: AgentEntity, policy: PresencePolicy, now: Date): void {
    if (!policy.capacityDnd || !agent.ringcentralExtensionId) return;
    const atCapacity = agent.maxConcurrentChats > 0 && agent.openChats >= agent.maxConcurrentChats;
    if (atCapacity && agent.dndBeforeCapacity === null && agent.phoneDndStatus !== NO_QUEUE_CALLS) {
      agent.dndBeforeCapacity = agent.phoneDndStatus ?? 'TakeAllCalls';
      this.pushDnd(work, agent, NO_QUEUE_CALLS, now);
    } else if (!atCapacity && agent.dndBeforeCapacity !== null) {
      const previous = agent.dndBeforeCapacity;
      agent.dndBeforeCapacity = null;
      this.pushDnd(work, agent, previous, now);
    }
  }

  private restoreChats(work: UnitOfWork, agent: AgentEntity, now: Date): void {
    const previous = agent.chatStatusBeforeCall;
    agent.chatStatusBeforeCall = null;
    agent.wrapUpUntil = null;
    if (previous && previous !== agent.chatStatus) this.pushChatStatus(work, agent, previous, now);
  }

  /**
   * Queues again, under the agent's lock, the pushes still pending since before `cutoff`: their
   * jobs were lost, or ran out of retries while the vendor was down. Their echoes are expected
   * anew, since the first expectation may have expired meanwhile.
   */
  async resendPendingPushes(work: UnitOfWork, agentId: string, cutoff: Date): Promise<void> {
    await this.change(work, agentId, (agent, _policy, now) => {
      const isOverdue = <T extends string>(push: PendingPush<T> | undefined): push is PendingPush<T> =>
        push !== undefined && Date.parse(push.since) < cutoff.getTime();
      const { livechatStatus, ringcentralDnd, ringcentralUserStatus } = agent.pendingPushes;
      if (isOverdue(livechatStatus)) {
        this.pushChatStatus(work, agent, livechatStatus.value, now);
      }
      if (isOverdue(ringcentralDnd)) this.pushDnd(work, agent, ringcentralDnd.value, now);
      if (isOverdue(ringcentralUserStatus))
        this.pushUserStatus(work, agent, ringcentralUserStatus.value, now);
    });
  }

  /** Applied locally at once (the board shows it), pushed after commit, and its webhook absorbed as an echo. */
  private pushChatStatus(work: UnitOfWork, agent: AgentEntity, status: ChatRoutingStatus, now: Date): void {
    agent.chatStatus = status;
    if (!agent.livechatAgentId) return;
    agent.pendingEchoes = expectEcho(agent.pendingEchoes, 'livechat', status, now);
    agent.pendingPushes = { ...agent.pendingPushes, livechatStatus: pendingPush(status, now) };
    this.queue(work, 'presence.push-chat-status', { agentId: agent.id, status });
  }

  private pushDnd(work: UnitOfWork, agent: AgentEntity, dndStatus: string, now: Date): void {
    agent.phoneDndStatus = dndStatus;
    agent.pendingEchoes = expectEcho(agent.pendingEchoes, 'ringcentral', dndStatus, now);
    agent.pendingPushes = { ...agent.pendingPushes, ringcentralDnd: pendingPush(dndStatus, now) };
    this.queue(work, 'presence.push-phone-status', { agentId: agent.id, dndStatus });
  }

  private pushUserStatus(work: UnitOfWork, agent: AgentEntity, userStatus: string, now: Date): void {
    if (!agent.ringcentralExtensionId) return;
    agent.pendingPushes = { ...agent.pendingPushes, ringcentralUserStatus: pendingPush(userStatus, now) };
    this.queue(work, 'presence.push-phone-status', { agentId: agent.id, userStatus });
  }

  private queue<N extends PresenceJob>(
    work: UnitOfWork,
    name: N,
    payload: JobPayloads[N],
    delayMs?: number,
  ): void {
    work.afterCommit(async () => {
      try {
        await this.jobs.add(name, payload, delayMs ? { delayMs } : {});
      } catch (error) {
        // Still pending on the agent row: the sweep of unsent pushes queues it once Redis is back.
        this.logger.warn(`${name} for agent ${payload.agentId} not queued: ${(error as Error).message}`);
      }
    });
  }

  /**
   * FOR NO KEY UPDATE serializes changes of one agent without waiting for the transactions that
   * merely reference it (they hold FOR KEY SHARE, see AgentDirectory). Like theirs, it makes an
   * admin folding a placeholder into an agent wait; a fold that committed first has deleted the
   * placeholder, so the lookup by extension finds nothing and goes through the directory again.
   */
  private async lock(manager: EntityManager, key: AgentKey): Promise<AgentEntity> {
    const lockById = async (id: string): Promise<AgentEntity> => {
      const agent = await this.held.lock(manager, { id });
      if (!agent) throw new EntityNotFoundError(AgentEntity, { id });
      return agent;
    };
    if (typeof key === 'string') return lockById(key);
    // Almost every webhook names a known extension: one statement finds and locks its agent,
    // unless this transaction holds it already.
    const known = await this.held.lock(manager, key);
    return known ?? lockById(await this.directory.resolveExtension(manager, key.ringcentralExtensionId));
  }

  /**
   * Locks, in one statement, the agents of these extensions (those already known), ahead of
   * their changes in this transaction, which then take the rows without a statement each.
   */
  lockAheadByExtension(manager: EntityManager, extensionIds: string[]): Promise<void> {
    return this.held.lockByExtension(manager, extensionIds);
  }

  /** Writes the changes phonePresenceReported() held back, in one statement. */
  flushHeldWrites(manager: EntityManager): Promise<void> {
    return this.held.flush(manager);
  }

  /** Locks the agent, applies the change, derives the status, stages the timeline and the event. */
  private async change(
    work: UnitOfWork,
    key: AgentKey,
    mutate: (agent: AgentEntity, policy: PresencePolicy, now: Date) => void | Promise<void>,
    { announceUnchanged = false, writeBehind = false } = {},
  ): Promise<Agent> {
    const { manager } = work;
    const agent = await this.lock(manager, key);
    const before = toAgent(agent);
    const now = new Date();
    await mutate(agent, await this.policies.get(manager), now);
    const derived = deriveUnifiedStatus({
      manualStatus: agent.manualStatus,
      chatStatus: agent.chatStatus,
      telephonyStatus: agent.phoneTelephonyStatus,
      presenceStatus: agent.phonePresenceStatus,
      dndStatus: agent.phoneDndStatus,
      openChats: agent.openChats,
      maxConcurrentChats: agent.maxConcurrentChats,
      wrappingUp: agent.wrapUpUntil !== null,
    });
    const statusChanged = derived.status !== agent.status || derived.reason !== agent.statusReason;
    if (statusChanged) {
      agent.status = derived.status;
      agent.statusReason = derived.reason;
      agent.statusSince = now;
    }
    const after = toAgent(agent);
    const announce = announceUnchanged || JSON.stringify(before) !== JSON.stringify(after);
    this.held.stage(work, agent, {
      statusChange: statusChanged ? { status: derived.status, reason: derived.reason, at: now } : undefined,
      event: announce ? { data: after, audience: audienceOf(agent) } : undefined,
    });
    if (!writeBehind) await this.held.flush(manager);
    return after;
  }
}
