import { createHash } from 'node:crypto';
import { isRecord } from './payload-reader';

/** Event keys are stored in a unique column and used in logs; they never exceed this length. */
export const MAX_EVENT_KEY_LENGTH = 200;
/** A key part longer than this (after escaping) is replaced by its hash. */
const MAX_PART_LENGTH = 64;
/** Hex characters kept from a sha256 wherever a hash stands in for content (96 bits). */
const SHORT_HASH_LENGTH = 24;

function canonicalize(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalize(item))).join(',')}]`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalize(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * JSON with object keys sorted recursively (array order kept), so two bodies that differ only in
 * key order or whitespace serialize, and therefore hash, identically.
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A short sha256 (24 hex chars) of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, SHORT_HASH_LENGTH);
}

/**
 * Makes one key part safe: `%`, `:`, whitespace and non-ASCII characters are percent-encoded (so
 * parts never run into each other and the mapping stays one-to-one); a part longer than 64
 * characters, or one that cannot be encoded (lone surrogates), becomes `#` + its short hash.
 * An empty part stands for "absent" (e.g. no thread id).
 */
export function keyPart(raw: string): string {
  let escaped: string;
  try {
    escaped = raw.replace(/[^A-Za-z0-9._~@+=!*'(),;$&/-]/gu, (char) => encodeURIComponent(char));
  } catch {
    return `#${sha256Hex(raw).slice(0, SHORT_HASH_LENGTH)}`;
  }
  return escaped.length > MAX_PART_LENGTH ? `#${sha256Hex(raw).slice(0, SHORT_HASH_LENGTH)}` : escaped;
}

/**
 * Joins `vendor`, `kind` and the natural-id parts with `:`. Should the result still exceed
 * MAX_EVENT_KEY_LENGTH, the id parts collapse into `#<sha256 of the full key>`, keeping the
 * `vendor:kind:` prefix readable.
 */
export function buildEventKey(vendor: string, kind: string, ...parts: string[]): string {
  const prefix = `${keyPart(vendor)}:${keyPart(kind)}`;
  const key = [prefix, ...parts.map(keyPart)].join(':');
  return key.length <= MAX_EVENT_KEY_LENGTH ? key : `${prefix}:#${sha256Hex(key)}`;
}
