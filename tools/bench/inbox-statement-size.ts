const SUM = 'ccp_webhook_inbox_statement_size_sum';
const COUNT = 'ccp_webhook_inbox_statement_size_count';

export interface StatementSizeCounters {
  webhooks: number;
  statements: number;
}

function sampleOf(exposition: string, name: string): number {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) throw new Error(`/metrics has no ${name}: is the target an api of this version?`);
  return Number(line.slice(name.length + 1));
}

/**
 * The api's group-commit counters from its Prometheus metrics, read with METRICS_TOKEN (the bench
 * sets it for its own api; with --target, export the target's).
 */
export async function readStatementSizeCounters(
  baseUrl: string,
  metricsToken: string | undefined,
): Promise<StatementSizeCounters> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: metricsToken ? { authorization: `Bearer ${metricsToken}` } : {},
  });
  if (!response.ok) {
    throw new Error(
      `${baseUrl}/metrics answered ${response.status}; set METRICS_TOKEN to the target's so the ` +
        `bench can read how many webhooks the api stores per statement`,
    );
  }
  const exposition = await response.text();
  return { webhooks: sampleOf(exposition, SUM), statements: sampleOf(exposition, COUNT) };
}

/** Webhooks per statement between two readings, at least 1. */
export function meanStatementSize(before: StatementSizeCounters, after: StatementSizeCounters): number {
  const statements = after.statements - before.statements;
  return statements > 0 ? Math.max(1, (after.webhooks - before.webhooks) / statements) : 1;
}
