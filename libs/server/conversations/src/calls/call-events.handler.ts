import { Injectable, Logger } from '@nestjs/common';
import { AgentDirectory } from '@ccp/server-agents';
import { AppConfig, JobQueue } from '@ccp/server-platform';
import { HandlesDomainEvent, type DomainEventContext, type DomainEventOf } from '@ccp/server-webhooks';
import { CallStatusChangeEntity } from '../model/call-status-change.entity';
import type { ConversationEntity } from '../model/conversation.entity';
import { ConversationStore, isTerminal } from '../model/conversation.store';
import { ConversationNotifier } from '../realtime/conversation-notifier';
import { deriveCallState } from './call-state';

type PartyEvent = DomainEventOf<'call.party_updated'>;

/** The agent's own side of the leg: the callee of an inbound leg, the caller of an outbound one. */
function agentNameOf(party: PartyEvent['party']): string | undefined {
  return party.direction === 'Inbound' ? party.to.name : party.from.name;
}

/**
 * Applies RingCentral telephony-session notifications to calls. Every status change is kept in
 * the call timeline once (unique per party and sequence), and the call itself is re-derived from
 * the whole timeline, so out-of-order and repeated notifications converge on the same call.
 */
@Injectable()
export class CallEventsHandler {
  private readonly logger = new Logger(CallEventsHandler.name);

  constructor(
    private readonly store: ConversationStore,
    private readonly agents: AgentDirectory,
    private readonly notifier: ConversationNotifier,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  @HandlesDomainEvent('call.party_updated')
  async partyUpdated(event: PartyEvent, context: DomainEventContext): Promise<void> {
    const { manager } = context;
    const { conversation, created } = await this.store.lockOrCreate(
      manager,
      { type: 'call', platform: 'ringcentral', externalId: event.telephonySessionId },
      { status: 'queued' },
    );
    const { party } = event;
    const agentId = party.extensionId
      ? await this.agents.resolveExtension(manager, party.extensionId, { name: agentNameOf(party) })
      : null;
    const recorded = (await manager
      .createQueryBuilder()
      .insert()
      .into(CallStatusChangeEntity)
      .values({
        conversationId: conversation.id,
        partyId: party.id,
        sequence: event.sequence,
        eventTime: new Date(event.eventTime),
        status: party.status.code,
        reason: party.status.reason ?? null,
        direction: party.direction,
        extensionId: party.extensionId ?? null,
        agentId,
        fromNumber: party.from.phoneNumber ?? null,
        fromName: party.from.name ?? null,
        toNumber: party.to.phoneNumber ?? null,
        toName: party.to.name ?? null,
        missedCall: party.missedCall,
      })
      .orIgnore()
      .returning(['id'])
      .execute()) as { raw: unknown[] };
    if (recorded.raw.length === 0) return;

    await manager.query(
      `INSERT INTO call_parties (conversation_id, party_id, extension_id, agent_id, direction, from_number, from_name,
                                 to_number, to_name, status, reason, missed, last_sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (conversation_id, party_id) DO UPDATE
         SET extension_id = EXCLUDED.extension_id, agent_id = EXCLUDED.agent_id, direction = EXCLUDED.direction,
             from_number = EXCLUDED.from_number, from_name = EXCLUDED.from_name, to_number = EXCLUDED.to_number,
             to_name = EXCLUDED.to_name, status = EXCLUDED.status, reason = EXCLUDED.reason,
             missed = call_parties.missed OR EXCLUDED.missed, last_sequence = EXCLUDED.last_sequence
         WHERE call_parties.last_sequence < EXCLUDED.last_sequence`,
      [
        conversation.id,
        party.id,
        party.extensionId ?? null,
        agentId,
        party.direction,
        party.from.phoneNumber ?? null,
        party.from.name ?? null,
        party.to.phoneNumber ?? null,
        party.to.name ?? null,
        party.status.code,
        party.status.reason ?? null,
        party.missedCall,
        event.sequence,
      ],
    );

    const previousStatus = conversation.status;
    const timeline = await manager
      .getRepository(CallStatusChangeEntity)
      .findBy({ conversationId: conversation.id });
    Object.assign(conversation, this.callFieldsOf(timeline));
    const ended = isTerminal(conversation.status) && (created || !isTerminal(previousStatus));
    if (ended) conversation.callLogDueAt = new Date(Date.now() + this.config.CALL_LOG_FETCH_DELAY_MS);
    conversation.callReconcileDueAt = isTerminal(conversation.status)
      ? null
      : new Date(Date.now() + this.config.CALL_RECONCILE_AFTER_MS);
    await this.store.save(manager, conversation);
    await this.notifier.conversationChanged(context, conversation, { created, previousStatus });
    if (ended) this.fetchCallLogLater(context, conversation);
  }

  private callFieldsOf(timeline: CallStatusChangeEntity[]): Partial<ConversationEntity> {
    const { agentIds, ...state } = deriveCallState(timeline);
    return { ...state, agentIds };
  }

  private fetchCallLogLater(context: DomainEventContext, conversation: ConversationEntity): void {
    context.afterCommit(async () => {
      try {
        await this.jobs.add(
          'calls.fetch-call-log',
          { conversationId: conversation.id, telephonySessionId: conversation.externalId },
          { delayMs: this.config.CALL_LOG_FETCH_DELAY_MS },
        );
      } catch (error) {
        // callLogDueAt, committed with the call, lets CallLogSweep queue it later.
        this.logger.warn(
          `call ${conversation.id}: call-log fetch not queued now (the sweep will): ${(error as Error).message}`,
        );
      }
    });
  }
}
