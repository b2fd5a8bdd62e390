import 'reflect-metadata';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '@ccp/server-testing';
import { BenchDatabase, postgresVersion } from './bench-database';
import {
  CpuMeter,
  PGBENCH,
  POSTGRES,
  REDIS,
  runningProcess,
  THIS_PROCESS,
  type CpuConsumer,
  type PhaseCpu,
} from './cpu-meter';
import { BenchProcess, REPOSITORY_ROOT } from './bench-process';
import { REDIS_URL, redisVersion } from './bench-redis';
import { describeMachine, loadAverageOf, PERFORMANCE_DOC } from './bench-report';
import { announce, positiveInteger, runBench, targetOption, Teardown } from './bench-run';
import { API_ENTRY_POINT, DATABASE_POOL_SIZE, ownInstallation } from './bench-servers';
import { runAtFixedRate } from './fixed-rate-load';
import {
  latencySummary,
  probeSummary,
  summaryLines,
  writePerformanceSection,
  type IngestRun,
  type SaturationProbe,
} from './ingest-report';
import {
  DEMO_LIVECHAT_SECRET,
  INCOMING_EVENT_KEY_PREFIX,
  LIVECHAT_WEBHOOK_PATH,
  signedIncomingEventBody,
  storedIncomingEventBody,
} from './livechat-webhook.body';
import { assertEveryRequestAcknowledged, type LoadResult } from './load-result';
import { meanStatementSize, readStatementSizeCounters } from './inbox-statement-size';
import { runPgbench, type PgbenchResult } from './pgbench.run';
import { runQueueBaseline, type QueueBaselineResult } from './queue-baseline';
import { runSaturation } from './saturation-load';

const USAGE = `Usage: npm run bench:ingest -- [options]

Measures, in one run: (a) signed LiveChat webhooks/s and acknowledgement latency of the api at a
fixed rate and at saturation, (b) a raw Fastify server with the same body, (c) pgbench running
the api's SQL, (d) the api's queue jobs added to Redis alone; prints the api's ratio to the box's
limit min(b, c), the CPU bound on it, and writes docs/PERFORMANCE.md.

Options:
  --target URL         an api that is already running (a throwaway one: the webhooks are stored
                       for real); default: start one on a fresh database, dropped afterwards
  --duration SECONDS   per measured phase (default 20)
  --rate N             webhooks/s of the fixed-rate phase (default 500)
  --connections N      connections of the fixed-rate phase, and the fewest that saturation
                       probes (N, 2N, 4N and 8N; default 32)
  --help               this text

Needs local PostgreSQL (postgres://postgres@127.0.0.1:5432) with /usr/bin/pgbench, and Redis
(${REDIS_URL}).`;

const RAW_FASTIFY_ENTRY_POINT = fileURLToPath(new URL('./raw-fastify.server.js', import.meta.url));
/** JIT, connection pools and TCP connections settle before anything is recorded. */
const WARM_UP_SECONDS = 3;
/**
 * Closed loop, throughput is connections divided by latency, and an api's latency includes the
 * wait for its group commit: too few connections leave the cores idle and measure that wait, not
 * saturation. So each saturation phase first tries these multiples of --connections briefly and
 * is measured with the count that sustained the most.
 */
const SATURATION_PROBE_FACTORS = [1, 2, 4, 8];
const PROBE_SECONDS = 5;
/** The api enqueues after each inbox statement, and it keeps two of those in flight. */
const QUEUE_BULKS_IN_FLIGHT = 2;

interface BenchOptions {
  target?: string;
  durationSeconds: number;
  ratePerSecond: number;
  connections: number;
}

function parseOptions(): BenchOptions | undefined {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      duration: { type: 'string', default: '20' },
      rate: { type: 'string', default: '500' },
      connections: { type: 'string', default: '32' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  return {
    target: targetOption(values.target),
    durationSeconds: positiveInteger('duration', values.duration),
    ratePerSecond: positiveInteger('rate', values.rate),
    connections: positiveInteger('connections', values.connections),
  };
}

function reportPhase(result: LoadResult): void {
  console.log(`  ${Math.round(result.acknowledgedPerSecond)}/s, ${latencySummary(result)}`);
}

/** One signed webhook before any load: a wrong secret or a broken target fails here, with its answer. */
async function assertAccepts(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}${LIVECHAT_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedIncomingEventBody(),
  });
  if (!response.ok) {
    throw new Error(
      `${baseUrl}${LIVECHAT_WEBHOOK_PATH} answered ${response.status} to a webhook signed with ` +
        `${DEMO_LIVECHAT_SECRET}: ${await response.text()}`,
    );
  }
}

