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

  /**
   * Plain SQL: every webhook and every outbound call writes one, and TypeORM's insert builds its
   * statement from the entity's metadata each time.
   */
  async record(entry: NewSyncLog, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO sync_logs (operation_type, status, duration_ms, error, "references") VALUES ($1, $2, $3, $4, $5)`,
      [
        entry.operationType,
        entry.status,
        Math.round(entry.durationMs),
        entry.error ?? null,
        JSON.stringify(entry.references ?? {}),
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
