export {
  CONVERSATION_ENTITIES,
  ConversationsModule,
  ConversationsWorkerModule,
} from './conversations.module';
export { ConversationQueries } from './api/conversation-queries';
export { ConversationDto } from './api/conversation.dto';
export { ConversationLinks } from './model/conversation-links';
