import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const PGBENCH = '/usr/bin/pgbench';

/**
 * The statement the api sends PostgreSQL for one new webhook (InboxRepository.store): the inbox
 * row and its outbox row in one statement, one commit. The outbox rows of enqueued jobs are then
 * deleted in batches of up to 500 (OutboxCleanup), an amortized cost left out here, as is the
 * statement's index probe for an existing key (a redelivery). Values are
 * bind parameters (extended protocol: pgbench variables become $n), as node-postgres sends them.
 * The body and the key prefix come in as variables: written into the script, their `:word`
 * parts would be taken for variable references.
 */
const INBOX_SCRIPT = `WITH inserted AS (
  INSERT INTO webhook_events (vendor, event_key, type, status, raw_body, last_error)
  VALUES ('livechat', CAST(:event_key_prefix AS text) || gen_random_uuid(), 'incoming_event', 'received', :raw_body, NULL)
  ON CONFLICT (event_key) DO NOTHING
  RETURNING id, event_key
), outbox AS (
  INSERT INTO webhook_outbox (webhook_event_id, event_key, job_id)
  SELECT id, event_key, replace(event_key, ':', '/') FROM inserted
)
SELECT id, true AS inserted FROM inserted;
`;

export interface PgbenchLoad {
  databaseUrl: string;
  clients: number;
  threads: number;
  durationSeconds: number;
  /** The event key up to the event id; each transaction appends a random UUID. */
  eventKeyPrefix: string;
  /** The stored body (secret redacted), as the api stores it. */
  rawBody: string;
}

export interface PgbenchResult {
  clients: number;
  transactionsPerSecond: number;
  latencyAverageMs: number;
}

function numberAfter(label: RegExp, output: string): number {
  const match = label.exec(output);
  if (!match?.[1]) throw new Error(`pgbench output has no ${label.source}:\n${output}`);
  return Number(match[1]);
}

/** The database's ceiling for the ingestion SQL alone: no HTTP, no Node, no Redis. */
export async function runPgbench(load: PgbenchLoad): Promise<PgbenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-ingest-pgbench-'));
  const script = join(directory, 'inbox-store.sql');
  writeFileSync(script, INBOX_SCRIPT);
  try {
    const { stdout } = await promisify(execFile)(
      PGBENCH,
      [
        '--no-vacuum',
        '--protocol=extended',
        `--client=${load.clients}`,
        `--jobs=${load.threads}`,
        `--time=${load.durationSeconds}`,
        `--file=${script}`,
        `--define=event_key_prefix=${load.eventKeyPrefix}`,
        `--define=raw_body=${load.rawBody}`,
        load.databaseUrl,
      ],
      { maxBuffer: 10 * 1024 * 1024 },
    );
    const failed = /number of failed transactions: (\d+)/.exec(stdout)?.[1];
    if (failed !== undefined && Number(failed) > 0) {
      throw new Error(`pgbench: ${failed} transactions failed; the measurement is void:\n${stdout}`);
    }
    return {
      clients: load.clients,
      transactionsPerSecond: numberAfter(/tps = ([\d.]+)/, stdout),
      latencyAverageMs: numberAfter(/latency average = ([\d.]+) ms/, stdout),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
