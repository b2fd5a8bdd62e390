import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Audience,
  HandlesJob,
  isLastAttempt,
  JobQueue,
  RealtimePublisher,
  type FetchCallLogPayload,
  type SweepOverduePayload,
} from '@ccp/server-platform';
import type { Job } from 'bullmq';
import { RingCentralClient } from '@ccp/server-integrations';
import { DataSource } from 'typeorm';
import { ConversationEntity } from '../model/conversation.entity';
import { toConversation } from '../model/conversation.view';

/** RingCentral has not published the call's record yet (it takes 15–30 s); the job retries. */
export class CallLogRecordPendingError extends Error {}

export type CallLogOutcome = 'attached' | 'already-attached' | 'skipped' | 'missing';

/** Overdue fetches queued per sweep; a longer backlog is taken over the next rounds. */
const SWEEP_BATCH = 500;

/**
 * After a call ends: reads its call-log record and attaches the result and the recording link.
 * There is no call-log webhook, so this is a pull, delayed and retried until the record appears.
 */
@Injectable()
export class CallLogHandler {
  private readonly logger = new Logger(CallLogHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ringcentral: RingCentralClient,
    private readonly realtime: RealtimePublisher,
    private readonly jobs: JobQueue,
  ) {}

  @HandlesJob('calls.fetch-call-log')
  async fetch(payload: FetchCallLogPayload, job: Job): Promise<CallLogOutcome> {
    try {
      const outcome = await this.attach(payload);
      // 'attached' settled in its own update; a missing call has nothing to settle.
      if (outcome === 'skipped' || outcome === 'already-attached') await this.settle(payload.conversationId);
      return outcome;
    } catch (error) {
      // The last attempt gives up for good, so the sweep must not bring it back.
      if (isLastAttempt(job)) await this.settle(payload.conversationId);
      throw error;
    }
  }

  private async attach(payload: FetchCallLogPayload): Promise<CallLogOutcome> {
    const conversations = this.dataSource.getRepository(ConversationEntity);
    const call = await conversations.findOneBy({ id: payload.conversationId });
    if (!call) return 'missing';
    if (call.callResult) return 'already-attached';
    const lookup = await this.ringcentral.findCallLogRecord(payload.telephonySessionId, {
      startedAt: call.startedAt ?? call.createdAt,
    });
    if (lookup.outcome === 'skipped') return 'skipped';
    if (!lookup.value)
      throw new CallLogRecordPendingError(`call ${payload.telephonySessionId} not in the call log yet`);
    await conversations.update(call.id, {
      callResult: lookup.value.result,
      recordingUrl: lookup.value.recording?.contentUri ?? null,
      callLogDueAt: null,
    });
    const updated = await conversations.findOneByOrFail({ id: call.id });
    await this.realtime.publish('call:updated', toConversation(updated), [Audience.everyone]);
    return 'attached';
  }

  private async settle(conversationId: string): Promise<void> {
    await this.dataSource.getRepository(ConversationEntity).update(conversationId, { callLogDueAt: null });
  }

  /**
   * Queues the fetch of every ended call whose fetch is overdue: its job was lost (Redis down when
   * the call ended, or restarted without persistence). The job id is the call's, so a fetch that
   * is in fact still queued or retrying is not doubled.
   */
  @HandlesJob('calls.sweep-call-log-fetches')
  async sweep(payload: SweepOverduePayload): Promise<number> {
    const overdue: { id: string; external_id: string }[] = await this.dataSource.query(
      `SELECT id, external_id FROM conversations
       WHERE call_log_due_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY call_log_due_at LIMIT $2`,
      [payload.graceMs, SWEEP_BATCH],
    );
    if (overdue.length === 0) return 0;
    await this.jobs.addBulk(
      'calls.fetch-call-log',
      overdue.map((call) => ({ payload: { conversationId: call.id, telephonySessionId: call.external_id } })),
    );
    this.logger.log(
      `${overdue.length} call-log fetches overdue: added again (no-ops for those still queued or retrying)`,
    );
    return overdue.length;
  }
}
