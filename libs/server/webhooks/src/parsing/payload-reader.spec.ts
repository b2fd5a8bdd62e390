import { describe, expect, it } from 'vitest';
import { InvalidWebhookError } from './invalid-webhook.error';
import {
  field,
  idStr,
  int,
  isIsoTimestamp,
  obj,
  objItems,
  optIdStr,
  optNum,
  optStr,
  root,
  str,
  strItems,
} from './payload-reader';

const reader = root(
  {
    name: 'Thomas',
    empty: '',
    count: 3,
    ratio: 0.5,
    nothing: null,
    ext: 62242421016,
    nested: { id: 'x' },
    list: [{ id: 'a' }, 'b'],
    tags: ['a', 'b'],
  },
  'payload',
);

describe('payload reader', () => {
  it('reads typed values', () => {
    expect(str(reader, 'name')).toBe('Thomas');
    expect(optStr(reader, 'missing')).toBeUndefined();
    expect(optStr(reader, 'nothing')).toBeUndefined();
    expect(int(reader, 'count')).toBe(3);
    expect(optNum(reader, 'ratio')).toBe(0.5);
    expect(str(obj(reader, 'nested'), 'id')).toBe('x');
    expect(strItems(reader, 'tags')).toEqual(['a', 'b']);
  });

  it('reads ids sent as strings or integers as strings', () => {
    expect(idStr(reader, 'ext')).toBe('62242421016');
    expect(idStr(reader, 'name')).toBe('Thomas');
    expect(optIdStr(reader, 'missing')).toBeUndefined();
    expect(() => idStr(reader, 'ratio')).toThrow(InvalidWebhookError);
  });

  it('names the field, the expectation and what it found', () => {
    expect(() => str(reader, 'empty')).toThrow('payload.empty must be a non-empty string but is a string');
    expect(() => str(reader, 'count')).toThrow('payload.count must be a non-empty string but is a number');
    expect(() => int(reader, 'ratio')).toThrow('payload.ratio must be an integer but is a number');
    expect(() => obj(reader, 'nothing')).toThrow('payload.nothing must be an object but is null');
    expect(() => objItems(reader, 'list')).toThrow('payload.list[1] must be an object but is a string');
    expect(() => root([], 'body')).toThrow('body must be an object but is an array');
  });

  it('ignores inherited properties', () => {
    expect(field(reader, 'constructor')).toBeUndefined();
    expect(() => str(reader, 'toString')).toThrow(/is missing/);
  });

  it('recognises ISO timestamps with microseconds', () => {
    expect(isIsoTimestamp('2025-05-12T11:42:47.383001Z')).toBe(true);
    expect(isIsoTimestamp('2025-05-12T14:05:43.964Z')).toBe(true);
    expect(isIsoTimestamp('2025-05-12T14:05:43+02:00')).toBe(true);
    expect(isIsoTimestamp('2025-05-12')).toBe(false);
    expect(isIsoTimestamp('2025-13-45T99:00:00Z')).toBe(false);
  });
});
