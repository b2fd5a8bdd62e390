import { Injectable } from '@nestjs/common';
import { HandlesDomainEvent, type DomainEventContext, type DomainEventOf } from '@ccp/server-webhooks';
import { AgentDirectory } from '../directory/agent-directory';
import { PresenceService } from './presence.service';

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

  @HandlesDomainEvent('agent.phone_presence')
  async phonePresence(
    event: DomainEventOf<'agent.phone_presence'>,
    context: DomainEventContext,
  ): Promise<void> {
    const agentId = await this.directory.resolveExtension(context.manager, event.extensionId);
    await this.presence.phonePresenceReported(context, agentId, {
      sequence: event.sequence,
      presenceStatus: event.presenceStatus,
      userStatus: event.userStatus,
      telephonyStatus: event.telephonyStatus,
      dndStatus: event.dndStatus,
    });
  }
}
