import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob } from '../queue/job-handler.decorator';
import type { RetentionPayload } from '../queue/queue.registry';
import { SyncLogsRepository } from './sync-logs.repository';

/** Keeps the sync log bounded: a row per processing step and vendor call adds up fast. */
@Injectable()
export class SyncLogRetentionHandler {
  private readonly logger = new Logger(SyncLogRetentionHandler.name);

  constructor(private readonly syncLogs: SyncLogsRepository) {}

  @HandlesJob('maintenance.trim-sync-logs')
  async trim(payload: RetentionPayload): Promise<{ deleted: number }> {
    const deleted = await this.syncLogs.deleteOlderThan(payload.olderThanDays);
    this.logger.log(`trimmed ${deleted} sync logs older than ${payload.olderThanDays} days`);
    return { deleted };
  }
}
