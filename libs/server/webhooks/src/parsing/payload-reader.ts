import { InvalidWebhookError } from './invalid-webhook.error';

/**
 * Small readers that turn `unknown` JSON into typed values. A `JsonObjectReader` is an object plus
 * the path it was found at, so every failure says exactly which field was wrong
 * (`payload.chat.thread.id must be a non-empty string`). Unknown extra fields are ignored.
 */
export interface JsonObjectReader {
  readonly path: string;
  readonly value: Readonly<Record<string, unknown>>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(path: string, expected: string, value: unknown): never {
  const problem = value === undefined ? 'is missing' : `is ${describeType(value)}`;
  throw new InvalidWebhookError(`${path} must be ${expected} but ${problem}`);
}

/** Wraps a value that must be a JSON object; `path` names it in errors (e.g. `body`, `payload`). */
export function root(value: unknown, path: string): JsonObjectReader {
  if (!isRecord(value)) fail(path, 'an object', value);
  return { path, value };
}

function childPath(parent: JsonObjectReader, key: string): string {
  return `${parent.path}.${key}`;
}

/** The raw value of an own property (inherited ones such as `constructor` never count). */
export function field(parent: JsonObjectReader, key: string): unknown {
  return Object.hasOwn(parent.value, key) ? parent.value[key] : undefined;
}

/** Whether the property is present and not null. */
export function has(parent: JsonObjectReader, key: string): boolean {
  const value = field(parent, key);
  return value !== undefined && value !== null;
}

/** A non-empty string. */
export function str(parent: JsonObjectReader, key: string): string {
  const value = field(parent, key);
  if (typeof value !== 'string' || value === '') fail(childPath(parent, key), 'a non-empty string', value);
  return value;
}

/** A string when present; `undefined` when absent or null; throws for another type. */
export function optStr(parent: JsonObjectReader, key: string): string | undefined {
  const value = field(parent, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(childPath(parent, key), 'a string', value);
  return value;
}

/**
 * An identifier that vendors send as a string but sometimes as a JSON number (RingCentral's
 * `extensionId`). Always returned as a string; numbers must be safe integers.
 */
export function idStr(parent: JsonObjectReader, key: string): string {
  const value = optIdStr(parent, key);
  if (value === undefined)
    fail(childPath(parent, key), 'a non-empty string or an integer', field(parent, key));
  return value;
}

export function optIdStr(parent: JsonObjectReader, key: string): string | undefined {
  const value = field(parent, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return fail(childPath(parent, key), 'a non-empty string or an integer', value);
}

/** A finite number. */
export function num(parent: JsonObjectReader, key: string): number {
  const value = field(parent, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(childPath(parent, key), 'a number', value);
  return value;
}

export function optNum(parent: JsonObjectReader, key: string): number | undefined {
  return has(parent, key) ? num(parent, key) : undefined;
}

/** A safe integer. */
export function int(parent: JsonObjectReader, key: string): number {
  const value = field(parent, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    fail(childPath(parent, key), 'an integer', value);
  return value;
}

export function optInt(parent: JsonObjectReader, key: string): number | undefined {
  return has(parent, key) ? int(parent, key) : undefined;
}

export function bool(parent: JsonObjectReader, key: string): boolean {
  const value = field(parent, key);
  if (typeof value !== 'boolean') fail(childPath(parent, key), 'a boolean', value);
  return value;
}

export function optBool(parent: JsonObjectReader, key: string): boolean | undefined {
  return has(parent, key) ? bool(parent, key) : undefined;
}

/** A nested object. */
export function obj(parent: JsonObjectReader, key: string): JsonObjectReader {
  return root(field(parent, key), childPath(parent, key));
}

export function optObj(parent: JsonObjectReader, key: string): JsonObjectReader | undefined {
  return has(parent, key) ? obj(parent, key) : undefined;
}

/** An array of anything; read its items with `objItems`/`strItems` or inspect them yourself. */
export function arr(parent: JsonObjectReader, key: string): readonly unknown[] {
  const value = field(parent, key);
  if (!Array.isArray(value)) fail(childPath(parent, key), 'an array', value);
  return value;
}

export function optArr(parent: JsonObjectReader, key: string): readonly unknown[] | undefined {
  return has(parent, key) ? arr(parent, key) : undefined;
}

/** An array whose items must all be objects (absent or null counts as empty when `optional`). */
export function objItems(
  parent: JsonObjectReader,
  key: string,
  { optional = false }: { optional?: boolean } = {},
): JsonObjectReader[] {
  const items = optional ? (optArr(parent, key) ?? []) : arr(parent, key);
  return items.map((item, index) => root(item, `${childPath(parent, key)}[${index}]`));
}

/** An array whose items must all be strings (absent or null counts as empty when `optional`). */
export function strItems(
  parent: JsonObjectReader,
  key: string,
  { optional = false }: { optional?: boolean } = {},
): string[] {
  const items = optional ? (optArr(parent, key) ?? []) : arr(parent, key);
  return items.map((item, index) => {
    if (typeof item !== 'string') fail(`${childPath(parent, key)}[${index}]`, 'a string', item);
    return item;
  });
}

/** An array whose items must all be integers (absent or null counts as empty when `optional`). */
export function intItems(
  parent: JsonObjectReader,
  key: string,
  { optional = false }: { optional?: boolean } = {},
): number[] {
  const items = optional ? (optArr(parent, key) ?? []) : arr(parent, key);
  return items.map((item, index) => {
    if (typeof item !== 'number' || !Number.isSafeInteger(item)) {
      fail(`${childPath(parent, key)}[${index}]`, 'an integer', item);
    }
    return item;
  });
}

/** An RFC 3339 / ISO 8601 timestamp, returned as given (vendors send UTC with a `Z`). */
export function isoTime(parent: JsonObjectReader, key: string): string {
  const value = str(parent, key);
  if (!isIsoTimestamp(value)) fail(childPath(parent, key), 'an ISO 8601 timestamp', value);
  return value;
}

export function optIsoTime(parent: JsonObjectReader, key: string): string | undefined {
  return has(parent, key) ? isoTime(parent, key) : undefined;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoTimestamp(value: string): boolean {
  return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}
