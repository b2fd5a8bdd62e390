import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../wait-for';
import type { FakeResponse, FakeRoute, FakeVendorCredentials, RecordedRequest } from './fake-http';
import { FakeLiveChat } from './fake-livechat';
import { FakeRingCentral } from './fake-ringcentral';

/** A path given as a string matches exactly; a RegExp is tested against the path. */
export type PathPattern = string | RegExp;

export interface ProgrammedFailure {
  status: number;
  /** Sent as a `Retry-After` header in seconds. */
  retryAfterSeconds?: number;
  /** How many matching requests fail (default 1); later ones are served normally. */
  times?: number;
}

/** Runs once a request has been answered (not for stalled ones); a later feature echoes changes as webhooks. */
export type RequestListener = (request: RecordedRequest, response: FakeResponse) => void | Promise<void>;

interface ProgrammedBehaviour {
  pattern: PathPattern;
  remaining: number;
  /** `stall`: keep the request open without an answer until the fake closes. */
  response: FakeResponse | 'stall';
}

function matches(pattern: PathPattern, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readText(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function write(outgoing: ServerResponse, response: FakeResponse): void {
  const body = response.body === undefined ? '' : JSON.stringify(response.body);
  outgoing.writeHead(response.status, {
    ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...response.headers,
  });
  outgoing.end(body);
}

/**
 * One real HTTP server speaking the formats of the LiveChat and RingCentral endpoints the platform
 * calls. It records every request, can fail or stall the next requests to a path, and lets tests
 * wait for a request instead of sleeping.
 */
export class FakeVendors {
  readonly requests: RecordedRequest[] = [];
  readonly credentials: FakeVendorCredentials;
  readonly ringcentral: FakeRingCentral;
  readonly livechat: FakeLiveChat;
  private readonly routes: FakeRoute[];
  private readonly programmed: ProgrammedBehaviour[] = [];
  private readonly listeners = new Set<RequestListener>();

  constructor(
    private readonly server: Server,
    /** The base URL for LIVECHAT_API_URL and RINGCENTRAL_SERVER_URL. */
    readonly url: string,
  ) {
    const secret = () => randomBytes(8).toString('hex');
    this.credentials = {
      ringcentralClientId: `fake-rc-client-${secret()}`,
      ringcentralClientSecret: `fake-rc-secret-${secret()}`,
      ringcentralJwt: `eyJhbGciOiJSUzI1NiJ9.fake.${secret()}`,
      livechatAccessToken: `fake-account-${secret()}:fake-pat-${secret()}`,
    };
    this.ringcentral = new FakeRingCentral(url, this.credentials);
    this.livechat = new FakeLiveChat(this.credentials.livechatAccessToken);
    this.routes = [...this.ringcentral.routes, ...this.livechat.routes];
    server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
      this.serve(incoming, outgoing).catch((error: unknown) => {
        console.error('fake vendors could not answer a request', error);
        if (!outgoing.headersSent) write(outgoing, { status: 500, body: { message: String(error) } });
      });
    });
  }

  /** Configuration that points the platform at this fake, for testConfig(). */
  get environment(): Record<string, string> {
    return {
      LIVECHAT_API_URL: this.url,
      LIVECHAT_ACCESS_TOKEN: this.credentials.livechatAccessToken,
      RINGCENTRAL_SERVER_URL: this.url,
      RINGCENTRAL_CLIENT_ID: this.credentials.ringcentralClientId,
      RINGCENTRAL_CLIENT_SECRET: this.credentials.ringcentralClientSecret,
      RINGCENTRAL_JWT: this.credentials.ringcentralJwt,
    };
  }

  requestsTo(pattern: PathPattern): RecordedRequest[] {
    return this.requests.filter((request) => matches(pattern, request.path));
  }

  /** Answers the next requests to a path with an error, e.g. 429 with Retry-After or 503. */
  failNext(pattern: PathPattern, failure: ProgrammedFailure): void {
    const headers =
      failure.retryAfterSeconds === undefined
        ? undefined
        : { 'retry-after': String(failure.retryAfterSeconds) };
    this.programmed.push({
      pattern,
      remaining: failure.times ?? 1,
      response: {
        status: failure.status,
        headers,
        body: { message: `programmed failure ${failure.status}` },
      },
    });
  }

  /** Leaves the next requests to a path unanswered, to test the caller's timeout. */
  stallNext(pattern: PathPattern, { times = 1 }: { times?: number } = {}): void {
    this.programmed.push({ pattern, remaining: times, response: 'stall' });
  }

  async waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 5_000,
  ): Promise<RecordedRequest> {
    try {
      return await waitFor('a matching request to the fake vendors', () => this.requests.find(predicate), {
        timeoutMs,
      });
    } catch (error) {
      const received = this.requests.map((request) => `${request.method} ${request.path}`).join(', ');
      throw new Error(`${(error as Error).message}; received: ${received || 'nothing'}`, { cause: error });
    }
  }

  /** Returns a function that removes the listener again. */
  onRequest(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Safe to call more than once. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
    // Stalled requests and keep-alive sockets would otherwise hold close() open.
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', this.url);
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: incoming.headers,
      body: parseBody(await readText(incoming), incoming.headers['content-type']),
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    const programmed = this.programmed.find(
      (behaviour) => behaviour.remaining > 0 && matches(behaviour.pattern, request.path),
    );
    if (programmed) programmed.remaining -= 1;
    if (programmed?.response === 'stall') return;
    const response = programmed?.response ?? this.route(request);
    write(outgoing, response);
    for (const listener of this.listeners) {
      try {
        await listener(request, response);
      } catch (error) {
        console.error(`a fake vendors listener failed on ${request.method} ${request.path}`, error);
      }
    }
  }

  private route(request: RecordedRequest): FakeResponse {
    const onPath = this.routes
      .map((route) => ({ route, match: route.path.exec(request.path) }))
      .filter((candidate) => candidate.match !== null);
    const found = onPath.find(({ route }) => route.method === request.method);
    if (found?.match) return found.route.handle(request, found.match.slice(1));
    return onPath.length > 0
      ? { status: 405, body: { message: `${request.method} is not allowed on ${request.path}` } }
      : { status: 404, body: { message: `the fake vendors have no ${request.path}` } };
  }
}

/** Starts the fake vendors on a free local port; close() it after the tests. */
export async function startFakeVendors(): Promise<FakeVendors> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return new FakeVendors(server, `http://127.0.0.1:${port}`);
}
