import 'reflect-metadata';
import type { Role } from '@ccp/contracts';
import { jwtSecretOf, readConfigFromEnvironment, ringcentralVerificationTokenOf } from '@ccp/server-platform';
import { freePort, RINGCENTRAL_WEBHOOK_PATH, ringCentralDelivery } from '@ccp/server-testing';
import { JwtService } from '@nestjs/jwt';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { AgentSockets } from './agent-sockets';
import { AnnouncementBaseline } from './announcement-baseline';
import { BenchDatabase, postgresVersion } from './bench-database';
import { BenchProcess, REPOSITORY_ROOT } from './bench-process';
import { REDIS_URL, redisVersion } from './bench-redis';
import { describeMachine, integer, loadAverageOf, PERFORMANCE_DOC, percentileSummary } from './bench-report';
import { removeRoster, seedRoster, type BenchUser } from './bench-roster';
import { announce, positiveInteger, runBench, targetOption, Teardown } from './bench-run';
import {
  API_ENTRY_POINT,
  DEMO_RINGCENTRAL_TOKEN,
  ownInstallation,
  WORKER_ENTRY_POINT,
} from './bench-servers';
import { runAtFixedRate } from './fixed-rate-load';
import { cpuSeconds, openFilesLimit, peakResidentSetKiB, residentSetKiB } from './linux-process';
import { percentilesOf, type LoadResult } from './load-result';
import { PhoneToggles, type DeliveryTally } from './phone-toggles';
import {
  REALTIME_DEFAULTS,
  summaryLines,
  writePerformanceSection,
  type MemoryReadings,
  type ProcessCpu,
  type RealtimeRun,
  type WebhookPathResult,
} from './realtime-report';

/** Files each process needs besides its sockets: database and Redis connections, logs, libraries. */
const OPEN_FILES_HEADROOM = 512;

const USAGE = `Usage: npm run bench:realtime -- [options]

Connects N agent sockets, sends RingCentral presence webhooks at a fixed rate, each putting a
random agent on a call or off it, and measures webhook → agent:status_changed latency on the
agent's socket, next to an announcement's latency to all sockets (the transport baseline) and the
api's resident memory per socket; writes docs/PERFORMANCE.md.

Options:
  --sockets N          connected agent sockets (default ${REALTIME_DEFAULTS.sockets})
  --rate N             webhooks/s (default ${REALTIME_DEFAULTS.ratePerSecond})
  --duration SECONDS   of the measured webhook phase (default ${REALTIME_DEFAULTS.durationSeconds})
  --target URL         an api that is already running, with its worker; the shell's DATABASE_URL,
                       JWT_SECRET and RINGCENTRAL_VERIFICATION_TOKEN must be the target's. Its memory
                       cannot be read. Default: start an api and a worker on a fresh database.
  --help               this text

Needs local PostgreSQL (postgres://postgres@127.0.0.1:5432), Redis (${REDIS_URL}) and an
open-file limit (ulimit -n) of at least the socket count + ${OPEN_FILES_HEADROOM}.`;

/** Handshakes in flight at once: enough to connect quickly, few enough not to time out on 2 cores. */
const CONNECT_CONCURRENCY = 50;
/** The webhook load generator's keep-alive connections, as bench:ingest's default. */
const WEBHOOK_CONNECTIONS = 32;
/** JIT, pools and the worker's queue settle at the measured rate before anything is recorded. */
const WARM_UP_SECONDS = 3;
const ANNOUNCEMENTS = 10;
/**
 * A memory reading is taken once the api's resident set has settled (start-up or handshake garbage
 * collected): it moved less than this fraction over one sampling interval, or the deadline passed.
 */
const RSS_SETTLED_CHANGE = 0.01;
const RSS_SAMPLE_MS = 1_000;
const RSS_SETTLE_DEADLINE_MS = 15_000;
/** After the last webhook: events still arriving are waited for; this long without one ends the wait. */
const DRAIN_QUIET_MS = 10_000;
/** During the load: no event for this long while changes are in flight means the path is broken. */
const STALL_MS = 30_000;
const PROBE_TIMEOUT_MS = 30_000;