async function saturate(
  phase: string,
  baseUrl: string,
  connections: number,
  durationSeconds: number,
): Promise<LoadResult> {
  const result = await runSaturation({
    baseUrl,
    path: LIVECHAT_WEBHOOK_PATH,
    connections,
    durationSeconds,
    nextBody: signedIncomingEventBody,
  });
  assertEveryRequestAcknowledged(phase, result);
  return result;
}

/** The connection count that sustained the most, and every probe's rate. */
async function probeSaturation(
  phase: string,
  baseUrl: string,
  fewestConnections: number,
): Promise<{ connections: number; probes: SaturationProbe[]; acknowledged: number }> {
  const probes: SaturationProbe[] = [];
  let acknowledged = 0;
  for (const factor of SATURATION_PROBE_FACTORS) {
    const connections = fewestConnections * factor;
    const result = await saturate(`${phase} probe`, baseUrl, connections, PROBE_SECONDS);
    probes.push({ connections, perSecond: result.acknowledgedPerSecond });
    acknowledged += result.acknowledged;
  }
  const best = probes.reduce((most, probe) => (probe.perSecond > most.perSecond ? probe : most));
  console.log(`  ${probeSummary(probes)}: saturating with ${best.connections}`);
  return { connections: best.connections, probes, acknowledged };
}

/** The api under test and what reads its /metrics. */
interface ApiUnderTest {
  baseUrl: string;
  metricsToken: string | undefined;
  /** Only for the bench's own api; a --target's CPU time counts with the rest of the box. */
  pid?: number;
}

async function startOwnApi(
  database: BenchDatabase,
  logDirectory: string,
  teardown: Teardown,
): Promise<ApiUnderTest> {
  const { redisPrefix, metricsToken, environment } = ownInstallation(database.url, teardown);
  const api = new BenchProcess(
    'api',
    API_ENTRY_POINT,
    await freePort(),
    join(logDirectory, 'api.log'),
    environment,
  );
  // No worker runs, so every webhook's job waits in Redis: the bench measures the hand-off to the
  // queue, not processing, which would compete for the same cores.
  teardown.add('stop the api', () => api.stop());
  announce(`starting the api (${API_ENTRY_POINT}) on ${api.baseUrl}, Redis prefix ${redisPrefix}`);
  api.start(REPOSITORY_ROOT);
  await api.healthy();
  return { baseUrl: api.baseUrl, metricsToken, pid: api.pid };
}

async function measureRawFastify(
  options: BenchOptions,
  logDirectory: string,
  teardown: Teardown,
): Promise<{ result: LoadResult; cpu: PhaseCpu; probes: SaturationProbe[] }> {
  const { connections, durationSeconds } = options;
  const server = new BenchProcess(
    'raw Fastify',
    RAW_FASTIFY_ENTRY_POINT,
    await freePort(),
    join(logDirectory, 'raw-fastify.log'),
    {},
  );
  teardown.add('stop the raw Fastify server', () => server.stop());
  server.start(REPOSITORY_ROOT);
  await server.healthy();
  announce(
    `(b) raw Fastify: warm-up ${WARM_UP_SECONDS} s, probes of ${PROBE_SECONDS} s, then saturation for ${durationSeconds} s`,
  );
  await saturate('(b) warm-up', server.baseUrl, connections, WARM_UP_SECONDS);
  const saturating = await probeSaturation('(b)', server.baseUrl, connections);
  const meter = CpuMeter.start([runningProcess('raw Fastify', server.pid), THIS_PROCESS]);
  const result = await saturate('(b) raw Fastify', server.baseUrl, saturating.connections, durationSeconds);
  const cpu = meter.stop(result.acknowledgedPerSecond);
  reportPhase(result);
  await server.stop();
  return { result, cpu, probes: saturating.probes };
}

interface ApiResults {
  fixedRate: LoadResult;
  saturation: LoadResult;
  saturationCpu: PhaseCpu;
  saturationProbes: SaturationProbe[];
  /** Mean webhooks per inbox statement at saturation (the api's group commit). */
  webhooksPerStatement: number;
  /** Across every phase, warm-up included. */
  acknowledged: number;
}

