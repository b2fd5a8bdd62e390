import type { Page } from './pagination';

export const CONVERSATION_TYPES = ['chat', 'call'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

export const CONVERSATION_PLATFORMS = ['livechat', 'ringcentral', 'api', 'ivr'] as const;
export type ConversationPlatform = (typeof CONVERSATION_PLATFORMS)[number];

/** queued: waiting for an agent; missed: a call nobody answered; failed: could not be set up. */
export const CONVERSATION_STATUSES = ['queued', 'active', 'ended', 'missed', 'failed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CSAT_SCORES = ['good', 'bad'] as const;
export type CsatScore = (typeof CSAT_SCORES)[number];

export interface CallDetails {
  direction: 'Inbound' | 'Outbound' | null;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  /** The call ended without any agent answering it (each party has its own flag too). */
  missed: boolean;
  answeredAt: string | null;
  /** From the first to the last status change of any party. */
  durationSeconds: number | null;
  /** From the first answer to the end. */
  talkSeconds: number | null;
  /** From the RingCentral call log, once it has the call (`Accepted`, `Missed`, `Voicemail`, …). */
  result: string | null;
  recordingUrl: string | null;
}

export interface Conversation {
  id: string;
  type: ConversationType;
  platform: ConversationPlatform;
  status: ConversationStatus;
  /** LiveChat thread id or RingCentral telephonySessionId. */
  externalId: string;
  /** LiveChat chat id (a chat has one thread per visit). */
  chatId: string | null;
  customerId: string | null;
  /** The agent currently responsible. */
  agentId: string | null;
  /** Every agent who took part. */
  agentIds: string[];
  startedAt: string | null;
  endedAt: string | null;
  tags: string[];
  csat: CsatScore | null;
  csatComment: string | null;
  call: CallDetails | null;
  createdAt: string;
  updatedAt: string;
}

export interface CallPartyView {
  partyId: string;
  extensionId: string | null;
  agentId: string | null;
  direction: string;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  status: string;
  reason: string | null;
  missed: boolean;
}

/** One telephony status change of one party, in vendor `sequence` order. */
export interface CallStatusChange {
  partyId: string;
  sequence: number;
  eventTime: string;
  status: string;
  reason: string | null;
  direction: string;
  fromNumber: string | null;
  toNumber: string | null;
  extensionId: string | null;
}

export interface ConversationDetail extends Conversation {
  /** Chat and thread properties other than the rating, `{namespace: {name: value}}`. */
  properties: Record<string, Record<string, unknown>>;
  parties: CallPartyView[];
  timeline: CallStatusChange[];
}

export const MESSAGE_AUTHOR_TYPES = ['customer', 'agent', 'system', 'bot'] as const;
export type MessageAuthorType = (typeof MESSAGE_AUTHOR_TYPES)[number];

export interface MessageAttachment {
  url: string;
  name: string;
  size: number | null;
  contentType: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  /** The vendor's event id, or for system entries the key of the webhook they came from. */
  externalId: string | null;
  authorType: MessageAuthorType;
  /** The platform's agent id when an agent wrote it. */
  authorId: string | null;
  /** The vendor's id of the author (LiveChat agent email or customer id). */
  authorExternalId: string | null;
  /** `message`, `file`, `system_message`, `filled_form`, `transfer`, `participant_added`, … */
  kind: string;
  text: string | null;
  attachments: MessageAttachment[];
  /** `agents`: an internal note the customer never sees. */
  visibility: 'all' | 'agents';
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export type ConversationPage = Page<Conversation>;
export type MessagePage = Page<Message>;
