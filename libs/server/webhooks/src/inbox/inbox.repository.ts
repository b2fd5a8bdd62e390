import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, WebhookEventStatus, WebhookVendor } from '@ccp/contracts';
import { deleteInBatches, jobIdOfEventKey } from '@ccp/server-platform';
import { DataSource, type EntityManager } from 'typeorm';
import { WebhookEventEntity } from './webhook-event.entity';
import { WebhookOutboxEntity } from './webhook-outbox.entity';

/** What processing reads of a stored event. */
export type ClaimedWebhookEvent = Pick<
  WebhookEventEntity,
  'id' | 'vendor' | 'eventKey' | 'rawBody' | 'receivedAt'
>;

/** An event that has waited unprocessed, with no outbox row, for longer than it should. */
export interface StaleEvent {
  id: string;
  eventKey: string;
  receivedAt: Date;
}

export interface NewInboxEvent {
  vendor: WebhookVendor;
  eventKey: string;
  type: string;
  status: Extract<WebhookEventStatus, 'received' | 'ignored' | 'invalid'>;
  rawBody: string;
  lastError?: string;
}

export interface StoredInboxEvent {
  id: string;
  eventKey: string;
  /** False when the key was already there: a redelivery, acknowledged without change. */
  inserted: boolean;
}

export interface InboxFilter {
  status?: WebhookEventStatus;
  vendor?: WebhookVendor;
  type?: string;
  limit: number;
  offset: number;
}

export interface OutboxEntry {
  webhookEventId: string;
  eventKey: string;
  jobId: string;
}

/**
 * What storeMany sends: inbox rows and, for events to process, their outbox rows, for any number
 * of events in one statement, with parallel arrays as parameters ($1 vendors, $2 event keys,
 * $3 types, $4 statuses, $5 raw bodies, $6 last errors, $7 job ids). Exported for bench:ingest,
 * whose pgbench baseline must run exactly this. `received_at` is each row's own clock time, not
 * the transaction's, so that webhooks sharing a statement keep their order of arrival (the last
 * state report received wins, see state-report.ts).
 */
export const INBOX_STORE_STATEMENT = `WITH input AS (
  SELECT * FROM unnest($1::webhook_vendor[], $2::text[], $3::text[], $4::webhook_event_status[],
                       $5::text[], $6::text[], $7::text[])
    WITH ORDINALITY AS event (vendor, event_key, type, status, raw_body, last_error, job_id, position)
), inserted AS (
  INSERT INTO webhook_events (vendor, event_key, type, status, raw_body, last_error, received_at)
  SELECT vendor, event_key, type, status, raw_body, last_error, clock_timestamp() FROM input ORDER BY position
  ON CONFLICT (event_key) DO NOTHING
  RETURNING id, event_key, status
), outbox AS (
  INSERT INTO webhook_outbox (webhook_event_id, event_key, job_id)
  SELECT inserted.id, inserted.event_key, input.job_id
  FROM inserted JOIN input USING (event_key) WHERE inserted.status = 'received'
)
SELECT id, event_key, true AS inserted FROM inserted
UNION ALL
SELECT id, event_key, false AS inserted FROM webhook_events WHERE event_key = ANY($2::text[])`;

/** One row per key: two rows with one key in a statement would both reach the outbox insert. */
function firstOfEachKey(events: readonly NewInboxEvent[]): NewInboxEvent[] {
  const firsts = new Map<string, NewInboxEvent>();
  for (const event of events) if (!firsts.has(event.eventKey)) firsts.set(event.eventKey, event);
  return [...firsts.values()];
}

