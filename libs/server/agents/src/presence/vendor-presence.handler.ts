import { Injectable } from '@nestjs/common';
import {
  FlushesHeldWrites,
  HandlesDomainEvent,
  PreparesDomainEvents,
  type DomainEventContext,
  type DomainEventOf,
} from '@ccp/server-webhooks';
import type { EntityManager } from 'typeorm';
import { AgentDirectory } from '../directory/agent-directory';
import { PresenceService } from './presence.service';

/**
 * The presence `telephonyStatus` a call leg's status amounts to; null when the leg is over.
 * An inbound leg that is set up is ringing; an outbound one is the agent dialling, already busy.
 */
export function telephonyStatusOfLeg(code: string, direction: string): string | null {
  switch (code) {
    case 'Setup':
    case 'Proceeding':
      return direction === 'Inbound' ? 'Ringing' : 'CallConnected';
    case 'Answered':
      return 'CallConnected';
    case 'Hold':
      return 'OnHold';
    case 'Parked':
      return 'ParkedCall';
    default:
      // Disconnected, Gone, VoiceMail (the caller now talks to a mailbox) and unknown codes.
      return null;
  }
}

/** Vendor presence webhooks into the presence model; unknown vendor ids become unmapped placeholders. */
@Injectable()
export class VendorPresenceHandler {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly presence: PresenceService,
  ) {}

  @HandlesDomainEvent('agent.routing_status')
  async routingStatus(
    event: DomainEventOf<'agent.routing_status'>,
    context: DomainEventContext,
  ): Promise<void> {
    const agentId = await this.directory.resolveLiveChatAgent(context.manager, event.livechatAgentId);
    await this.presence.chatStatusReported(context, agentId, event.status);
  }

  /** After conversations and crm (order 20), so locks are always taken conversation first, then agent. */
  @HandlesDomainEvent('call.party_updated', { order: 20 })
  async callLeg(event: DomainEventOf<'call.party_updated'>, context: DomainEventContext): Promise<void> {
    const { party } = event;
    if (!party.extensionId) return;
    await this.presence.callLegReported(
      context,
      { ringcentralExtensionId: party.extensionId },
      {
        telephonySessionId: event.telephonySessionId,
        sequence: event.sequence,
        telephonyStatus: telephonyStatusOfLeg(party.status.code, party.direction),
      },
    );
  }

  /**
   * A group's presence notifications lock their agents in one statement, in id order. Not call
   * legs: their handler locks the conversation first, then the agent.
   */
  @PreparesDomainEvents('agent.phone_presence')
  async lockPhonePresenceAgents(
    events: DomainEventOf<'agent.phone_presence'>[],
    manager: EntityManager,
  ): Promise<void> {
    await this.presence.lockAheadByExtension(
      manager,
      events.map((event) => event.extensionId),
    );
  }

  @HandlesDomainEvent('agent.phone_presence')
  async phonePresence(
    event: DomainEventOf<'agent.phone_presence'>,
    context: DomainEventContext,
  ): Promise<void> {
    await this.presence.phonePresenceReported(
      context,
      { ringcentralExtensionId: event.extensionId },
      {
        sequence: event.sequence,
        presenceStatus: event.presenceStatus,
        userStatus: event.userStatus,
        telephonyStatus: event.telephonyStatus,
        dndStatus: event.dndStatus,
      },
      { writeBehind: true },
    );
  }

  /** What phonePresence() held back: the dispatcher calls this before anything else runs. */
  @FlushesHeldWrites('agent.phone_presence')
  async flushPhonePresence(manager: EntityManager): Promise<void> {
    await this.presence.flushHeldWrites(manager);
  }
}
