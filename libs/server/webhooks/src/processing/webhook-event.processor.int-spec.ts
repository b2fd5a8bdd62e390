import type { INestApplicationContext } from '@nestjs/common';
import { realtimeChannelOf } from '@ccp/server-platform';
import { incomingEventBody, startTestWorker, testConfig, waitFor } from '@ccp/server-testing';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookEventProcessor } from './webhook-event.processor';

interface StoredRow {
  id: string;
  eventKey: string;
}

/** A job at its first of several attempts, so a failure that may pass is retried rather than dead. */
const FIRST_ATTEMPT = { attemptsMade: 0, opts: { attempts: 6 } } as Job;

describe('WebhookEventProcessor on PostgreSQL', () => {
  let worker: INestApplicationContext;
  let database: DataSource;
  let processor: WebhookEventProcessor;
  let subscriber: Redis;
  let channel: string;
  const published: { id?: number; type?: string }[] = [];

  /**
   * Inbox rows without outbox rows or jobs: only this test processes them, by calling the
   * processor as the queue would.
   */
  const store = async (rawBodies: string[]): Promise<StoredRow[]> =>
    database.query<StoredRow[]>(
      `INSERT INTO webhook_events (vendor, event_key, type, status, raw_body)
       SELECT 'livechat', key, 'incoming_event', 'received', body
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS input (key, body, position)
       ORDER BY position
       RETURNING id, event_key AS "eventKey"`,
      [rawBodies.map(() => `test:${randomBytes(8).toString('hex')}`), rawBodies],
    );
  /** A message opening a chat thread of its own, so that each makes a conversation and events. */
  const chatMessage = () => {
    const id = randomBytes(5).toString('hex').toUpperCase();
    return JSON.stringify(incomingEventBody({ chat_id: `C${id}`, thread_id: `T${id}` }));
  };
  const processRow = (row: StoredRow) =>
    processor.process({ eventId: row.id, eventKey: row.eventKey }, FIRST_ATTEMPT);
  const stateOf = async (rows: StoredRow[]) =>
    database.query<{ id: string; status: string; loggedAt: Date[] }[]>(
      `SELECT event.id, event.status::text AS status,
              array_agg(log.created_at ORDER BY log.created_at) FILTER (WHERE log.id IS NOT NULL) AS "loggedAt"
       FROM webhook_events event
       LEFT JOIN sync_logs log ON log."references"->>'webhookEventId' = event.id::text
       WHERE event.id = ANY($1::uuid[])
       GROUP BY event.id
       ORDER BY array_position($1::uuid[], event.id)`,
      [rows.map((row) => row.id)],
    );

  /** Everything published on the realtime channel so far: a marker sent after it arrives last. */
  const publishedSoFar = async () => {
    const marker = `marker-${randomBytes(4).toString('hex')}`;
    const publisher = new Redis(config.REDIS_URL);
    await publisher.publish(channel, JSON.stringify({ type: marker }));
    publisher.disconnect();
    await waitFor('the marker to arrive', () => published.some((event) => event.type === marker));
    return published.filter((event) => !event.type?.startsWith('marker-'));
  };
  const config = testConfig();

  beforeAll(async () => {
    worker = await startTestWorker(config);
    database = worker.get(DataSource);
    processor = worker.get(WebhookEventProcessor);
    channel = realtimeChannelOf(config);
    subscriber = new Redis(config.REDIS_URL);
    subscriber.on('message', (_channel: string, message: string) =>
      published.push(JSON.parse(message) as { id?: number; type?: string }),
    );
    await subscriber.subscribe(channel);
  });

  afterAll(async () => {
    subscriber?.disconnect();
    await worker?.close();
  });

  it('processes the jobs that run at once in one transaction, each event once', async () => {
    const [first, second, third] = await store([chatMessage(), chatMessage(), chatMessage()]);
    if (!first || !second || !third) throw new Error('three rows were stored');
    // The first starts a group of its own; the others arrive while it runs and go together.
    const outcomes = await Promise.all([first, second, third, third].map(processRow));
    expect(outcomes).toEqual(['processed', 'processed', 'processed', 'already-done']);

    const states = await stateOf([first, second, third]);
    expect(states.map((state) => state.status)).toEqual(['processed', 'processed', 'processed']);
    const [firstLog, secondLog, thirdLog] = states.map((state) => state.loggedAt);
    // now() is the transaction's start: one log each, the second and third from one transaction.
    expect(states.every((state) => state.loggedAt.length === 1)).toBe(true);
    expect(secondLog?.[0]).toEqual(thirdLog?.[0]);
    expect(firstLog?.[0]).not.toEqual(secondLog?.[0]);
  });

  it('fails only the event that fails in a group; the others are processed and broadcast once', async () => {
    const [blocker, before, broken, after] = await store([
      chatMessage(),
      chatMessage(),
      JSON.stringify({ not: 'a LiveChat envelope' }),
      chatMessage(),
    ]);
    if (!blocker || !before || !broken || !after) throw new Error('four rows were stored');
    const publishedBefore = (await publishedSoFar()).length;
    const outcomes = await Promise.allSettled([blocker, before, broken, after].map(processRow));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[2]).toMatchObject({ reason: { message: expect.stringMatching(/invalid payload/) } });

    const states = await stateOf([before, broken, after]);
    expect(states.map((state) => state.status)).toEqual(['processed', 'dead', 'processed']);
    // The group rolled back, so nothing of its first run is left: one log each, from its own run.
    expect(states.map((state) => state.loggedAt.length)).toEqual([1, 1, 1]);
    const [beforeLog, brokenLog, afterLog] = states.map((state) => state.loggedAt[0]);
    expect(new Set([beforeLog?.getTime(), brokenLog?.getTime(), afterLog?.getTime()]).size).toBe(3);

    // Only the committed runs' realtime events went out: each is in the event log, none twice.
    const events = (await publishedSoFar()).slice(publishedBefore);
    const ids = events.map((event) => event.id);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    const [{ logged }] = await database.query<{ logged: string }[]>(
      'SELECT count(*) AS logged FROM events WHERE id = ANY($1::bigint[])',
      [ids],
    );
    expect(Number(logged)).toBe(ids.length);
  });
});
