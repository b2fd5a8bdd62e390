import type { DeliveryResult } from '@ccp/server-testing';

export interface DeliveryReport {
  total: number;
  /** First deliveries of an event that got their 200. */
  accepted: number;
  /** Repeats of an earlier delivery (a vendor's redelivery) that got their 200. */
  duplicatesAcknowledged: number;
  /** What went wrong → how many times. */
  failures: Map<string, number>;
}

/** Both vendors want exactly 200 (vendor-webhooks.md §1.4); anything else makes them retry. */
const ACKNOWLEDGED = 200;

/** `ECONNREFUSED`, a timeout, or the error's own message. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no answer within the vendor’s timeout';
  const { cause } = error;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return error.message;
}

/** The platform's error `code` (`{"statusCode", "code", "message"}`), when the answer has one. */
function errorCodeOf(responseBody: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(responseBody);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'code' in parsed &&
      typeof parsed.code === 'string'
    ) {
      return parsed.code;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return undefined;
}

/** Why a delivery was not acknowledged, or undefined when it was. */
export function failureOf(result: DeliveryResult): string | undefined {
  if ('error' in result) return describeNetworkError(result.error);
  if (result.status === ACKNOWLEDGED) return undefined;
  const code = errorCodeOf(result.responseBody);
  return code === undefined ? `HTTP ${result.status}` : `HTTP ${result.status} ${code}`;
}

export function reportOf(results: readonly DeliveryResult[]): DeliveryReport {
  const report: DeliveryReport = {
    total: results.length,
    accepted: 0,
    duplicatesAcknowledged: 0,
    failures: new Map(),
  };
  const delivered = new Set<string>();
  for (const result of results) {
    const { vendor, path, body } = result.delivery;
    const identity = `${vendor} ${path} ${JSON.stringify(body)}`;
    const isRepeat = delivered.has(identity);
    delivered.add(identity);
    const failure = failureOf(result);
    if (failure !== undefined) report.failures.set(failure, (report.failures.get(failure) ?? 0) + 1);
    else if (isRepeat) report.duplicatesAcknowledged++;
    else report.accepted++;
  }
  return report;
}

export function formatReport(report: DeliveryReport): string {
  const failed = [...report.failures.values()].reduce((sum, count) => sum + count, 0);
  const lines = [
    `  accepted                 ${report.accepted}`,
    `  duplicates acknowledged  ${report.duplicatesAcknowledged}`,
    `  failed                   ${failed}`,
    ...[...report.failures].map(([failure, count]) => `    ${count} × ${failure}`),
  ];
  if ([...report.failures.keys()].some((failure) => failure.startsWith('HTTP 401'))) {
    lines.push(
      '  401: the api expects other secrets; pass --livechat-secret / --ringcentral-token, or set',
      '  LIVECHAT_WEBHOOK_SECRETS / RINGCENTRAL_VERIFICATION_TOKEN as the api has them.',
    );
  }
  return lines.join('\n');
}