async function measureApi(
  { baseUrl: apiUrl, metricsToken, pid }: ApiUnderTest,
  options: BenchOptions,
  database: BenchDatabase,
): Promise<ApiResults> {
  const { connections, durationSeconds, ratePerSecond } = options;
  announce(`(a) api warm-up: saturation for ${WARM_UP_SECONDS} s`);
  await database.checkpoint();
  const warmUp = await saturate('(a) warm-up', apiUrl, connections, WARM_UP_SECONDS);

  announce(`(a) api at a fixed ${ratePerSecond} webhooks/s for ${durationSeconds} s`);
  await database.checkpoint();
  const fixedRate = await runAtFixedRate({
    url: `${apiUrl}${LIVECHAT_WEBHOOK_PATH}`,
    ratePerSecond,
    durationSeconds,
    connections,
    nextBody: signedIncomingEventBody,
  });
  assertEveryRequestAcknowledged('(a) fixed rate', fixedRate);
  reportPhase(fixedRate);

  announce(`(a) api: saturation probes of ${PROBE_SECONDS} s`);
  const saturating = await probeSaturation('(a)', apiUrl, connections);
  announce(`(a) api at saturation with ${saturating.connections} connections for ${durationSeconds} s`);
  await database.checkpoint();
  const countersBefore = await readStatementSizeCounters(apiUrl, metricsToken);
  const consumers: CpuConsumer[] = [POSTGRES, REDIS, THIS_PROCESS];
  const meter = CpuMeter.start(pid === undefined ? consumers : [runningProcess('api', pid), ...consumers]);
  const saturation = await saturate('(a) saturation', apiUrl, saturating.connections, durationSeconds);
  const saturationCpu = meter.stop(saturation.acknowledgedPerSecond);
  const webhooksPerStatement = meanStatementSize(
    countersBefore,
    await readStatementSizeCounters(apiUrl, metricsToken),
  );
  reportPhase(saturation);
  console.log(`  ${webhooksPerStatement.toFixed(1)} webhooks per inbox statement (group commit)`);
  return {
    fixedRate,
    saturation,
    saturationCpu,
    saturationProbes: saturating.probes,
    webhooksPerStatement,
    acknowledged:
      warmUp.acknowledged + fixedRate.acknowledged + saturating.acknowledged + saturation.acknowledged,
  };
}

/** The api's promise: 200 only after the commit. Rows of requests cut off at a phase's end may exceed it. */
async function assertStored(
  database: BenchDatabase,
  acknowledged: number,
): Promise<{ acknowledged: number; stored: number }> {
  const stored = await database.countWebhookEvents(INCOMING_EVENT_KEY_PREFIX);
  if (stored < acknowledged) {
    throw new Error(`${acknowledged} webhooks were acknowledged but only ${stored} are stored`);
  }
  return { acknowledged, stored };
}

/**
 * The api's statement from as many clients as the api has database connections, with
 * `webhooksPerStatement` webhooks each: the most PostgreSQL does with that SQL.
 */
async function runInboxPgbench(
  options: BenchOptions,
  database: BenchDatabase,
  webhooksPerStatement: number,
): Promise<PgbenchResult> {
  await database.checkpoint();
  const clients = DATABASE_POOL_SIZE;
  const result = await runPgbench({
    webhooksPerStatement,
    databaseUrl: database.url,
    clients,
    threads: Math.min(clients, cpus().length),
    durationSeconds: options.durationSeconds,
    eventKeyPrefix: INCOMING_EVENT_KEY_PREFIX,
    rawBody: storedIncomingEventBody(),
  });
  console.log(
    `  ${Math.round(result.webhooksPerSecond)} webhooks/s (${Math.round(result.transactionsPerSecond)} tps ` +
      `from ${clients} clients), average ${result.latencyAverageMs} ms`,
  );
  return result;
}

/**
 * (c) at the api's own batch size, the baseline; (c′) one webhook per statement, for reference:
 * what the database would allow without group commit.
 */
