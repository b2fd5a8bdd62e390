import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob } from '../queue/job-handler.decorator';
import type { RetentionPayload } from '../queue/queue.registry';
import { EventLogRepository } from './event-log.repository';

/** Keeps the replay log bounded; clients further behind than the retention reload over REST. */
@Injectable()
export class EventLogRetentionHandler {
  private readonly logger = new Logger(EventLogRetentionHandler.name);

  constructor(private readonly eventLog: EventLogRepository) {}

  @HandlesJob('maintenance.trim-event-log')
  async trim(payload: RetentionPayload): Promise<{ deleted: number }> {
    const deleted = await this.eventLog.deleteOlderThan(payload.olderThanDays);
    this.logger.log(`trimmed ${deleted} events older than ${payload.olderThanDays} days`);
    return { deleted };
  }
}
