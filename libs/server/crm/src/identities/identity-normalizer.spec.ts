import { describe, expect, it } from 'vitest';
import { identitiesOf, normalizeEmail, normalizePhone } from './identity-normalizer';

describe('customer identity normalization', () => {
  it('lower-cases and trims emails, and rejects what is not one', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normalizeEmail('not an email')).toBeUndefined();
    expect(normalizeEmail(undefined)).toBeUndefined();
  });

  it('normalizes national and international spellings of one number to the same E.164', () => {
    const spellings = ['+1 408 338 8064', '(408) 338-8064', '408.338.8064', '+14083388064', '1-408-338-8064'];
    expect(new Set(spellings.map((raw) => normalizePhone(raw, 'US')))).toEqual(new Set(['+14083388064']));
  });

  it('reads national numbers in the configured default country', () => {
    expect(normalizePhone('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(normalizePhone('050 123 4567', 'AE')).toBe('+971501234567');
  });

  it('ignores internal extension numbers and garbage', () => {
    expect(normalizePhone('102', 'US')).toBeUndefined();
    expect(normalizePhone('anonymous', 'US')).toBeUndefined();
  });

  it('collects every usable identity of a customer', () => {
    expect(identitiesOf({ livechatId: 'b7ef', email: 'A@B.io', phone: '4083388064' }, 'US')).toEqual([
      { kind: 'livechat', value: 'b7ef' },
      { kind: 'email', value: 'a@b.io' },
      { kind: 'phone', value: '+14083388064' },
    ]);
    expect(identitiesOf({ phone: '11101' }, 'US')).toEqual([]);
  });
});
