import { liveChatDelivery, type DeliveryResult } from '@ccp/server-testing';
import { describe, expect, it } from 'vitest';
import { describeNetworkError, failureOf, formatReport, reportOf } from './delivery-report';

const first = liveChatDelivery({ n: 1 });
const second = liveChatDelivery({ n: 2 });
const answered = (status: number, responseBody = '{"ok":true}') => ({ status, responseBody });

describe('failureOf', () => {
  it('accepts exactly 200, naming the status and the platform error code otherwise', () => {
    expect(failureOf({ delivery: first, ...answered(200) })).toBeUndefined();
    expect(failureOf({ delivery: first, ...answered(204, '') })).toBe('HTTP 204');
    expect(
      failureOf({ delivery: first, ...answered(401, '{"statusCode":401,"code":"WEBHOOK_UNAUTHORIZED"}') }),
    ).toBe('HTTP 401 WEBHOOK_UNAUTHORIZED');
    expect(failureOf({ delivery: first, ...answered(502, '<html>Bad gateway</html>') })).toBe('HTTP 502');
  });

  it('names network errors by their code, and timeouts as such', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(failureOf({ delivery: first, error: refused })).toBe('ECONNREFUSED');
    expect(describeNetworkError(new DOMException('timed out', 'TimeoutError'))).toMatch(/timeout/);
    expect(describeNetworkError(new Error('socket hang up'))).toBe('socket hang up');
  });
});

describe('reportOf', () => {
  it('counts first deliveries, acknowledged repeats and failures by reason', () => {
    const results: DeliveryResult[] = [
      { delivery: first, ...answered(200) },
      { delivery: second, ...answered(503, '{"code":"QUEUE_UNAVAILABLE"}') },
      { delivery: { ...first, body: { n: 1 } }, ...answered(200) },
      { delivery: second, ...answered(200) },
      { delivery: first, ...answered(503, '{"code":"QUEUE_UNAVAILABLE"}') },
    ];
    const report = reportOf(results);
    expect(report).toEqual({
      total: 5,
      accepted: 1,
      duplicatesAcknowledged: 2,
      failures: new Map([['HTTP 503 QUEUE_UNAVAILABLE', 2]]),
    });
    expect(formatReport(report)).toMatch(
      /accepted +1\n +duplicates acknowledged +2\n +failed +2\n +2 × HTTP 503/,
    );
  });

  it('explains what to do about rejected secrets', () => {
    const report = reportOf([{ delivery: first, ...answered(401, '{"code":"WEBHOOK_UNAUTHORIZED"}') }]);
    expect(formatReport(report)).toContain('--livechat-secret');
    expect(formatReport(reportOf([{ delivery: first, ...answered(200) }]))).not.toContain(
      '--livechat-secret',
    );
  });
});