interface BenchOptions {
  target?: string;
  sockets: number;
  ratePerSecond: number;
  durationSeconds: number;
}

function parseOptions(): BenchOptions | undefined {
  const { values } = parseArgs({
    options: {
      sockets: { type: 'string', default: String(REALTIME_DEFAULTS.sockets) },
      rate: { type: 'string', default: String(REALTIME_DEFAULTS.ratePerSecond) },
      duration: { type: 'string', default: String(REALTIME_DEFAULTS.durationSeconds) },
      target: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  return {
    target: targetOption(values.target),
    sockets: positiveInteger('sockets', values.sockets),
    ratePerSecond: positiveInteger('rate', values.rate),
    durationSeconds: positiveInteger('duration', values.duration),
  };
}

/** A socket needs a file descriptor here and one in the api; running out mid-connect would hang. */
function assertOpenFilesLimit(sockets: number): void {
  const { soft, hard } = openFilesLimit();
  const needed = sockets + OPEN_FILES_HEADROOM;
  if (soft >= needed) return;
  const raise =
    hard >= needed
      ? `run \`ulimit -n ${needed}\` in this shell first`
      : `the hard limit is ${hard}, so raise it first (e.g. /etc/security/limits.conf or systemd's LimitNOFILE), then \`ulimit -n ${needed}\``;
  throw new Error(
    `${integer.format(sockets)} sockets need an open-file limit of at least ${needed}, but \`ulimit -n\` is ${soft}: ` +
      `${raise}, or pass a smaller --sockets.`,
  );
}

/** Where the bench sends its load, and what it must know of that installation's secrets. */
interface Installation {
  baseUrl: string;
  databaseUrl: string;
  jwtSecret: string;
  verificationToken: string;
  /** Only for servers the bench started itself: their memory and logs are readable. */
  api?: BenchProcess;
  worker?: BenchProcess;
}

async function startOwnInstallation(logDirectory: string, teardown: Teardown): Promise<Installation> {
  announce('creating and migrating a fresh database');
  const database = await BenchDatabase.create();
  teardown.add(`drop the database ${database.name}`, () => database.drop());
  await database.migrate();

  const { redisPrefix, jwtSecret, environment } = ownInstallation(database.url, teardown);
  const api = new BenchProcess(
    'api',
    API_ENTRY_POINT,
    await freePort(),
    join(logDirectory, 'api.log'),
    environment,
  );
  // The worker serves no HTTP; it gets a port only because every BenchProcess has one.
  const worker = new BenchProcess(
    'worker',
    WORKER_ENTRY_POINT,
    await freePort(),
    join(logDirectory, 'worker.log'),
    environment,
  );
  teardown.add('stop the worker', () => worker.stop());
  teardown.add('stop the api', () => api.stop());
  announce(`starting the api on ${api.baseUrl} and the worker, Redis prefix ${redisPrefix}`);
  api.start(REPOSITORY_ROOT);
  worker.start(REPOSITORY_ROOT);
  await Promise.all([api.healthy(), worker.logged('worker started')]);
  return {
    baseUrl: api.baseUrl,
    databaseUrl: database.url,
    jwtSecret,
    verificationToken: DEMO_RINGCENTRAL_TOKEN,
    api,
    worker,
  };
}

/**
 * The target's settings as the api itself reads them from the environment. A target that does not
 * answer fails here with one message, rather than as the first of N socket errors.
 */
async function targetInstallation(target: string): Promise<Installation> {
  const answer = await fetch(`${target}/health`, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.status,
    (error: unknown) => error as Error,
  );
  if (answer !== 200) {
    const problem =
      answer instanceof Error
        ? `cannot be reached (${answer.cause instanceof Error ? answer.cause.message : answer.message})`
        : `answered ${answer}`;
    throw new Error(`${target}/health ${problem}. Start the api and its worker, or leave out --target.`);
  }
  const config = readConfigFromEnvironment();
  const verificationToken = ringcentralVerificationTokenOf(config);
  if (verificationToken === undefined) {
    throw new Error('Set RINGCENTRAL_VERIFICATION_TOKEN to the target’s: the bench must sign its webhooks.');
  }
  return {
    baseUrl: target,
    databaseUrl: config.DATABASE_URL,
    jwtSecret: jwtSecretOf(config),
    verificationToken,
  };
}

/** The headers RingCentral sends with every notification, whatever its body. */
function ringCentralHeaders(verificationToken: string): Record<string, string> {
  return ringCentralDelivery({}, verificationToken).headers;
}

function tokenSigner(secret: string): (user: BenchUser) => string {
  const jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', expiresIn: '2h' } });
  // The claims AuthService puts into a token at login.
  return (user) =>
    jwt.sign<{ sub: string; name: string; role: Role; team: null }>({
      sub: user.userId,
      name: user.name,
      role: user.role,
      team: null,
    });
}

async function settledResidentSetKiB(api: BenchProcess | undefined): Promise<number | undefined> {
  const pid = api?.pid;
  if (pid === undefined) return undefined;
  const deadline = performance.now() + RSS_SETTLE_DEADLINE_MS;
  let previous = Number.POSITIVE_INFINITY;
  let current = residentSetKiB(pid);
  while (Math.abs(current - previous) > previous * RSS_SETTLED_CHANGE && performance.now() < deadline) {
    await delay(RSS_SAMPLE_MS);
    previous = current;
    current = residentSetKiB(pid);
  }
  return current;
}

async function connectSockets(sockets: AgentSockets, tokens: string[]): Promise<void> {
  announce(
    `connecting ${integer.format(tokens.length)} agent sockets, ${CONNECT_CONCURRENCY} handshakes at a time`,
  );
  const started = performance.now();
  const progress = setInterval(
    () => console.log(`  ${integer.format(sockets.connected)} / ${integer.format(tokens.length)} connected`),
    1_000,
  );
  try {
    await sockets.connectAll(tokens, CONNECT_CONCURRENCY);
  } finally {
    clearInterval(progress);
  }
  console.log(
    `  all ${integer.format(tokens.length)} connected in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

function logTails(installation: Installation): string {
  const servers = [installation.api, installation.worker].filter((server) => server !== undefined);
  return servers.map((server) => `\n--- ${server.name} ---\n${server.logTail()}`).join('');
}

/** Prints a line a second and notices when events stop arriving. */
class PhaseProgress {
  private readonly started = performance.now();
  private lastDelivered = 0;
  private lastDeliveryAt = performance.now();
  private readonly ticker: NodeJS.Timeout;
  private rejectStalled: (error: Error) => void = () => undefined;
  private readonly stalled = new Promise<never>((_, reject) => (this.rejectStalled = reject));

  constructor(private readonly tally: DeliveryTally) {
    // Only guard() awaits it; a stall noticed after the guarded work has settled must not crash.
    this.stalled.catch(() => undefined);
    this.ticker = setInterval(() => {
      this.notice();
      console.log(
        `  ${Math.round((performance.now() - this.started) / 1000)} s: sent ${integer.format(tally.sent)}, ` +
          `delivered ${integer.format(tally.delivered)}, in flight ${integer.format(tally.inFlight)}` +
          (tally.heldBack > 0 ? `, held back ${integer.format(tally.heldBack)}` : ''),
      );
      if (tally.inFlight > 0 && this.quietForMs() > STALL_MS) {
        this.rejectStalled(
          new Error(
            `no agent:status_changed arrived for ${STALL_MS / 1000} s while ${tally.inFlight} were due`,
          ),
        );
      }
    }, 1_000);
  }

  /** Rejects if the path stalls before `work` settles. */
  async guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stalled]);
  }

  quietForMs(): number {
    this.notice();
    return performance.now() - this.lastDeliveryAt;
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  private notice(): void {
    if (this.tally.delivered === this.lastDelivered) return;
    this.lastDelivered = this.tally.delivered;
    this.lastDeliveryAt = performance.now();
  }
}

interface WebhookPhase {
  tally: DeliveryTally;
  acknowledgement: LoadResult;
}

async function sendWebhooks(
  installation: Installation,
  toggles: PhoneToggles,
  ratePerSecond: number,
  durationSeconds: number,
): Promise<WebhookPhase> {
  const tally = toggles.startPhase();
  const progress = new PhaseProgress(tally);
  try {
    const acknowledgement = await progress.guard(
      runAtFixedRate({
        url: `${installation.baseUrl}${RINGCENTRAL_WEBHOOK_PATH}`,
        ratePerSecond,
        durationSeconds,
        connections: WEBHOOK_CONNECTIONS,
        headers: ringCentralHeaders(installation.verificationToken),
        nextBody: toggles.nextBody,
      }),
    );
    while (tally.inFlight > 0 && progress.quietForMs() < DRAIN_QUIET_MS) await delay(20);
    return { tally, acknowledgement };
  } catch (error) {
    throw new Error(`${(error as Error).message}${logTails(installation)}`, { cause: error });
  } finally {
    progress.stop();
  }
}

function describePhase({ tally, acknowledgement }: WebhookPhase): string {
  const missing = tally.inFlight > 0 ? `, ${integer.format(tally.inFlight)} MISSING` : '';
  return (
    `  delivered ${integer.format(tally.delivered)} of ${integer.format(tally.sent)}${missing}; ` +
    `webhook → socket ${percentileSummary(percentilesOf(tally.latenciesMs))}; ` +
    `acknowledgement ${percentileSummary(acknowledgement.latencyMs)}`
  );
}

/**
 * One webhook end to end before any load: a wrong token, a worker that is not running or events
 * that never reach the socket fail here, with the servers' output, instead of as a void run.
 */
async function probe(installation: Installation, toggles: PhoneToggles): Promise<void> {
  announce('probe: one presence webhook, until its event reaches the agent’s socket');
  const tally = toggles.startPhase();
  const body = toggles.nextBody(performance.now());
  if (body === undefined) throw new Error('no agent to probe with');
  const response = await fetch(`${installation.baseUrl}${RINGCENTRAL_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: ringCentralHeaders(installation.verificationToken),
    body,
  });
  if (!response.ok) {
    throw new Error(
      `${RINGCENTRAL_WEBHOOK_PATH} answered ${response.status} to a presence webhook: ${await response.text()}`,
    );
  }
  const deadline = performance.now() + PROBE_TIMEOUT_MS;
  while (tally.delivered === 0 && performance.now() < deadline) await delay(10);
  if (tally.delivered === 0) {
    throw new Error(
      `the probe webhook was acknowledged, but no agent:status_changed reached its socket within ` +
        `${PROBE_TIMEOUT_MS / 1000} s${tally.unexpected > 0 ? ` (${tally.unexpected} unexpected events did)` : ''}: ` +
        `is the worker running against the same database and Redis prefix?${logTails(installation)}`,
    );
  }
  console.log(`  delivered in ${Math.round(tally.latenciesMs[0] ?? 0)} ms`);
}

/** The processes whose CPU the bench can read: its own, and the servers it started. */
function meteredProcesses(installation: Installation): { process: string; pid: number }[] {
  const servers = [installation.api, installation.worker].flatMap((server) =>
    server?.pid === undefined ? [] : [{ process: server.name, pid: server.pid }],
  );
  return [...servers, { process: 'bench', pid: process.pid }];
}

function webhookPathResult({ tally, acknowledgement }: WebhookPhase): WebhookPathResult {
  return {
    sent: tally.sent,
    delivered: tally.delivered,
    unexpected: tally.unexpected,
    heldBack: tally.heldBack,
    longestHoldMs: tally.longestHoldMs,
    latencyMs: percentilesOf(tally.latenciesMs),
    acknowledgement,
  };
}

/** A warm-up that is not counted, then the measured phase with the CPU each process spent on it. */
async function measureWebhookPath(
  installation: Installation,
  toggles: PhoneToggles,
  { ratePerSecond, durationSeconds }: BenchOptions,
): Promise<{ measured: WebhookPhase; measuredSeconds: number; cpu: ProcessCpu[] }> {
  announce(`warm-up: ${integer.format(ratePerSecond)} webhooks/s for ${WARM_UP_SECONDS} s`);
  console.log(describePhase(await sendWebhooks(installation, toggles, ratePerSecond, WARM_UP_SECONDS)));

  announce(`${integer.format(ratePerSecond)} webhooks/s for ${durationSeconds} s`);
  const cpuBefore = meteredProcesses(installation).map((metered) => ({
    ...metered,
    used: cpuSeconds(metered.pid),
  }));
  const measuredFrom = performance.now();
  const measured = await sendWebhooks(installation, toggles, ratePerSecond, durationSeconds);
  const measuredSeconds = (performance.now() - measuredFrom) / 1000;
  const cpu = cpuBefore.map(({ process, pid, used }): ProcessCpu => ({
    process,
    seconds: cpuSeconds(pid) - used,
  }));
  console.log(describePhase(measured));
  return { measured, measuredSeconds, cpu };
}

async function measure(
  options: BenchOptions,
  logDirectory: string,
  teardown: Teardown,
): Promise<RealtimeRun> {
  const startedAt = new Date();
  const machine = describeMachine(await postgresVersion(), await redisVersion());
  console.log(
    `${machine.cores} cores, load average ${loadAverageOf(machine)}; ${integer.format(options.sockets)} sockets, ` +
      `${integer.format(options.ratePerSecond)} webhooks/s for ${options.durationSeconds} s`,
  );
  assertOpenFilesLimit(options.sockets);

  const installation = options.target
    ? await targetInstallation(options.target)
    : await startOwnInstallation(logDirectory, teardown);
  announce(`seeding ${integer.format(options.sockets)} agent users and agents`);
  const roster = await seedRoster(installation.databaseUrl, options.sockets);
  if (options.target) {
    teardown.add('remove the bench agents and users', () => removeRoster(installation.databaseUrl, roster));
  }
  const sign = tokenSigner(installation.jwtSecret);
  const tokens = roster.agents.map((agent) =>
    sign({ userId: agent.userId, name: agent.name, role: 'agent' }),
  );

  const { api } = installation;
  if (api) announce('api RSS before any socket, once it has settled');
  const beforeSocketsKiB = await settledResidentSetKiB(api);

  const toggles = new PhoneToggles(roster.agents);
  const baseline = new AnnouncementBaseline();
  const sockets = new AgentSockets(installation.baseUrl, {
    statusChanged: toggles.statusChanged,
    announcement: baseline.announcement,
  });
  teardown.add('close the sockets', async () => sockets.close());
  await connectSockets(sockets, tokens);
  const afterSocketsKiB = await settledResidentSetKiB(api);

  await probe(installation, toggles);

  announce(`baseline: ${ANNOUNCEMENTS} announcements to all ${integer.format(options.sockets)} sockets`);
  const announcements = await baseline.measure({
    baseUrl: installation.baseUrl,
    token: sign(roster.supervisor),
    count: ANNOUNCEMENTS,
    recipients: options.sockets,
  });
  console.log(
    `  delivered ${integer.format(announcements.delivered)} of ${integer.format(ANNOUNCEMENTS * options.sockets)}; ` +
      percentileSummary(announcements.latencyMs),
  );

  const { measured, measuredSeconds, cpu } = await measureWebhookPath(installation, toggles, options);

  const memory: MemoryReadings | undefined =
    api?.pid !== undefined && beforeSocketsKiB !== undefined && afterSocketsKiB !== undefined
      ? {
          beforeSocketsKiB,
          afterSocketsKiB,
          afterLoadKiB: residentSetKiB(api.pid),
          peakKiB: peakResidentSetKiB(api.pid),
        }
      : undefined;
  return {
    startedAt,
    machine,
    api: options.target ?? 'its own, with its own worker, started by the bench',
    sockets: options.sockets,
    ratePerSecond: options.ratePerSecond,
    durationSeconds: options.durationSeconds,
    warmUpSeconds: WARM_UP_SECONDS,
    webhooks: webhookPathResult(measured),
    measuredSeconds,
    cpu,
    announcements,
    droppedSockets: sockets.unexpectedDisconnects,
    memory,
  };
}

runBench({
  name: 'realtime',
  usage: USAGE,
  parseOptions,
  measure,
  summaryLines,
  writeReport: (run) => writePerformanceSection(PERFORMANCE_DOC, run),
});
