import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, HandlesJob, type SweepOverduePayload } from '@ccp/server-platform';
import { RingCentralClient } from '@ccp/server-integrations';
import { RingCentralCallReconciliation, type VanishedParty } from '@ccp/server-webhooks';
import { DataSource } from 'typeorm';
import { FINAL_STATUSES } from './call-state';

/** Calls looked up per sweep (one Call Control request each); a longer backlog waits for the next. */
const SWEEP_BATCH = 100;

/**
 * Finds calls that have gone silent and asks RingCentral whether they are still going. RingCentral
 * may not redeliver a lost notification (vendor-webhooks.md §2.7), so without this a call whose
 * final Disconnected was lost would stay active for good, on the boards and in the statistics.
 */
@Injectable()
export class SilentCallSweep {
  private readonly logger = new Logger(SilentCallSweep.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ringcentral: RingCentralClient,
    private readonly reconciliation: RingCentralCallReconciliation,
    private readonly config: AppConfig,
  ) {}

  @HandlesJob('calls.sweep-silent-calls')
  async sweep(payload: SweepOverduePayload): Promise<{ checked: number; ended: number }> {
    const due = (await this.dataSource.query(
      `SELECT id, external_id AS "telephonySessionId", COALESCE(started_at, created_at) AS "startedAt"
       FROM conversations
       WHERE call_reconcile_due_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY call_reconcile_due_at LIMIT $2`,
      [payload.graceMs, SWEEP_BATCH],
    )) as { id: string; telephonySessionId: string; startedAt: Date }[];
    let ended = 0;
    for (const call of due) {
      const live = await this.ringcentral.telephonySessionIsLive(call.telephonySessionId);
      if (live.outcome === 'skipped') {
        // Without credentials nothing can be asked; the call is not looked at again.
        await this.checkAgain(call.id, null);
      } else if (live.value) {
        await this.checkAgain(call.id, new Date(Date.now() + this.config.CALL_RECONCILE_AFTER_MS));
      } else {
        await this.endVanishedCall(call);
        ended += 1;
      }
    }
    if (ended > 0) this.logger.warn(`${ended} calls had ended without a final notification: ended now`);
    return { checked: due.length, ended };
  }

  /**
   * Stores the notification that the parties still in the call have left. Until the worker has
   * applied it the call is still due, and asking again stores nothing new (same event key).
   */
  private async endVanishedCall({
    id: conversationId,
    telephonySessionId,
    startedAt,
  }: {
    id: string;
    telephonySessionId: string;
    startedAt: Date;
  }): Promise<void> {
    const all = (await this.dataSource.query(
      `SELECT party_id AS "partyId", extension_id AS "extensionId", direction, from_number AS "fromNumber",
              from_name AS "fromName", to_number AS "toNumber", to_name AS "toName", status,
              last_sequence::bigint AS "lastSequence"
       FROM call_parties WHERE conversation_id = $1 ORDER BY party_id`,
      [conversationId],
    )) as (VanishedParty & { status: string; lastSequence: string })[];
    const parties = all.filter((party) => !FINAL_STATUSES.has(party.status));
    if (parties.length === 0) {
      await this.checkAgain(conversationId, null);
      return;
    }
    const last = Math.max(...all.map((party) => Number(party.lastSequence)));
    const endedAt = await this.endTimeOf(telephonySessionId, startedAt);
    await this.reconciliation.sessionEnded(telephonySessionId, last + 1, parties, endedAt);
    await this.checkAgain(conversationId, new Date(Date.now() + this.config.CALL_RECONCILE_AFTER_MS));
  }

  /**
   * The call log has the call's end to the second (its record appears within a minute of the end,
   * long before a call counts as silent). Without a record, the one thing known is that the call
   * is over by now: a late end time, rather than one that could precede the real end.
   */
  private async endTimeOf(telephonySessionId: string, startedAt: Date): Promise<Date> {
    const lookup = await this.ringcentral.findCallLogRecord(telephonySessionId, { startedAt });
    const record = lookup.outcome === 'skipped' ? null : lookup.value;
    const loggedEnd = record ? Date.parse(record.startTime) + record.duration * 1000 : Number.NaN;
    return Number.isFinite(loggedEnd) ? new Date(loggedEnd) : new Date();
  }

  private async checkAgain(conversationId: string, at: Date | null): Promise<void> {
    await this.dataSource.query('UPDATE conversations SET call_reconcile_due_at = $2 WHERE id = $1', [
      conversationId,
      at,
    ]);
  }
}
