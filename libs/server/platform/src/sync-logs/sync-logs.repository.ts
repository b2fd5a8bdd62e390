import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, SyncLog, SyncLogStatus } from '@ccp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { deleteInBatches } from '../database/delete-in-batches';
import { SyncLogEntity } from './sync-log.entity';

export interface NewSyncLog {
  operationType: string;
  status: SyncLogStatus;
  durationMs: number;
  error?: string | null;
  references?: Record<string, string>;
}

export interface SyncLogFilter {
  status?: SyncLogStatus;
  operationType?: string;
  limit: number;
  offset: number;
}

function toSyncLog(row: SyncLogEntity): SyncLog {
  return {
    id: row.id,
    operationType: row.operationType,
    status: row.status,
    durationMs: row.durationMs,
    error: row.error,
    references: row.references,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class SyncLogsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  deleteOlderThan(days: number): Promise<number> {
    return deleteInBatches(this.dataSource, 'sync_logs', 'created_at < now() - make_interval(days => $1)', [
      days,
    ]);
  }

  record(entry: NewSyncLog, manager: EntityManager = this.dataSource.manager): Promise<void> {
    return this.recordMany([entry], manager);
  }

  /**
   * Plain SQL, one statement with one parameter per column whatever the count: every webhook and
   * every outbound call writes one, and TypeORM's insert builds its statement from the entity's
   * metadata each time.
   */
  async recordMany(entries: NewSyncLog[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO sync_logs (operation_type, status, duration_ms, error, "references")
       SELECT * FROM unnest($1::text[], $2::sync_log_status[], $3::integer[], $4::text[], $5::jsonb[])`,
      [
        entries.map((entry) => entry.operationType),
        entries.map((entry) => entry.status),
        entries.map((entry) => Math.round(entry.durationMs)),
        entries.map((entry) => entry.error ?? null),
        entries.map((entry) => JSON.stringify(entry.references ?? {})),
      ],
    );
  }

  async list(filter: SyncLogFilter): Promise<Page<SyncLog>> {
    const [rows, total] = await this.dataSource.getRepository(SyncLogEntity).findAndCount({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.operationType ? { operationType: filter.operationType } : {}),
      },
      order: { createdAt: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items: rows.map(toSyncLog), total };
  }
}
