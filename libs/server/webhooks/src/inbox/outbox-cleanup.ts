import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InboxRepository } from './inbox.repository';

const FLUSH_EVERY_MS = 200;
const MAX_BATCH = 500;

/**
 * Deletes the outbox rows of enqueued webhooks in batches rather than one commit per webhook,
 * which would double the commits on the acknowledgement path. Losing a batch (a crash) is
 * harmless: the relay re-adds those jobs under their ids, which BullMQ ignores.
 */
@Injectable()
export class OutboxCleanup implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxCleanup.name);
  private pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly inbox: InboxRepository) {}

  schedule(webhookEventId: string): void {
    this.pending.add(webhookEventId);
    if (this.pending.size >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending = new Set();
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing
      .then(() => this.inbox.removeFromOutbox(batch))
      .catch((error: unknown) =>
        this.logger.warn(
          `${batch.length} outbox rows not removed (the relay will): ${(error as Error).message}`,
        ),
      );
    return this.flushing;
  }
}
