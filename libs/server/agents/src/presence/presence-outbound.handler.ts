import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  HandlesJob,
  type PushChatStatusPayload,
  type PushPhoneStatusPayload,
  type RestoreAfterCallPayload,
  type SweepOverduePayload,
} from '@ccp/server-platform';
import {
  LiveChatClient,
  OutboundCallError,
  RingCentralClient,
  type OutboundResult,
} from '@ccp/server-integrations';
import { UnrecoverableError } from 'bullmq';
import { DataSource, LessThan } from 'typeorm';
import { AgentEntity, type PendingPushes } from '../directory/agent.entity';
import { PresenceService, type UnitOfWork } from './presence.service';

/** `superseded`: the vendor already has the value, or a newer one is queued to replace it. */
export type PushOutcome = 'pushed' | 'skipped' | 'no-vendor-id' | 'superseded';

/** One vendor setting a push job was queued to set. */
interface PendingSetting {
  setting: keyof PendingPushes;
  value: string;
}

/** Whether the agent row still waits for this value, i.e. nobody has set it or replaced it since. */
function isStillPending(agent: AgentEntity, { setting, value }: PendingSetting): boolean {
  return agent.pendingPushes[setting]?.value === value;
}

/** A vendor refusing the request (bad id, no permission) will refuse it on every retry too. */
function isPermanent(error: unknown): boolean {
  return error instanceof OutboundCallError && !error.retryable;
}

/**
 * The presence jobs: pushes to the vendors (each a sync log row), the end of wrap-ups, and the
 * sweeps that redo either when Redis lost its job. A push sets what the agent row still has
 * pending for the vendor, and settles it afterwards; the row, not the job, is the record.
 */
@Injectable()
export class PresenceOutboundHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly livechat: LiveChatClient,
    private readonly ringcentral: RingCentralClient,
    private readonly presence: PresenceService,
  ) {}

  @HandlesJob('presence.push-chat-status')
  async pushChatStatus(payload: PushChatStatusPayload): Promise<PushOutcome> {
    const agent = await this.dataSource.manager.findOneBy(AgentEntity, { id: payload.agentId });
    if (!agent) return 'no-vendor-id';
    const settings: PendingSetting[] = [{ setting: 'livechatStatus', value: payload.status }];
    if (!agent.livechatAgentId) return this.settle(agent.id, settings, 'no-vendor-id');
    if (!isStillPending(agent, settings[0])) return 'superseded';
    const livechatAgentId = agent.livechatAgentId;
    return this.push(agent.id, settings, () =>
      this.livechat.setRoutingStatus(livechatAgentId, payload.status),
    );
  }

  @HandlesJob('presence.push-phone-status')
  async pushPhoneStatus(payload: PushPhoneStatusPayload): Promise<PushOutcome> {
    const agent = await this.dataSource.manager.findOneBy(AgentEntity, { id: payload.agentId });
    if (!agent) return 'no-vendor-id';
    const requested: PendingSetting[] = [
      ...(payload.dndStatus === undefined
        ? []
        : [{ setting: 'ringcentralDnd' as const, value: payload.dndStatus }]),
      ...(payload.userStatus === undefined
        ? []
        : [{ setting: 'ringcentralUserStatus' as const, value: payload.userStatus }]),
    ];
    if (!agent.ringcentralExtensionId) return this.settle(agent.id, requested, 'no-vendor-id');
    const settings = requested.filter((entry) => isStillPending(agent, entry));
    if (settings.length === 0) return 'superseded';
    const extensionId = agent.ringcentralExtensionId;
    const valueOf = (setting: PendingSetting['setting']) =>
      settings.find((entry) => entry.setting === setting)?.value;
    return this.push(agent.id, settings, () =>
      this.ringcentral.setPresence(extensionId, {
        dndStatus: valueOf('ringcentralDnd'),
        userStatus: valueOf('ringcentralUserStatus'),
      }),
    );
  }

  @HandlesJob('presence.restore-after-call')
  restoreAfterCall(payload: RestoreAfterCallPayload): Promise<void> {
    return this.inUnitOfWork((work) => this.presence.wrapUpEnded(work, payload.agentId));
  }

  /**
   * Ends the wrap-ups whose restore job is overdue: it was lost, and without this the agent would
   * stay off chats until their next call. All of them at once (at most one per agent, so after a
   * Redis loss nobody waits for later sweeps); ending a wrap-up twice changes nothing.
   */
  @HandlesJob('presence.sweep-overdue-wrap-ups')
  async sweepOverdueWrapUps(payload: SweepOverduePayload): Promise<number> {
    const overdue = await this.dataSource.getRepository(AgentEntity).find({
      select: { id: true },
      where: { wrapUpUntil: LessThan(new Date(Date.now() - payload.graceMs)) },
      order: { wrapUpUntil: 'ASC' },
    });
    for (const { id } of overdue) await this.restoreAfterCall({ agentId: id });
    return overdue.length;
  }

  /**
   * Queues again the pushes still pending after the grace: their job was lost, or ran out of
   * retries while the vendor was down. Without this a vendor would keep offering chats to an
   * agent on a call (or none to one who is free) until their next change.
   */
  @HandlesJob('presence.sweep-unsent-pushes')
  async sweepUnsentPushes(payload: SweepOverduePayload): Promise<number> {
    const cutoff = new Date(Date.now() - payload.graceMs);
    const rows = (await this.dataSource.query(
      `SELECT id FROM agents WHERE pending_pushes <> '{}'::jsonb AND EXISTS (
         SELECT 1 FROM jsonb_each(pending_pushes) AS push WHERE (push.value ->> 'since')::timestamptz < $1)`,
      [cutoff],
    )) as { id: string }[];
    for (const { id } of rows) {
      await this.inUnitOfWork((work) => this.presence.resendPendingPushes(work, id, cutoff));
    }
    return rows.length;
  }

  private async push(
    agentId: string,
    settings: PendingSetting[],
    send: () => Promise<OutboundResult<void>>,
  ): Promise<PushOutcome> {
    let result: OutboundResult<void>;
    try {
      result = await send();
    } catch (error) {
      if (!isPermanent(error)) throw error;
      // Refused for good: retrying, now or from the sweep, would be refused again.
      await this.settle(agentId, settings, 'skipped');
      throw new UnrecoverableError((error as Error).message);
    }
    // Skipped means no credentials: nothing will ever send it, so it is not left pending either.
    return this.settle(agentId, settings, result.outcome === 'success' ? 'pushed' : 'skipped');
  }

  /** Removes what this job was to push from the agent's pending pushes, unless a newer value replaced it. */
  private async settle(
    agentId: string,
    settings: PendingSetting[],
    outcome: PushOutcome,
  ): Promise<PushOutcome> {
    for (const { setting, value } of settings) {
      await this.dataSource.query(
        `UPDATE agents SET pending_pushes = pending_pushes - $2::text
         WHERE id = $1 AND pending_pushes -> $2::text ->> 'value' = $3`,
        [agentId, setting, value],
      );
    }
    return outcome;
  }

  private async inUnitOfWork(change: (work: UnitOfWork) => Promise<unknown>): Promise<void> {
    const effects: (() => Promise<void>)[] = [];
    await this.dataSource.transaction((manager) =>
      change({ manager, afterCommit: (effect) => effects.push(effect) }),
    );
    for (const effect of effects) await effect();
  }
}
