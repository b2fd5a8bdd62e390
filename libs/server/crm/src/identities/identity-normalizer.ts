import type { CustomerIdentityKind } from '@ccp/contracts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface Identity {
  kind: CustomerIdentityKind;
  value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(raw: string | undefined): string | undefined {
  const email = raw?.trim().toLowerCase();
  return email && EMAIL.test(email) ? email : undefined;
}

/**
 * E.164, or undefined for what is not a reachable number (internal extensions such as "102",
 * withheld numbers). "Possible" rather than "valid": numbering plans change faster than the
 * library's metadata, and a wrongly rejected caller would split one person into two customers.
 */
export function normalizePhone(raw: string | undefined, defaultCountry: string): string | undefined {
  if (!raw) return undefined;
  const phone = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  return phone?.isPossible() ? phone.number : undefined;
}

export interface CustomerFacts {
  livechatId?: string;
  email?: string;
  phone?: string;
}

export function identitiesOf(facts: CustomerFacts, defaultCountry: string): Identity[] {
  const identities: Identity[] = [];
  if (facts.livechatId) identities.push({ kind: 'livechat', value: facts.livechatId });
  const email = normalizeEmail(facts.email);
  if (email) identities.push({ kind: 'email', value: email });
  const phone = normalizePhone(facts.phone, defaultCountry);
  if (phone) identities.push({ kind: 'phone', value: phone });
  return identities;
}
