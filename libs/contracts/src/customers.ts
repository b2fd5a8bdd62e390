import type { Conversation } from './conversations';

export const CUSTOMER_IDENTITY_KINDS = ['email', 'phone', 'livechat'] as const;
export type CustomerIdentityKind = (typeof CUSTOMER_IDENTITY_KINDS)[number];

/** How the platform recognises a person: email lower-cased, phone in E.164, vendor ids as sent. */
export interface CustomerIdentity {
  kind: CustomerIdentityKind;
  value: string;
  createdAt: string;
}

export interface Customer {
  id: string;
  name: string | null;
  emails: string[];
  phones: string[];
  identities: CustomerIdentity[];
  /** LiveChat session fields and similar key/value data. */
  attributes: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerDetail extends Customer {
  /** Every chat and call of this customer, newest first. */
  conversations: Conversation[];
}
