import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONVERSATION_TYPES, type ConversationType, type PlatformStats } from '@ccp/contracts';
import { DataSource } from 'typeorm';

const WEBHOOK_RATE_WINDOW_MINUTES = 15;

type CountRow = { key: string; count: string };

const byType = (rows: CountRow[]): Record<ConversationType, number> =>
  Object.fromEntries(
    CONVERSATION_TYPES.map((type) => [type, Number(rows.find((row) => row.key === type)?.count ?? 0)]),
  ) as Record<ConversationType, number>;

/** The operations dashboard's numbers, each one indexed query over the live tables. */
@Injectable()
export class PlatformStatsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<PlatformStats> {
    const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> =>
      this.dataSource.query(sql, parameters) as Promise<T[]>;
    const [agents, unmapped, active, today, sync, webhookRate, webhookBacklog] = await Promise.all([
      query<CountRow>(`SELECT status AS key, count(*) AS count FROM agents GROUP BY status`),
      query<{ count: string }>(`SELECT count(*) AS count FROM agents WHERE NOT mapped`),
      query<CountRow>(
        `SELECT type AS key, count(*) AS count FROM conversations WHERE status IN ('queued', 'active') GROUP BY type`,
      ),
      query<CountRow>(
        `SELECT type AS key, count(*) AS count FROM conversations
         WHERE started_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' GROUP BY type`,
      ),
      query<CountRow>(
        `SELECT status::text AS key, count(*) AS count FROM sync_logs
         WHERE created_at >= now() - interval '1 hour' GROUP BY status`,
      ),
      query<{ count: string }>(
        `SELECT count(*) AS count FROM webhook_events WHERE received_at >= now() - $1::interval`,
        [`${WEBHOOK_RATE_WINDOW_MINUTES} minutes`],
      ),
      query<CountRow>(
        `SELECT status::text AS key, count(*) AS count FROM webhook_events WHERE status IN ('dead', 'failed') GROUP BY status`,
      ),
    ]);
    const syncCount = (status: string): number => Number(sync.find((row) => row.key === status)?.count ?? 0);
    const succeeded = syncCount('success');
    const failed = syncCount('failed');
    const byStatus = Object.fromEntries(agents.map((row) => [row.key, Number(row.count)]));
    return {
      agents: {
        total: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
        byStatus,
        unmapped: Number(unmapped[0]?.count ?? 0),
      },
      conversations: { active: byType(active), today: byType(today) },
      sync: {
        successRate: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
        succeeded,
        failed,
        skipped: syncCount('skipped'),
      },
      webhooks: {
        perMinute: Number(webhookRate[0]?.count ?? 0) / WEBHOOK_RATE_WINDOW_MINUTES,
        dead: Number(webhookBacklog.find((row) => row.key === 'dead')?.count ?? 0),
        failed: Number(webhookBacklog.find((row) => row.key === 'failed')?.count ?? 0),
      },
      generatedAt: new Date().toISOString(),
    };
  }
}
