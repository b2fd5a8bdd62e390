import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentilesOf, type LoadResult } from './load-result';

export interface FixedRateLoad {
  url: string;
  ratePerSecond: number;
  durationSeconds: number;
  /** Upper bound of concurrent requests (keep-alive sockets). */
  connections: number;
  /** Sent with every request, after the JSON content type (so they may refine it). */
  headers?: Record<string, string>;
  /**
   * The body of the request due at `dueAt` (a performance.now() time). `undefined` holds it back
   * until the next tick; it stays due at its time, so the wait is charged to its latency.
   */
  nextBody: (dueAt: number) => string | undefined;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Open loop: request i is due at start + i/rate whether or not earlier ones were answered, the way
 * vendors send webhooks. Latency runs from that due time, so a stalled server is charged for the
 * requests it held back too (no coordinated omission); the timer's own lag (about 1 ms) is charged
 * to the server as well, which errs on the safe side.
 *
 * autocannon's overallRate is not used here: it lets each connection send its per-second quota
 * back to back at the start of every second, so a "500/s" run is a burst at full concurrency
 * followed by idling, and its latencies measure the burst rather than the rate.
 */
export async function runAtFixedRate(load: FixedRateLoad): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const total = Math.round(load.ratePerSecond * load.durationSeconds);
  const intervalMs = 1000 / load.ratePerSecond;
  const latencies: number[] = [];
  const rejectedByStatus: Record<string, number> = {};
  let acknowledged = 0;
  let unanswered = 0;
  const started = performance.now();

  await new Promise<void>((resolve) => {
    let settled = 0;
    const send = (dueAt: number, body: string): void => {
      let finished = false;
      const finish = (statusCode: number | undefined): void => {
        if (finished) return;
        finished = true;
        if (statusCode === undefined) {
          unanswered++;
        } else {
          latencies.push(performance.now() - dueAt);
          if (statusCode >= 200 && statusCode < 300) acknowledged++;
          else rejectedByStatus[statusCode] = (rejectedByStatus[statusCode] ?? 0) + 1;
        }
        if (++settled === total) resolve();
      };
      const outgoing = request(
        load.url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            ...load.headers,
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.on('end', () => finish(response.statusCode));
          response.on('error', () => finish(undefined));
          response.resume();
        },
      );
      outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error('timed out')));
      outgoing.on('error', () => finish(undefined));
      outgoing.end(body);
    };

    let sent = 0;
    const pacer = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
      for (; sent < due; sent++) {
        const dueAt = started + sent * intervalMs;
        const body = load.nextBody(dueAt);
        if (body === undefined) break;
        send(dueAt, body);
      }
      if (sent === total) clearInterval(pacer);
    }, 1);
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();

  return {
    connections: load.connections,
    acknowledged,
    acknowledgedPerSecond: acknowledged / elapsedSeconds,
    latencyMs: percentilesOf(latencies),
    rejectedByStatus,
    unanswered,
  };
}
