export type JsonObject = Record<string, unknown>;

/** A JSON round trip: what the endpoint's body parser would hand us (an `undefined` field disappears). */
export function jsonClean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