@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inbox rows and, for events to process, their outbox rows, atomically in ONE statement (one
   * round trip, one commit) however many events it carries: the vendors' acknowledgements wait on
   * it, so it is the hot path (see InboxWriter, which gathers them). The results come back in the
   * order of `events`; of several events with one key, the first is the one stored.
   */
  async storeMany(events: readonly NewInboxEvent[]): Promise<StoredInboxEvent[]> {
    const firsts = firstOfEachKey(events);
    const rows = (await this.dataSource.query(INBOX_STORE_STATEMENT, [
      firsts.map((event) => event.vendor),
      firsts.map((event) => event.eventKey),
      firsts.map((event) => event.type),
      firsts.map((event) => event.status),
      firsts.map((event) => event.rawBody),
      firsts.map((event) => event.lastError ?? null),
      firsts.map((event) => jobIdOfEventKey(event.eventKey)),
    ])) as { id: string; event_key: string; inserted: boolean }[];
    const byKey = new Map<string, { id: string; inserted: boolean }>();
    for (const row of rows) {
      if (row.inserted || !byKey.has(row.event_key)) byKey.set(row.event_key, row);
    }
    const stored: StoredInboxEvent[] = [];
    const claimed = new Set<string>();
    for (const event of events) {
      // The statement's snapshot cannot see a duplicate committed while it waited on the key: look again.
      const row = byKey.get(event.eventKey) ?? (await this.existing(event.eventKey));
      byKey.set(event.eventKey, row);
      const inserted = row.inserted && !claimed.has(event.eventKey);
      claimed.add(event.eventKey);
      stored.push({ id: row.id, eventKey: event.eventKey, inserted });
    }
    return stored;
  }

  /** Outbox rows whose jobs are on the queue, deleted together (see OutboxCleanup). */
  async removeFromOutbox(webhookEventIds: readonly string[]): Promise<void> {
    await this.dataSource.query('DELETE FROM webhook_outbox WHERE webhook_event_id = ANY($1::uuid[])', [
      webhookEventIds,
    ]);
  }

  private async existing(eventKey: string): Promise<{ id: string; inserted: false }> {
    const row = await this.dataSource.manager.findOneByOrFail(WebhookEventEntity, { eventKey });
    return { id: row.id, inserted: false };
  }

  /**
   * Hands outbox entries older than `minAgeMs` to `enqueue` and deletes them once it succeeded.
   * SKIP LOCKED lets several workers relay side by side without taking the same rows.
   */
  relayOutbox(
    limit: number,
    minAgeMs: number,
    enqueue: (entries: OutboxEntry[]) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const entries: { id: string; webhook_event_id: string; event_key: string; job_id: string }[] =
        await manager.query(
          `SELECT id, webhook_event_id, event_key, job_id FROM webhook_outbox
         WHERE created_at < now() - make_interval(secs => $2::double precision / 1000)
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit, minAgeMs],
        );
      if (entries.length === 0) return 0;
      await enqueue(
        entries.map((entry) => ({
          webhookEventId: entry.webhook_event_id,
          eventKey: entry.event_key,
          jobId: entry.job_id,
        })),
      );
      await manager.query('DELETE FROM webhook_outbox WHERE id = ANY($1)', [
        entries.map((entry) => entry.id),
      ]);
      return entries.length;
    });
  }

  /**
   * Events left unprocessed for longer than `olderThanMs` with no outbox row, oldest first and
   * after `after` (pages by key): either waiting behind a backlog, or their job was lost.
   */
  async findStale(olderThanMs: number, after: StaleEvent | null, limit: number): Promise<StaleEvent[]> {
    const rows: { id: string; event_key: string; received_at: Date }[] = await this.dataSource.query(
      `SELECT e.id, e.event_key, e.received_at FROM webhook_events e
       WHERE e.status IN ('received', 'failed')
         AND e.received_at < now() - make_interval(secs => $1::double precision / 1000)
         AND ($3::timestamptz IS NULL OR (e.received_at, e.id) > ($3::timestamptz, $4::uuid))
         AND NOT EXISTS (SELECT 1 FROM webhook_outbox o WHERE o.webhook_event_id = e.id)
       ORDER BY e.received_at, e.id LIMIT $2`,
      [olderThanMs, limit, after?.receivedAt ?? null, after?.id ?? null],
    );
    return rows.map((row) => ({ id: row.id, eventKey: row.event_key, receivedAt: row.received_at }));
  }

  /** Puts events back into the outbox under their event key's job id, for the relay to enqueue. */
  async returnToOutbox(events: readonly Pick<StaleEvent, 'id' | 'eventKey'>[]): Promise<void> {
    if (events.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WebhookOutboxEntity)
      .values(
        events.map((event) => ({
          webhookEventId: event.id,
          eventKey: event.eventKey,
          jobId: jobIdOfEventKey(event.eventKey),
        })),
      )
      .orIgnore()
      .execute();
  }

  /** Settled webhooks (processed, ignored, invalid) received longer ago; dead and failed ones stay. */
  deleteSettledOlderThan(days: number): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      'webhook_events',
      `status IN ('processed', 'ignored', 'invalid') AND received_at < now() - make_interval(days => $1)`,
      [days],
    );
  }

  findById(id: string): Promise<WebhookEventEntity | null> {
    return this.dataSource.getRepository(WebhookEventEntity).findOneBy({ id });
  }

  /**
   * Takes the events that are still to be processed, in one statement: marks them processed,
   * counts the attempt (a failed one is counted by markFailed), and holds the rows' locks for the
   * rest of the caller's transaction, so a duplicate job waits and then finds its event done. A
   * rollback leaves the events as they were. An event done already, or gone, is not in the map.
   */
  async claimForProcessing(manager: EntityManager, ids: string[]): Promise<Map<string, ClaimedWebhookEvent>> {
    const [rows] = (await manager.query(
      `UPDATE webhook_events
          SET status = 'processed', processed_at = now(), last_error = NULL, attempts = attempts + 1
        WHERE id = ANY($1::uuid[]) AND status IN ('received', 'failed')
        RETURNING id, vendor, event_key AS "eventKey", raw_body AS "rawBody", received_at AS "receivedAt"`,
      [ids],
    )) as [ClaimedWebhookEvent[], number];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** For a claimed event that turned out to hold nothing any handler takes. */
  async markIgnored(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE webhook_events SET status = 'ignored' WHERE id = $1`, [id]);
  }

  async markFailed(id: string, error: string, dead: boolean): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(WebhookEventEntity)
      .set({
        status: dead ? 'dead' : 'failed',
        lastError: error.slice(0, 2_000),
        attempts: () => 'attempts + 1',
      })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Puts an event back to `received` and into the outbox under a fresh job id (the old job may
   * still sit completed in Redis under the event key), in one transaction.
   */
  async requeue(id: string, eventKey: string, jobId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        WebhookEventEntity,
        { id },
        { status: 'received', lastError: null, processedAt: null },
      );
      await manager.query(
        `INSERT INTO webhook_outbox (webhook_event_id, event_key, job_id) VALUES ($1, $2, $3)
         ON CONFLICT (webhook_event_id) DO UPDATE SET job_id = EXCLUDED.job_id`,
        [id, eventKey, jobId],
      );
    });
  }

  async list(filter: InboxFilter): Promise<Page<WebhookEventEntity>> {
    const [items, total] = await this.dataSource.getRepository(WebhookEventEntity).findAndCount({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.vendor ? { vendor: filter.vendor } : {}),
        ...(filter.type ? { type: filter.type } : {}),
      },
      order: { receivedAt: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }
}
