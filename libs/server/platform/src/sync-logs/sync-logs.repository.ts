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

  async record(entry: NewSyncLog, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(SyncLogEntity, {
      operationType: entry.operationType,
      status: entry.status,
      durationMs: Math.round(entry.durationMs),
      error: entry.error ?? null,
      references: entry.references ?? {},
    });
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
