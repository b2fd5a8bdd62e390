export interface LatencyPercentiles {
  p50: number;
  p99: number;
  p999: number;
}

function nearestRank(sorted: Float64Array, quantile: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? Number.NaN;
}

/** Nearest-rank percentiles of the recorded samples, not interpolated: each one was observed. */
export function percentilesOf(latencies: number[]): LatencyPercentiles {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), p999: nearestRank(sorted, 0.999) };
}

/** One load phase against one server, whichever generator drove it. */
export interface LoadResult {
  connections: number;
  /** Requests answered 2xx. */
  acknowledged: number;
  acknowledgedPerSecond: number;
  /** Milliseconds, over every answered request. */
  latencyMs: LatencyPercentiles;
  /** Answers other than 2xx, by status code. */
  rejectedByStatus: Record<string, number>;
  /** Requests that never got an answer (connection errors, timeouts). */
  unanswered: number;
}

export function rejectedCount(result: LoadResult): number {
  return Object.values(result.rejectedByStatus).reduce((sum, count) => sum + count, 0);
}

/**
 * Throughput counts only if every request was acknowledged: a fast 401/503 is not ingestion.
 * Fails the run with the status codes, so a wrong secret or a dead database is named at once.
 */
export function assertEveryRequestAcknowledged(phase: string, result: LoadResult): void {
  const rejected = rejectedCount(result);
  if (rejected === 0 && result.unanswered === 0) return;
  const statuses = Object.entries(result.rejectedByStatus)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  throw new Error(
    `${phase}: ${rejected} non-2xx answers (${statuses || 'none'}) and ${result.unanswered} unanswered ` +
      `requests out of ${result.acknowledged + rejected + result.unanswered}; the measurement is void.`,
  );
}
