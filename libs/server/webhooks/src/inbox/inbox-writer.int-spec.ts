import { MetricsService } from '@ccp/server-platform';
import { startFeatureApi, testConfig, type RunningApi } from '@ccp/server-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhooksModule } from '../webhooks.module';
import type { NewInboxEvent } from './inbox.repository';
import { InboxWriter } from './inbox-writer';

function newEvent(eventKey: string, status: NewInboxEvent['status'] = 'received'): NewInboxEvent {
  return { vendor: 'livechat', eventKey, type: 'incoming_event', status, rawBody: `{"key":"${eventKey}"}` };
}

describe('InboxWriter on PostgreSQL', () => {
  let api: RunningApi;

  beforeAll(async () => {
    const config = testConfig();
    api = await startFeatureApi(config, [WebhooksModule]);
  });

  afterAll(() => api?.close());

  it('stores a burst in few statements: each key once, in order, duplicates and known keys answered as such', async () => {
    const writer = api.app.get(InboxWriter);
    const database = api.app.get(DataSource);
    const statementSize = api.app.get(MetricsService).inboxStatementSize;
    const statements = async () =>
      (await statementSize.get()).values.find((value) => value.metricName?.endsWith('_count'))?.value ?? 0;
    const run = randomUUID();
    const known = await writer.store(newEvent(`${run}:known`));

    const statementsBefore = await statements();
    const keys = Array.from({ length: 24 }, (_, index) => `${run}:${index}`);
    // Every webhook of the burst is in hand at once, as when many requests arrive together.
    const burst = [
      ...keys.map((key) => newEvent(key)),
      newEvent(keys[5] as string),
      newEvent(`${run}:known`),
      newEvent(keys[23] as string),
      newEvent(`${run}:ignored`, 'ignored'),
    ];
    const stored = await Promise.all(burst.map((event) => writer.store(event)));
    const statementsAfter = await statements();

    expect(stored.map((row) => row.eventKey)).toEqual(burst.map((event) => event.eventKey));
    expect(stored.slice(0, keys.length).every((row) => row.inserted)).toBe(true);
    const [again5, knownAgain, again23, ignored] = stored.slice(keys.length);
    expect(again5).toMatchObject({ id: stored[5]?.id, inserted: false });
    expect(knownAgain).toMatchObject({ id: known.id, inserted: false });
    expect(again23).toMatchObject({ id: stored[23]?.id, inserted: false });
    expect(ignored).toMatchObject({ inserted: true });
    expect(statementsAfter - statementsBefore).toBeLessThan(burst.length);

    const rows = await database.query<{ event_key: string; status: string; copies: string }[]>(
      `SELECT event_key, min(status::text) AS status, count(*) AS copies FROM webhook_events
       WHERE event_key LIKE $1 GROUP BY event_key`,
      [`${run}:%`],
    );
    expect(rows).toHaveLength(keys.length + 2);
    expect(rows.every((row) => row.copies === '1')).toBe(true);
    expect(rows.find((row) => row.event_key === `${run}:ignored`)?.status).toBe('ignored');
  });
});
