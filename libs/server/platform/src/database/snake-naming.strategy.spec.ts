import { describe, expect, it } from 'vitest';
import { toSnakeCase } from './snake-naming.strategy';

describe('toSnakeCase', () => {
  it.each([
    ['passwordHash', 'password_hash'],
    ['createdAt', 'created_at'],
    ['HTTPRequest', 'http_request'],
    ['ringcentralExtensionId', 'ringcentral_extension_id'],
    ['id', 'id'],
  ])('%s → %s', (input, expected) => expect(toSnakeCase(input)).toBe(expected));
});
