import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INBOX_STORE_STATEMENT } from '@ccp/server-webhooks';

const PGBENCH = '/usr/bin/pgbench';

/**
 * The api's own inbox statement (INBOX_STORE_STATEMENT, imported, so it cannot drift), storing
 * `webhooksPerStatement` webhooks per transaction as the api's group commit does. Its array
 * parameters are filled in SQL: the keys (a new random UUID each, as real event ids land all over
 * the unique index) once per transaction in a CTE, so the insert and the duplicate probe see the
 * same keys, as they do in the api. The outbox rows of enqueued jobs are deleted later in batches
 * (OutboxCleanup), an amortized cost left out here. The body and the key prefix are pgbench
 * variables, sent as bind parameters (extended protocol) as node-postgres sends them: written into
 * the script, their `:word` parts would be taken for variable references.
 */
export function inboxStoreScript(webhooksPerStatement: number): string {
  const size = `ARRAY[${webhooksPerStatement}]`;
  const parameters: Record<string, string> = {
    $1: `array_fill('livechat'::webhook_vendor, ${size})`,
    $2: '(SELECT keys FROM batch)',
    $3: `array_fill('incoming_event'::text, ${size})`,
    $4: `array_fill('received'::webhook_event_status, ${size})`,
    $5: `array_fill(CAST(:raw_body AS text), ${size})`,
    $6: `array_fill(NULL::text, ${size})`,
    $7: "(SELECT array_agg(replace(key, ':', '/')) FROM batch, unnest(keys) AS key)",
  };
  const statement = INBOX_STORE_STATEMENT.replace(/\$[1-7](?!\d)/g, (parameter) => {
    const expression = parameters[parameter];
    if (!expression) throw new Error(`INBOX_STORE_STATEMENT has an unexpected parameter ${parameter}`);
    return expression;
  });
  if (!statement.startsWith('WITH ')) throw new Error('INBOX_STORE_STATEMENT no longer starts with WITH');
  const batch =
    'batch AS MATERIALIZED (SELECT array_agg(CAST(:event_key_prefix AS text) || gen_random_uuid()) AS keys ' +
    `FROM generate_series(1, ${webhooksPerStatement}))`;
  return `WITH ${batch},\n${statement.slice('WITH '.length)};\n`;
}

export interface PgbenchLoad {
  databaseUrl: string;
  clients: number;
  threads: number;
  durationSeconds: number;
  /** The event key up to the event id; each transaction appends a random UUID. */
  eventKeyPrefix: string;
  /** The stored body (secret redacted), as the api stores it. */
  rawBody: string;
  webhooksPerStatement: number;
}

export interface PgbenchResult {
  clients: number;
  webhooksPerStatement: number;
  transactionsPerSecond: number;
  webhooksPerSecond: number;
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
  writeFileSync(script, inboxStoreScript(load.webhooksPerStatement));
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
    const transactionsPerSecond = numberAfter(/tps = ([\d.]+)/, stdout);
    return {
      clients: load.clients,
      webhooksPerStatement: load.webhooksPerStatement,
      transactionsPerSecond,
      webhooksPerSecond: transactionsPerSecond * load.webhooksPerStatement,
      latencyAverageMs: numberAfter(/latency average = ([\d.]+) ms/, stdout),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
