/**
 * Typed domain events produced by the normalizers from stored vendor webhooks. Plain data:
 * camelCase fields, times as ISO 8601 strings exactly as the vendor sent them (LiveChat uses
 * microseconds, which keeps events of one millisecond in order).
 */

export interface AgentRef {
  kind: 'agent';
  livechatAgentId: string;
  name?: string;
  email?: string;
}

export interface CustomerRef {
  kind: 'customer';
  externalId: string;
  name?: string;
  email?: string;
  phone?: string;
}

export type ChatUserRef = AgentRef | CustomerRef;

export type ChatAuthorType = 'customer' | 'agent' | 'system' | 'bot';
export type ChatMessageKind =
  'message' | 'file' | 'system_message' | 'filled_form' | 'rich_message' | 'other';
/** `agents` = internal note, never shown to the customer. */
export type ChatVisibility = 'all' | 'agents';

export interface ChatAttachment {
  url: string;
  name: string;
  size?: number;
  contentType?: string;
}

export interface ChatFormField {
  id?: string;
  type?: string;
  label?: string;
  /** The answer as text (for checkbox fields, the answers joined with ", "). */
  answer?: string;
  /** Every answer of a multiple-choice field. */
  answers?: string[];
}

export interface ChatForm {
  formId?: string;
  /** `prechat`, `postchat`, `ask_for_email`, … */
  formType?: string;
  fields: ChatFormField[];
}

export interface ChatMessage {
  /** The LiveChat event id (`<thread_id>_<n>` or a UUID). */
  externalId: string;
  /** Client-supplied id; lets us recognise the echo of a message we sent ourselves. */
  customId?: string;
  authorId?: string;
  authorType: ChatAuthorType;
  kind: ChatMessageKind;
  /** The vendor's event type as sent (`message`, `form`, `custom`, …). */
  vendorType: string;
  text?: string;
  attachments: ChatAttachment[];
  createdAt: string;
  visibility: ChatVisibility;
  systemMessageType?: string;
  textVars?: Record<string, string>;
  form?: ChatForm;
}

export interface ChatStartedEvent {
  type: 'chat.started';
  chatId: string;
  threadId: string;
  startedAt: string;
  customer?: CustomerRef;
  agents: AgentRef[];
  groupIds: number[];
  tags: string[];
  messages: ChatMessage[];
  previousThreadId?: string;
}

export interface ChatMessageEvent {
  type: 'chat.message';
  chatId: string;
  threadId: string;
  message: ChatMessage;
}

export interface ChatMessageUpdatedEvent {
  type: 'chat.message_updated';
  chatId: string;
  threadId: string;
  message: ChatMessage;
}

export interface ChatMessageDeletedEvent {
  type: 'chat.message_deleted';
  chatId: string;
  threadId: string;
  eventId: string;
}

/** The thread was closed. LiveChat sends no time: use the receive time. */
export interface ChatEndedEvent {
  type: 'chat.ended';
  chatId: string;
  threadId: string;
  /** Absent when the router (not a person) closed the thread. */
  endedBy?: string;
}

export type ChatUserType = 'agent' | 'customer';

export interface ChatParticipantAddedEvent {
  type: 'chat.participant_added';
  chatId: string;
  /** Absent for inactive chats. */
  threadId?: string;
  userId: string;
  userType: ChatUserType;
  user: ChatUserRef;
  reason?: string;
  requesterId?: string;
}

export interface ChatParticipantRemovedEvent {
  type: 'chat.participant_removed';
  chatId: string;
  threadId?: string;
  userId: string;
  userType: ChatUserType;
  reason?: string;
  requesterId?: string;
}

export interface ChatQueueInfo {
  position: number;
  waitTimeSeconds: number;
  queuedAt?: string;
}

export interface ChatTransferredEvent {
  type: 'chat.transferred';
  chatId: string;
  /** Only when the chat is active. */
  threadId?: string;
  requesterId?: string;
  /** `manual` | `inactive` | `assigned` | `unassigned` | `other` (unknown values kept). */
  reason?: string;
  toAgentIds: string[];
  toGroupIds: number[];
  queue?: ChatQueueInfo;
}

export interface ChatTaggedEvent {
  type: 'chat.tagged';
  chatId: string;
  threadId: string;
  tag: string;
}

export interface ChatUntaggedEvent {
  type: 'chat.untagged';
  chatId: string;
  threadId: string;
  tag: string;
}

export type ChatRatingScore = 'good' | 'bad';

/** From the `rating` property namespace: score 0 = bad, 1 = good. */
export interface ChatRatedEvent {
  type: 'chat.rated';
  chatId: string;
  threadId?: string;
  score: ChatRatingScore;
  comment?: string;
}

/** A rating comment sent on its own (the update carried `rating.comment` without `rating.score`). */
export interface ChatRatingCommentedEvent {
  type: 'chat.rating_commented';
  chatId: string;
  threadId?: string;
  comment: string;
}

