import autocannon from 'autocannon';
import type { LoadResult } from './load-result';

export interface SaturationLoad {
  baseUrl: string;
  path: string;
  connections: number;
  durationSeconds: number;
  /** A new body per request (unique event ids). */
  nextBody: () => string;
}

/**
 * Closed loop: every connection sends its next request as soon as the previous one is answered,
 * so throughput is whatever the server (and this box) can sustain: the saturation point.
 */
export async function runSaturation(load: SaturationLoad): Promise<LoadResult> {
  const result = await autocannon({
    url: load.baseUrl,
    connections: load.connections,
    duration: load.durationSeconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: load.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: load.nextBody() }),
      },
    ],
  });
  const rejectedByStatus = Object.fromEntries(
    Object.entries(result.statusCodeStats)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, { count }]) => [status, count]),
  );
  return {
    connections: load.connections,
    acknowledged: result['2xx'],
    acknowledgedPerSecond: result['2xx'] / result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, p999: result.latency.p99_9 },
    rejectedByStatus,
    unanswered: result.errors,
  };
}
