import { Injectable, Logger } from '@nestjs/common';
import { SyncLogsRepository } from '@ccp/server-platform';
import type { OutboundResult } from './outbound-result';

/**
 * Runs one outbound operation (token, retries and pages included) and writes exactly one
 * sync_logs row for it: success, skipped (with the reason) or failed (with the error).
 */
@Injectable()
export class OutboundCallRecorder {
  private readonly logger = new Logger(OutboundCallRecorder.name);

  constructor(private readonly syncLogs: SyncLogsRepository) {}

  async run<T>(
    operationType: string,
    references: Record<string, string>,
    operation: () => Promise<OutboundResult<T>>,
  ): Promise<OutboundResult<T>> {
    const started = performance.now();
    let result: OutboundResult<T>;
    try {
      result = await operation();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.record(operationType, references, started, 'failed', message);
      throw error;
    }
    await this.record(
      operationType,
      references,
      started,
      result.outcome,
      result.outcome === 'skipped' ? result.reason : null,
    );
    return result;
  }

  /**
   * The vendor call already happened: a sync log that cannot be written must not turn it into a
   * failure (a retry would repeat the call), so it is only reported.
   */
  private async record(
    operationType: string,
    references: Record<string, string>,
    started: number,
    status: 'success' | 'skipped' | 'failed',
    error: string | null,
  ): Promise<void> {
    const durationMs = performance.now() - started;
    try {
      await this.syncLogs.record({ operationType, status, durationMs, error, references });
    } catch (recordError) {
      this.logger.warn(`could not record ${operationType} (${status}): ${(recordError as Error).message}`);
    }
  }
}
