import { describe, expect, it } from 'vitest';
import {
  buildEventKey,
  canonicalJson,
  contentHash,
  keyPart,
  MAX_EVENT_KEY_LENGTH,
} from './event-key-builder';

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('drops undefined properties like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });
});

describe('contentHash', () => {
  it('is 24 hex characters and independent of key order', () => {
    expect(contentHash({ a: 1, b: 2 })).toMatch(/^[0-9a-f]{24}$/);
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1, b: 2 })).not.toBe(contentHash({ a: 1, b: 3 }));
  });
});

describe('keyPart and buildEventKey', () => {
  it('keeps ordinary ids readable and escapes separators', () => {
    expect(keyPart('smith@example.com')).toBe('smith@example.com');
    expect(keyPart('QA37PVJ75B_3')).toBe('QA37PVJ75B_3');
    expect(keyPart('a:b c%')).toBe('a%3Ab%20c%25');
    expect(keyPart('')).toBe('');
  });

  it('hashes parts that are too long or cannot be encoded', () => {
    expect(keyPart('x'.repeat(65))).toMatch(/^#[0-9a-f]{24}$/);
    expect(keyPart('\uD800')).toMatch(/^#[0-9a-f]{24}$/);
  });

  it('collapses an overlong key into a hash behind a readable prefix', () => {
    const key = buildEventKey('livechat', 'incoming_event', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64));
    expect(key).toMatch(/^livechat:incoming_event:#[0-9a-f]{64}$/);
    expect(key.length).toBeLessThanOrEqual(MAX_EVENT_KEY_LENGTH);
  });
});
