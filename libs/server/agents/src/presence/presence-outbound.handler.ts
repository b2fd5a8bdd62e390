import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  HandlesJob,
  type PushChatStatusPayload,
  type PushPhoneStatusPayload,
  type RestoreAfterCallPayload,
  type SweepOverduePayload,
} from '@ccp/server-platform';
import { LiveChatClient, OutboundCallError, RingCentralClient } from '@ccp/server-integrations';
import { UnrecoverableError } from 'bullmq';
import { DataSource, LessThan } from 'typeorm';
import { AgentEntity } from '../directory/agent.entity';
import { PresenceService } from './presence.service';

export type PushOutcome = 'pushed' | 'skipped' | 'no-vendor-id';

/** A vendor refusing the request (bad id, no permission) will refuse it on every retry too. */
function rethrowForQueue(error: unknown): never {
  if (error instanceof OutboundCallError && !error.retryable) throw new UnrecoverableError(error.message);
  throw error;
}

/** The presence jobs: pushes to the vendors (each a sync log row) and the end of wrap-ups. */
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
    if (!agent?.livechatAgentId) return 'no-vendor-id';
    const result = await this.livechat
      .setRoutingStatus(agent.livechatAgentId, payload.status)
      .catch(rethrowForQueue);
    return result.outcome === 'success' ? 'pushed' : 'skipped';
  }

  @HandlesJob('presence.push-phone-status')
  async pushPhoneStatus(payload: PushPhoneStatusPayload): Promise<PushOutcome> {
    const agent = await this.dataSource.manager.findOneBy(AgentEntity, { id: payload.agentId });
    if (!agent?.ringcentralExtensionId) return 'no-vendor-id';
    const result = await this.ringcentral
      .setPresence(agent.ringcentralExtensionId, {
        dndStatus: payload.dndStatus,
        userStatus: payload.userStatus,
      })
      .catch(rethrowForQueue);
    return result.outcome === 'success' ? 'pushed' : 'skipped';
  }

  @HandlesJob('presence.restore-after-call')
  async restoreAfterCall(payload: RestoreAfterCallPayload): Promise<void> {
    const effects: (() => Promise<void>)[] = [];
    await this.dataSource.transaction((manager) =>
      this.presence.wrapUpEnded({ manager, afterCommit: (effect) => effects.push(effect) }, payload.agentId),
    );
    for (const effect of effects) await effect();
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
}
