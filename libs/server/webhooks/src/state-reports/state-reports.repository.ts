import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deleteInBatches } from '@ccp/server-platform';
import { DataSource, type EntityManager } from 'typeorm';
import { verdictOf, type ReportVerdict, type StateReport } from '../parsing';

/** The last report applied per subject, so that the processor applies only news. */
@Injectable()
export class StateReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Whether a report received at `receivedAt` is news, recorded as the subject's last report if
   * so. Reports of one subject are judged one at a time (a transaction-scoped advisory lock, held
   * until the webhook's transaction ends), even the first one, which has no row to lock yet: two
   * deliveries of it through two registrations may be processed at the same moment.
   */
  async judge(manager: EntityManager, report: StateReport, receivedAt: Date): Promise<ReportVerdict> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [report.subject]);
    const [applied] = (await manager.query(
      'SELECT value, received_at AS "receivedAt" FROM vendor_state_reports WHERE subject = $1',
      [report.subject],
    )) as { value: string; receivedAt: Date }[];
    const verdict = verdictOf(applied, report.value, receivedAt);
    if (verdict === 'apply') {
      await manager.query(
        `INSERT INTO vendor_state_reports (subject, value, received_at) VALUES ($1, $2, $3)
         ON CONFLICT (subject) DO UPDATE SET value = EXCLUDED.value, received_at = EXCLUDED.received_at`,
        [report.subject, report.value, receivedAt],
      );
    }
    return verdict;
  }

  /**
   * Forgets subjects without a report for `olderThanDays`, with the inbox's retention: a report
   * after that long is applied as news, which is what it almost surely is.
   */
  deleteOlderThan(olderThanDays: number): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      'vendor_state_reports',
      `received_at < now() - make_interval(days => $1)`,
      [olderThanDays],
      'subject',
    );
  }
}
