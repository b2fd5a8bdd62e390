import type { IncomingHttpHeaders } from 'node:http';

/** A request as a fake vendor received it, kept for assertions. */
export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the fields of a form-encoded body, the raw text otherwise; undefined when empty. */
  body: unknown;
  receivedAt: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One endpoint of a fake vendor; `params` are the path pattern's capture groups. */
export interface FakeRoute {
  method: string;
  path: RegExp;
  handle: (request: RecordedRequest, params: string[]) => FakeResponse;
}

/** The credentials the fakes accept; the platform gets them through `FakeVendors.environment`. */
export interface FakeVendorCredentials {
  ringcentralClientId: string;
  ringcentralClientSecret: string;
  ringcentralJwt: string;
  /** A LiveChat personal access token, `<account id>:<token>`. */
  livechatAccessToken: string;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function authorizationOf(request: RecordedRequest, scheme: 'Basic' | 'Bearer'): string | undefined {
  const [given, value] = (request.headers.authorization ?? '').split(' ', 2);
  return given?.toLowerCase() === scheme.toLowerCase() && value ? value : undefined;
}

/** The decoded `user:password` of an HTTP Basic Authorization header. */
export function basicCredentialsOf(request: RecordedRequest): string | undefined {
  const encoded = authorizationOf(request, 'Basic');
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

export function bearerTokenOf(request: RecordedRequest): string | undefined {
  return authorizationOf(request, 'Bearer');
}