/** Chat or thread properties other than `rating`: only the changed keys, `{namespace: {name: value}}`. */
export interface ChatPropertiesUpdatedEvent {
  type: 'chat.properties_updated';
  chatId: string;
  /** Present for thread properties, absent for chat properties. */
  threadId?: string;
  properties: Record<string, Record<string, unknown>>;
}

export type ChatRoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';

/** LiveChat routing status of an agent or bot. No vendor time: apply as last-write state. */
export interface AgentRoutingStatusEvent {
  type: 'agent.routing_status';
  livechatAgentId: string;
  status: ChatRoutingStatus;
}

export interface CustomerUpsertedEvent {
  type: 'customer.upserted';
  source: 'livechat';
  externalId: string;
  name?: string;
  email?: string;
  phone?: string;
}

export interface CustomerSessionFieldsEvent {
  type: 'customer.session_fields';
  externalId: string;
  chatId: string;
  threadId: string;
  fields: Record<string, string>;
}

/** Known RingCentral values; unknown strings are passed through unchanged. */
export type TelephonyStatusCode =
  | 'Setup'
  | 'Proceeding'
  | 'Answered'
  | 'Disconnected'
  | 'Gone'
  | 'Parked'
  | 'Hold'
  | 'VoiceMail'
  | 'FaxReceive'
  | 'VoiceMailScreening'
  | 'Tds'
  | (string & Record<never, never>);

export type CallDirection = 'Inbound' | 'Outbound';

export interface CallEndpoint {
  phoneNumber?: string;
  name?: string;
  extensionId?: string;
  deviceId?: string;
}

export interface CallPartyStatus {
  code: TelephonyStatusCode;
  /** Unknown reasons (`Conference`, `Undefined`, …) are kept as sent. */
  reason?: string;
  description?: string;
  /** For `Gone`: where the party went (transfer, park pickup, barge). */
  peerId?: { sessionId?: string; telephonySessionId?: string; partyId?: string };
}

export interface CallParty {
  id: string;
  /** Absent for parties without an extension (PSTN side, IVR leg). */
  extensionId?: string;
  accountId?: string;
  /** From this party's point of view. */
  direction: CallDirection;
  from: CallEndpoint;
  to: CallEndpoint;
  status: CallPartyStatus;
  missedCall: boolean;
  queueCall?: boolean;
  standAlone?: boolean;
  muted?: boolean;
  conferenceRole?: string;
  recordings?: { id: string; active: boolean }[];
}

/** One per party in a telephony-session notification. Order per session by `sequence`. */
export interface CallPartyUpdatedEvent {
  type: 'call.party_updated';
  telephonySessionId: string;
  sessionId: string;
  sequence: number;
  eventTime: string;
  /** `origin.type`: `Call`, `RingOut`, `Conference`, … */
  origin?: string;
  party: CallParty;
}

export interface PhoneActiveCall {
  id?: string;
  telephonySessionId?: string;
  sessionId?: string;
  partyId?: string;
  /** `Inbound` | `Outbound` as sent. */
  direction?: string;
  telephonyStatus?: string;
  from?: string;
  fromName?: string;
  to?: string;
  toName?: string;
  queueCall?: boolean;
  startTime?: string;
}

/** RingCentral presence. Older `sequence` must never overwrite newer. */
export interface AgentPhonePresenceEvent {
  type: 'agent.phone_presence';
  extensionId: string;
  sequence: number;
  /** `Offline` | `Busy` | `Available` (aggregated). */
  presenceStatus?: string;
  /** `Offline` | `Busy` | `Available` (set by the user). */
  userStatus?: string;
  /** `NoCall` | `CallConnected` | `Ringing` | `OnHold` | `ParkedCall`; absent when unchanged. */
  telephonyStatus?: string;
  dndStatus?: string;
  meetingStatus?: string;
  totalActiveCalls?: number;
  activeCalls: PhoneActiveCall[];
}

export interface SubscriptionExpiringEvent {
  type: 'subscription.expiring';
  subscriptionId: string;
}

export type DomainEvent =
  | ChatStartedEvent
  | ChatMessageEvent
  | ChatMessageUpdatedEvent
  | ChatMessageDeletedEvent
  | ChatEndedEvent
  | ChatParticipantAddedEvent
  | ChatParticipantRemovedEvent
  | ChatTransferredEvent
  | ChatTaggedEvent
  | ChatUntaggedEvent
  | ChatRatedEvent
  | ChatRatingCommentedEvent
  | ChatPropertiesUpdatedEvent
  | AgentRoutingStatusEvent
  | CustomerUpsertedEvent
  | CustomerSessionFieldsEvent
  | CallPartyUpdatedEvent
  | AgentPhonePresenceEvent
  | SubscriptionExpiringEvent;

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