async function measureDatabase(
  options: BenchOptions,
  database: BenchDatabase,
  webhooksPerStatement: number,
): Promise<{ pgbench: PgbenchResult; pgbenchCpu: PhaseCpu; pgbenchUnbatched: PgbenchResult }> {
  announce(
    `(c) pgbench, the api's SQL with ${webhooksPerStatement} webhooks per statement, for ${options.durationSeconds} s`,
  );
  const meter = CpuMeter.start([POSTGRES, PGBENCH]);
  const pgbench = await runInboxPgbench(options, database, webhooksPerStatement);
  const pgbenchCpu = meter.stop(pgbench.webhooksPerSecond);
  announce(`(c′) pgbench, the api's SQL with one webhook per statement, for ${options.durationSeconds} s`);
  const pgbenchUnbatched = await runInboxPgbench(options, database, 1);
  return { pgbench, pgbenchCpu, pgbenchUnbatched };
}

/**
 * (d): what Redis spends per job on the enqueue every webhook needs, in the api's batches. Only
 * Redis's share enters the CPU bound: the client's part is the api's own work, as pgbench's is.
 */
async function measureQueue(
  options: BenchOptions,
  jobsPerBulk: number,
  teardown: Teardown,
): Promise<{ queue: QueueBaselineResult; queueCpu: PhaseCpu }> {
  announce(
    `(d) the queue alone: the api's jobs, ${jobsPerBulk} per addBulk, ${QUEUE_BULKS_IN_FLIGHT} in flight, ` +
      `for ${options.durationSeconds} s`,
  );
  const meter = CpuMeter.start([REDIS, { ...THIS_PROCESS, name: 'BullMQ client' }]);
  const queue = await runQueueBaseline(
    { durationSeconds: options.durationSeconds, jobsPerBulk, inFlight: QUEUE_BULKS_IN_FLIGHT },
    teardown,
  );
  const queueCpu = meter.stop(queue.jobsPerSecond);
  console.log(
    `  ${Math.round(queue.jobsPerSecond)} jobs/s, average ${queue.bulkLatencyAverageMs.toFixed(2)} ms per addBulk`,
  );
  return { queue, queueCpu };
}

async function measure(options: BenchOptions, logDirectory: string, teardown: Teardown): Promise<IngestRun> {
  const startedAt = new Date();
  const machine = describeMachine(await postgresVersion(), await redisVersion());
  console.log(
    `${machine.cores} cores, load average ${loadAverageOf(machine)}; ` +
      `${options.durationSeconds} s per phase, ${options.connections} connections`,
  );

  announce('creating and migrating a fresh database');
  const database = await BenchDatabase.create();
  teardown.add(`drop the database ${database.name}`, () => database.drop());
  await database.migrate();
  const apiUnderTest = options.target
    ? { baseUrl: options.target, metricsToken: process.env['METRICS_TOKEN'] }
    : await startOwnApi(database, logDirectory, teardown);
  await assertAccepts(apiUnderTest.baseUrl);

  const {
    result: rawFastify,
    cpu: rawFastifyCpu,
    probes: rawFastifyProbes,
  } = await measureRawFastify(options, logDirectory, teardown);
  const api = await measureApi(apiUnderTest, options, database);
  // Only rows of the bench's own database can be counted; the probe webhook is one more.
  const durability = options.target ? undefined : await assertStored(database, api.acknowledged + 1);
  const webhooksPerStatement = Math.round(api.webhooksPerStatement);
  const { pgbench, pgbenchCpu, pgbenchUnbatched } = await measureDatabase(
    options,
    database,
    webhooksPerStatement,
  );
  const { queue, queueCpu } = await measureQueue(options, webhooksPerStatement, teardown);

  return {
    startedAt,
    machine,
    api: options.target ?? 'its own, started by the bench',
    ratePerSecond: options.ratePerSecond,
    durationSeconds: options.durationSeconds,
    warmUpSeconds: WARM_UP_SECONDS,
    fixedRate: api.fixedRate,
    saturation: api.saturation,
    saturationProbes: { api: api.saturationProbes, rawFastify: rawFastifyProbes, seconds: PROBE_SECONDS },
    webhooksPerStatement: api.webhooksPerStatement,
    rawFastify,
    pgbench,
    pgbenchUnbatched,
    queue,
    cpu: { api: api.saturationCpu, rawFastify: rawFastifyCpu, pgbench: pgbenchCpu, queue: queueCpu },
    durability,
  };
}

runBench({
  name: 'ingest',
  usage: USAGE,
  parseOptions,
  measure,
  summaryLines,
  writeReport: (run) => writePerformanceSection(PERFORMANCE_DOC, run),
});
