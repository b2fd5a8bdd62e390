import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Audience, HandlesJob, RealtimePublisher, type FetchCallLogPayload } from '@ccp/server-platform';
import { RingCentralClient } from '@ccp/server-integrations';
import { DataSource } from 'typeorm';
import { ConversationEntity } from '../model/conversation.entity';
import { toConversation } from '../model/conversation.view';

/** RingCentral has not published the call's record yet (it takes 15–30 s); the job retries. */
export class CallLogRecordPendingError extends Error {}

export type CallLogOutcome = 'attached' | 'already-attached' | 'skipped' | 'missing';

/**
 * After a call ends: reads its call-log record and attaches the result and the recording link.
 * There is no call-log webhook, so this is a pull, delayed and retried until the record appears.
 */
@Injectable()
export class CallLogHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ringcentral: RingCentralClient,
    private readonly realtime: RealtimePublisher,
  ) {}

  @HandlesJob('calls.fetch-call-log')
  async fetch(payload: FetchCallLogPayload): Promise<CallLogOutcome> {
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
    call.callResult = lookup.value.result;
    call.recordingUrl = lookup.value.recording?.contentUri ?? null;
    await conversations.update(call.id, { callResult: call.callResult, recordingUrl: call.recordingUrl });
    const updated = await conversations.findOneByOrFail({ id: call.id });
    await this.realtime.publish('call:updated', toConversation(updated), [Audience.everyone]);
    return 'attached';
  }
}
