import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { delayBeforeRetryMs, OutboundHttpPolicy, retryAfterMs } from './outbound-http.policy';
import { OutboundCallError } from './outbound-result';

export interface OutboundRequest {
  /** Names the vendor in errors and logs: `RingCentral`, `LiveChat`. */
  vendor: string;
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface OutboundResponse {
  status: number;
  /** The parsed JSON answer; undefined when the vendor sent none. */
  body: unknown;
}

type AttemptOutcome =
  | { kind: 'answered'; response: OutboundResponse }
  | { kind: 'failed'; error: OutboundCallError; retryAfter?: number };

/** Enough of a vendor's error body to diagnose it from a sync log, not a whole HTML error page. */
const ERROR_EXCERPT_LENGTH = 200;

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function excerptOf(text: string): string {
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, ERROR_EXCERPT_LENGTH);
  return excerpt ? `: ${excerpt}` : '';
}

function describeUnanswered(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `got no answer within ${timeoutMs} ms`;
  }
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  return `could not reach the vendor: ${code ?? (error instanceof Error ? error.message : String(error))}`;
}

/**
 * The one way the platform calls vendors: JSON over fetch with a timeout per attempt and bounded
 * retries (exponential backoff with jitter, or the vendor's Retry-After) on network errors,
 * timeouts, 408, 429 and 5xx. Resolves with a 2xx answer or throws OutboundCallError. Logs name
 * the method and path only: headers and bodies carry credentials.
 */
@Injectable()
export class OutboundHttp {
  private readonly logger = new Logger(OutboundHttp.name);

  constructor(private readonly policy: OutboundHttpPolicy) {}

  async send(request: OutboundRequest): Promise<OutboundResponse> {
    const label = `${request.vendor} ${request.method} ${request.url.pathname}`;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(request, label);
      if (outcome.kind === 'answered') return outcome.response;
      const { error } = outcome;
      if (!error.retryable) throw error;
      if (attempt >= this.policy.maxAttempts) {
        throw new OutboundCallError(`${error.message} (gave up after ${attempt} attempts)`, {
          status: error.status,
          retryable: true,
        });
      }
      const wait = delayBeforeRetryMs(this.policy, attempt, outcome.retryAfter);
      if (wait === undefined) {
        throw new OutboundCallError(
          `${error.message} (asked to retry after ${outcome.retryAfter} ms, longer than a call waits)`,
          { status: error.status, retryable: true },
        );
      }
      this.logger.warn(
        `${error.message}; attempt ${attempt + 1} of ${this.policy.maxAttempts} in ${wait} ms`,
      );
      await delay(wait);
    }
  }

  private async attempt(request: OutboundRequest, label: string): Promise<AttemptOutcome> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        // Covers reading the body too, so a vendor that stalls mid-answer cannot hold a job.
        signal: AbortSignal.timeout(this.policy.timeoutMs),
        // Credentials must not follow a redirect to wherever it points; vendor APIs do not redirect.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      const message = `${label} ${describeUnanswered(error, this.policy.timeoutMs)}`;
      return { kind: 'failed', error: new OutboundCallError(message, { retryable: true }) };
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      try {
        return {
          kind: 'answered',
          response: { status, body: text ? (JSON.parse(text) as unknown) : undefined },
        };
      } catch {
        const message = `${label} answered ${status} with a body that is not JSON`;
        return { kind: 'failed', error: new OutboundCallError(message, { status, retryable: false }) };
      }
    }
    const retryable = isRetryableStatus(status);
    return {
      kind: 'failed',
      error: new OutboundCallError(`${label} answered ${status}${excerptOf(text)}`, { status, retryable }),
      retryAfter: retryable ? retryAfterMs(response.headers.get('retry-after'), Date.now()) : undefined,
    };
  }
}
