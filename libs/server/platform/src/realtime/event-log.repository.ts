import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RealtimeEvent, RealtimeEventMap, RealtimeEventType } from '@ccp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { CombinedWrite } from '../database/combined-write';
import { deleteInBatches } from '../database/delete-in-batches';

/** An event as stored, with the rooms it goes to. */
export interface AddressedEvent extends RealtimeEvent {
  audience: string[];
}

/** An event to append: its type, the data of that type, and the rooms it goes to. */
export type NewRealtimeEvent = {
  [T in RealtimeEventType]: { type: T; data: RealtimeEventMap[T]; audience: string[] };
}[RealtimeEventType];

interface EventRow {
  id: string;
  type: string;
  at: Date;
  data: unknown;
  audience: string[];
}

function toAddressed(row: EventRow): AddressedEvent {
  // The event log only ever holds what append() wrote, which is typed by RealtimeEventMap.
  return {
    id: Number(row.id),
    type: row.type as RealtimeEventType,
    at: row.at.toISOString(),
    data: row.data as RealtimeEventMap[RealtimeEventType],
    audience: row.audience,
  };
}

@Injectable()
export class EventLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append<T extends RealtimeEventType>(
    type: T,
    data: RealtimeEventMap[T],
    audience: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AddressedEvent> {
    const rows: unknown = await manager.query(
      'INSERT INTO events (type, data, audience) VALUES ($1, $2, $3) RETURNING id, type, at, data, audience',
      [type, JSON.stringify(data), audience],
    );
    return toAddressed((rows as EventRow[])[0] as EventRow);
  }

  /**
   * Appends events as part of `write` (one statement with the caller's other writes), with ids in
   * the order given; they can be read once the write has run. An INSERT of a VALUES list takes its
   * identity values row by row, in the list's order, so the ids sorted are the events in that order.
   */
  appendAllWith(write: CombinedWrite, events: NewRealtimeEvent[]): () => AddressedEvent[] {
    const rows = events.map(
      ({ type, data, audience }) =>
        `(${write.param(type)}, ${write.param(JSON.stringify(data))}, ${write.param(audience)})`,
    );
    const name = write.withRows(
      'events',
      `INSERT INTO events (type, data, audience) VALUES ${rows.join(', ')} RETURNING id, at`,
      ['id', 'at'],
      'id',
    );
    return () => {
      const ids = write.resultOf(name, 'id') as string[];
      const ats = write.resultOf(name, 'at') as Date[];
      return events.map(({ type, data, audience }, index) =>
        toAddressed({ id: ids[index] as string, type, at: ats[index] as Date, data, audience }),
      );
    };
  }

  /** Events after `afterId` addressed to any of `rooms`, oldest first. */
  async since(afterId: number, rooms: string[], limit: number): Promise<AddressedEvent[]> {
    const rows: unknown = await this.dataSource.query(
      'SELECT id, type, at, data, audience FROM events WHERE id > $1 AND audience && $2 ORDER BY id LIMIT $3',
      [afterId, rooms, limit],
    );
    return (rows as EventRow[]).map(toAddressed);
  }

  /** The oldest event still in the log (0 when it is empty); anything older was trimmed. */
  async oldestId(): Promise<number> {
    const rows = (await this.dataSource.query('SELECT coalesce(min(id), 0) AS id FROM events')) as {
      id: string;
    }[];
    return Number(rows[0]?.id ?? 0);
  }

  deleteOlderThan(days: number): Promise<number> {
    return deleteInBatches(this.dataSource, 'events', 'at < now() - make_interval(days => $1)', [days]);
  }
}
