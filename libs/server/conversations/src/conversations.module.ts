import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '@ccp/server-agents';
import { IntegrationsModule } from '@ccp/server-integrations';
import { QueueModule, RealtimePublisherModule } from '@ccp/server-platform';
import { WebhooksWorkerModule } from '@ccp/server-webhooks';
import { ConversationQueries } from './api/conversation-queries';
import { ConversationsController } from './api/conversations.controller';
import { CallEventsHandler } from './calls/call-events.handler';
import { CallLogHandler } from './calls/call-log.handler';
import { SilentCallSweep } from './calls/silent-call-sweep';
import { ChatEventsHandler } from './chats/chat-events.handler';
import { CallPartyEntity } from './model/call-party.entity';
import { CallStatusChangeEntity } from './model/call-status-change.entity';
import { ConversationAgentReferences } from './model/conversation-agent-references';
import { ConversationLinks } from './model/conversation-links';
import { ConversationEntity } from './model/conversation.entity';
import { ConversationStore } from './model/conversation.store';
import { MessageEntity } from './model/message.entity';
import { ConversationNotifier } from './realtime/conversation-notifier';

export const CONVERSATION_ENTITIES = [
  ConversationEntity,
  MessageEntity,
  CallPartyEntity,
  CallStatusChangeEntity,
];

/** The api side: the conversations REST API, the read model other libraries use, and agent merges. */
@Module({
  imports: [TypeOrmModule.forFeature(CONVERSATION_ENTITIES), AgentsModule],
  controllers: [ConversationsController],
  providers: [ConversationQueries, ConversationAgentReferences],
  exports: [ConversationQueries],
})
export class ConversationsModule {}

/**
 * The worker side: applying chat and call events, enriching ended calls from the call log, and
 * ending calls RingCentral no longer has.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(CONVERSATION_ENTITIES),
    AgentsModule,
    IntegrationsModule,
    QueueModule,
    RealtimePublisherModule,
    WebhooksWorkerModule,
  ],
  providers: [
    ConversationStore,
    ConversationNotifier,
    ConversationLinks,
    ChatEventsHandler,
    CallEventsHandler,
    CallLogHandler,
    SilentCallSweep,
  ],
  exports: [ConversationLinks],
})
export class ConversationsWorkerModule {}
