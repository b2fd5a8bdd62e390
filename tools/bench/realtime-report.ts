import type { AnnouncementResult } from './announcement-baseline';
import {
  integer,
  machineLine,
  ms,
  percentileSummary,
  perSecond,
  writeMarkedSection,
  type MachineInfo,
} from './bench-report';
import { rejectedCount, type LatencyPercentiles, type LoadResult } from './load-result';

export const REALTIME_DEFAULTS = { sockets: 2_000, ratePerSecond: 1_000, durationSeconds: 20 } as const;

const TARGETS = {
  p99Ms: 150,
  idleSockets: 10_000,
  residentSetKiB: 1024 * 1024,
} as const;

/** The api's resident memory (VmRSS), in KiB; only readable for the api the bench started itself. */
export interface MemoryReadings {
  beforeSocketsKiB: number;
  afterSocketsKiB: number;
  afterLoadKiB: number;
  /** VmHWM: the most it held at any moment of the run. */
  peakKiB: number;
}

export interface WebhookPathResult {
  sent: number;
  delivered: number;
  unexpected: number;
  heldBack: number;
  longestHoldMs: number;
  /** Webhook due → `agent:status_changed` received on the agent's socket. */
  latencyMs: LatencyPercentiles;
  /** The same webhooks' HTTP answers, timed from the same due time. */
  acknowledgement: LoadResult;
}

/** CPU a process used from the first webhook of the measured phase until its last event arrived. */
export interface ProcessCpu {
  process: string;
  seconds: number;
}

export interface RealtimeRun {
  startedAt: Date;
  machine: MachineInfo;
  /** "its own …" or the --target URL. */
  api: string;
  sockets: number;
  ratePerSecond: number;
  durationSeconds: number;
  warmUpSeconds: number;
  webhooks: WebhookPathResult;
  /** Wall time of the measured phase, its wait for the last events included. */
  measuredSeconds: number;
  /** The api and worker only when the bench started them; the bench itself always. */
  cpu: ProcessCpu[];
  announcements: AnnouncementResult;
  /** Sockets the api closed during the run; each one's later events are lost to it. */
  droppedSockets: number;
  memory?: MemoryReadings;
}

interface Verdict {
  result: 'PASS' | 'MISS' | 'NOT MEASURED';
  target: string;
  measured: string;
}

const passOrMiss = (passed: boolean): Verdict['result'] => (passed ? 'PASS' : 'MISS');

const mebibytes = (kib: number): string =>
  `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(kib / 1024)} MiB`;

function perSocketKiB(run: RealtimeRun, memory: MemoryReadings): number {
  return (memory.afterSocketsKiB - memory.beforeSocketsKiB) / run.sockets;
}

/** The baseline plus the measured cost per socket, times the target's socket count. */
function projectedKiB(run: RealtimeRun, memory: MemoryReadings): number {
  return memory.beforeSocketsKiB + TARGETS.idleSockets * perSocketKiB(run, memory);
}

function missing(run: RealtimeRun): number {
  return run.webhooks.sent - run.webhooks.delivered;
}

function verdicts(run: RealtimeRun): Verdict[] {
  const { webhooks, memory } = run;
  const atDefaults =
    run.ratePerSecond === REALTIME_DEFAULTS.ratePerSecond && run.sockets === REALTIME_DEFAULTS.sockets;
  const measuredAt = atDefaults
    ? ''
    : ` (measured at ${integer.format(run.ratePerSecond)}/s, ${integer.format(run.sockets)} sockets)`;
  const rejected = rejectedCount(webhooks.acknowledgement);
  const { unanswered } = webhooks.acknowledgement;
  const memoryTarget = `${integer.format(TARGETS.idleSockets)} idle sockets ≤ 1 GiB api RSS`;
  const memoryVerdict: Verdict = memory
    ? {
        result: passOrMiss(projectedKiB(run, memory) <= TARGETS.residentSetKiB),
        target: memoryTarget,
        measured:
          mebibytes(projectedKiB(run, memory)) +
          (run.sockets === TARGETS.idleSockets ? '' : ` (extrapolated from ${integer.format(run.sockets)})`),
      }
    : { result: 'NOT MEASURED', target: memoryTarget, measured: 'the bench did not start the --target api' };
  return [
    {
      result: passOrMiss(webhooks.latencyMs.p99 <= TARGETS.p99Ms),
      target: `webhook → socket p99 ≤ ${TARGETS.p99Ms} ms at ${integer.format(REALTIME_DEFAULTS.ratePerSecond)}/s, ${integer.format(REALTIME_DEFAULTS.sockets)} sockets${measuredAt}`,
      measured: ms(webhooks.latencyMs.p99),
    },
    {
      result: passOrMiss(missing(run) === 0 && webhooks.unexpected === 0 && run.droppedSockets === 0),
      target: 'every event delivered, to its agent’s socket only',
      measured:
        `${integer.format(webhooks.delivered)} of ${integer.format(webhooks.sent)}` +
        (webhooks.unexpected > 0 ? `, ${integer.format(webhooks.unexpected)} unexpected` : '') +
        (run.droppedSockets > 0 ? `, ${integer.format(run.droppedSockets)} sockets dropped` : ''),
    },
    {
      result: passOrMiss(rejected + unanswered === 0),
      target: 'every webhook answered 2xx',
      measured: `${integer.format(rejected)} non-2xx, ${integer.format(unanswered)} unanswered`,
    },
    memoryVerdict,
  ];
}

interface Row {
  measurement: string;
  result: string;
  detail: string;
}

function latencyRows(run: RealtimeRun): Row[] {
  const { webhooks, announcements } = run;
  const acknowledgement = webhooks.acknowledgement;
  const held =
    webhooks.heldBack > 0
      ? `; only ${perSecond(acknowledgement.acknowledgedPerSecond)} could be sent: ${integer.format(webhooks.heldBack)} ` +
        `waited for an agent without a change in flight (longest ${ms(webhooks.longestHoldMs)})`
      : '';
  return [
    {
      measurement: `webhook → \`agent:status_changed\` on the agent's socket, ${perSecond(run.ratePerSecond)} for ${run.durationSeconds} s`,
      result: percentileSummary(webhooks.latencyMs),
      detail: `${integer.format(webhooks.delivered)} of ${integer.format(webhooks.sent)} delivered, ${integer.format(missing(run))} missing${held}`,
    },
    {
      measurement: `the same webhooks, HTTP acknowledgement${webhooks.heldBack > 0 ? ' (from the due time: includes the wait)' : ''}`,
      result: percentileSummary(acknowledgement.latencyMs),
      detail:
        `${perSecond(acknowledgement.acknowledgedPerSecond)} acknowledged, ${integer.format(rejectedCount(acknowledgement))} non-2xx, ` +
        `${integer.format(acknowledgement.unanswered)} unanswered, ≤ ${acknowledgement.connections} connections`,
    },
    {
      measurement: `baseline: announcement → all ${integer.format(announcements.recipients)} sockets, ${announcements.announcements} one after another`,
      result: percentileSummary(announcements.latencyMs),
      detail: `${integer.format(announcements.delivered)} of ${integer.format(announcements.announcements * announcements.recipients)} delivered`,
    },
  ];
}

/** Per delivered event, and as a share of the cores: which process the rate runs out of first. */
function cpuRow(run: RealtimeRun): Row {
  const perEvent = (seconds: number): string => ms((seconds * 1000) / run.webhooks.delivered);
  const cores = (seconds: number): string => (seconds / run.measuredSeconds).toFixed(2);
  return {
    measurement: 'CPU per delivered event (average cores busy) while webhooks were processed',
    result: run.cpu.map(({ process, seconds }) => `${process} ${perEvent(seconds)}`).join(', '),
    detail:
      run.cpu.map(({ process, seconds }) => `${process} ${cores(seconds)}`).join(', ') +
      ` of ${run.machine.cores} cores, over ${run.measuredSeconds.toFixed(0)} s`,
  };
}

function memoryRows(run: RealtimeRun): Row[] {
  const { memory } = run;
  if (!memory) {
    return [
      {
        measurement: 'api RSS',
        result: 'not measured',
        detail: 'the bench did not start the --target api, so it has no process to read',
      },
    ];
  }
  const sockets = integer.format(run.sockets);
  return [
    {
      measurement: 'api RSS before any socket (baseline)',
      result: mebibytes(memory.beforeSocketsKiB),
      detail: '',
    },
    {
      measurement: `api RSS with ${sockets} idle sockets`,
      result: mebibytes(memory.afterSocketsKiB),
      detail: `+${mebibytes(memory.afterSocketsKiB - memory.beforeSocketsKiB)}`,
    },
    {
      measurement: 'per socket',
      result: `${perSocketKiB(run, memory).toFixed(1)} KiB`,
      detail: `(with ${sockets} − baseline) / ${sockets}`,
    },
    {
      measurement: `${integer.format(TARGETS.idleSockets)} idle sockets`,
      result: mebibytes(projectedKiB(run, memory)),
      detail:
        run.sockets === TARGETS.idleSockets
          ? 'measured'
          : `baseline + ${integer.format(TARGETS.idleSockets)} × per socket (extrapolated)`,
    },
    {
      measurement: 'api RSS after the webhooks',
      result: mebibytes(memory.afterLoadKiB),
      detail: `peak ${mebibytes(memory.peakKiB)}`,
    },
  ];
}

function verdictLine(verdict: Verdict): string {
  return `${verdict.result}  ${verdict.target}: ${verdict.measured}`;
}

/** The terminal summary. */
export function summaryLines(run: RealtimeRun): string[] {
  const table = [...latencyRows(run), cpuRow(run), ...memoryRows(run)];
  const measurementWidth = Math.max(...table.map((row) => row.measurement.length));
  return [
    ...table.map((row) =>
      [row.measurement.padEnd(measurementWidth), row.result, row.detail]
        .filter((cell) => cell !== '')
        .join('   '),
    ),
    ...(run.droppedSockets > 0
      ? [`${run.droppedSockets} sockets were dropped by the api during the run`]
      : []),
    '',
    ...verdicts(run).map(verdictLine),
  ];
}

function markdownTable(rows: Row[]): string[] {
  return [
    '| Measurement | Result | Detail |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.measurement} | ${row.result} | ${row.detail} |`),
  ];
}

function markdownSection(run: RealtimeRun): string[] {
  return [
    '## Realtime delivery (`npm run bench:realtime`)',
    '',
    'How fast a vendor’s presence change reaches the agent’s console over Socket.IO, with many',
    'consoles connected, and what each connected console costs the api in memory. Not part of CI.',
    '',
    '```sh',
    'npm run bench:realtime                                   # 2,000 sockets, 1,000 webhooks/s for 20 s',
    'npm run bench:realtime -- --sockets 10000 --rate 500 --duration 10',
    'npm run bench:realtime -- --target http://127.0.0.1:3000 # an api (and worker) already running',
    '```',
    '',
    'It needs local PostgreSQL (`postgres://postgres@127.0.0.1:5432`) and Redis',
    '(`redis://127.0.0.1:6379`), and an open-file limit (`ulimit -n`) above the socket count plus',
    'some headroom: the bench stops with the number to set when it is lower. Without `--target` it',
    'creates a database, runs the migrations, starts `dist/server/apps/api/src/main.js` and',
    '`dist/server/apps/worker/src/main.js` as the production image does (`NODE_ENV=production`,',
    '`LOG_LEVEL=info`, a Redis prefix of its own), and afterwards drops the database and deletes the',
    'prefix’s keys. With `--target`, the shell’s environment must match the target’s (the bench',
    'reads `DATABASE_URL`, `JWT_SECRET` and `RINGCENTRAL_VERIFICATION_TOKEN` as the api does): the',
    'bench adds its users and agents to that database and removes them afterwards; the webhooks',
    'and events stay. The api’s memory cannot be read then.',
    '',
    '### What is measured, and why',
    '',
    '- **Setup**: N agent users and their mapped agents, inserted with SQL, no team, each signed in',
    '  with an idle phone; one Socket.IO client per agent (WebSocket transport, a JWT the bench signs',
    '  with the api’s secret), all in the bench process so send and receive times share one clock.',
    '  A socket counts as connected once the api has put it in its rooms (`realtime:replay_done`).',
    '- **Webhook → socket**: RingCentral presence notifications (`POST /webhooks/ringcentral` with',
    '  the `Verification-Token` header, a unique `uuid`, increasing `sequence` per extension) that',
    '  put a random agent on a call (`CallConnected`) or take them off it (`NoCall`), at a fixed',
    '  rate, open loop, as `bench:ingest` sends them. Each flips the agent’s unified status, so the',
    '  worker emits one `agent:status_changed` to the `supervisors` room and the agent’s own user',
    '  room. Latency runs from the webhook’s due time to the event on that agent’s socket, matched',
    '  by agent and the status the webhook caused. An agent gets its next change only once the',
    '  previous one has arrived, because the worker may apply two changes of one agent in either',
    '  order and drops the older by `sequence`, as designed; when every agent is waiting, the next',
    '  webhook is held back and the wait counts towards its latency. A 3 s warm-up at the same rate',
    '  runs first and is not counted; after the last webhook the bench waits until every event has',
    '  arrived or none has for 10 s. Every webhook must be answered 2xx and every event must arrive.',
    '- **Baseline, announcement → all sockets**: `POST /api/announcements` as a supervisor: the api',
    '  appends the event to the log and publishes it through Redis, and every api instance emits it',
    '  to its sockets, with no inbox, queue, worker or presence logic on the way. It goes to all N',
    '  sockets at once, so its spread shows the cost of one fan-out to N sockets on both ends; the',
    '  webhook path emits to one socket per event.',
    '- **CPU**: user plus system time (`/proc/<pid>/stat`) of the api, the worker and the bench',
    '  itself from the first measured webhook until its last event arrived, per delivered event and',
    '  as average cores busy: whichever process nears a full core, or all of them the box’s cores,',
    '  bounds the rate. PostgreSQL and Redis serve other databases on a shared box, so their share is',
    '  not attributed; with `--target` only the bench’s own is known.',
    '- **Memory**: the api’s resident set (`VmRSS` in `/proc/<pid>/status`) after start-up (the',
    '  baseline), then after the last socket connected, each read once it has settled (it moved',
    '  under 1 % in a second, or 15 s passed); the difference divided by',
    '  N is the cost of an idle socket, and baseline + 10,000 × that is the projection for the',
    '  target (measured directly with `--sockets 10000`).',
    '',
    'The sockets, the load generator, the api, the worker, PostgreSQL and Redis share the same cores,',
    'as on a single-box installation. Numbers from a busy machine (see the load average) are not',
    'comparable.',
    '',
    'Where the time goes (measured on the fastest box, an AMD EPYC whose raw Fastify took',
    '36,000/s in `bench:ingest`, with 2,000 sockets at 250–300 webhooks/s, before the changes',
    'below): a presence webhook cost about 5 ms of CPU end to end, PostgreSQL about 1.7 ms (about',
    '3 transactions and 15 index lookups per webhook), the worker 1.6 ms, the api 0.8 ms, this bench',
    '0.4 ms and Redis 0.3 ms, so two cores ran out at about 350–400 webhooks/s; above that the',
    'queue, and with it the latency, grows for as long as the load lasts. Socket.IO is not the',
    'limit: an announcement reaches all 2,000 sockets with p99 about 60 ms, and an idle socket costs',
    'the api 7–14 KiB (10,000 sockets measured: 291 MiB, against 164 MiB before any).',
    '',
    'What was cut since (measured on an Intel Xeon virtual machine, the slowest box, 250/s offered',
    'for 15 s, each change against the one before in the same session):',
    '',
    '| Change                                                                                       | Worker CPU per event | webhook → socket at 250/s |',
    '| -------------------------------------------------------------------------------------------- | -------------------: | ------------------------- |',
    '| before                                                                                       |              3.34 ms | p50 5.0 s, p99 5.9 s      |',
    '| the webhook is claimed by one `UPDATE … RETURNING` (was a locking SELECT and a final UPDATE) |              2.81 ms | p50 2.8 s, p99 3.6 s      |',
    '| the agent or conversation locked, and the sync log written, with plain SQL (`findLockedRow`) |              2.20 ms | p50 774 ms, p99 942 ms    |',
    '| the agent and conversation rows written with plain SQL (`updateRow`)                         |              2.04 ms | p50 43 ms, p99 169 ms     |',
    '',
    'Then, on the second AMD EPYC (same settings, each change against the one before):',
    '',
    '| Change                                                                                              | Worker CPU per event | webhook → socket at 250/s |',
    '| --------------------------------------------------------------------------------------------------- | -------------------: | ------------------------- |',
    '| before                                                                                              |              1.78 ms | p50 36 ms, p99 189 ms     |',
    '| the agent, its timeline interval and its event written in one statement (`CombinedWrite`)           |              1.65 ms | p50 14 ms, p99 83 ms      |',
    '| the agent locked by its RingCentral extension in one statement (was a lookup, then a lock by id)    |              1.69 ms | p50 25 ms, p99 102 ms     |',
    '',
    'The last change is within the noise of this bench at 250/s (it saves PostgreSQL a statement',
    'per webhook; the worker and api numbers move by more than that from run to run).',
    '',
    "TypeORM's `find`, `update` and `insert` rebuild each statement from the entity's metadata on",
    'every call, which cost the worker more than the statements themselves; the hot path now sends',
    'plain SQL, with values still prepared and hydrated through the same metadata (a test holds the',
    "rows equal to TypeORM's).",
    '',
    'Then, on the fastest box (2,000 sockets, 1,000/s offered for 15 s, runs of both versions one',
    'after the other in the same session):',
    '',
    '| Change                                                                                      | Sent of 1,000/s | Worker CPU per event | webhook → socket at 1,000/s |',
    '| ------------------------------------------------------------------------------------------- | --------------: | -------------------: | --------------------------- |',
    '| before (each webhook job its own transaction, 8 jobs at once)                               |      617–702/s |         0.69–0.78 ms | p99 8.8–12.2 s               |',
    '| group commit in the worker: the jobs that run at once share one transaction, 32 jobs at once |      850–958/s |         0.45–0.51 ms | p99 2.7–5.2 s                |',
    '',
    'The worker now claims the events of all the jobs that run at once in one statement, applies',
    'them one after another in one transaction, writes their sync logs in one statement and',
    'commits once (`WebhookEventProcessor`, with the same `GroupCommit` as the inbox writer). If',
    'one of them fails, the group rolls back and each runs again alone, so only that one fails. At',
    '1,000/s about 16 jobs share a transaction, so what was left per presence webhook was two',
    'statements of its own (lock the agent by its extension; one statement that updates it,',
    'closes its timeline interval and appends the event) and about a sixteenth of the begin,',
    'claim, sync log and commit, plus one statement in the api (its inbox row, shared too under',
    'load); the lock is now shared too (below).',
    '',
    'Below saturation nothing got slower: at 250/s both versions gave p50 6–7 ms and p99 32–57 ms,',
    'and at 600/s p99 116 ms against 148 ms before. On this box the p99 target holds up to about',
    '600/s; at 800/s offered p99 was already 731 ms.',
    '',
    'One group runs at a time. Its events go one after another on one connection, which bounds the',
    'worker at about 950 webhooks/s on this box: the groups grow with the jobs that run at once (16',
    'with 32 jobs, 32 with 64), and each event takes about 1.1–1.25 ms of the group, mostly its two',
    'round trips on the busy cores. Two or three groups at once, with 64 jobs, sent all 1,000/s',
    '(p50 1.1–1.2 s, p99 1.3–1.9 s) but left the cores 99 % busy, and two groups can then wait for',
    "each other's locks in opposite order (two changes of one agent in each): PostgreSQL detects",
    'that only after `deadlock_timeout`, a second. So one group it stays.',
    '',
    'Then, on another AMD EPYC, whose raw Fastify took about 21,000/s in `bench:ingest` (2,000',
    'sockets, 1,000/s offered for 15 s, two runs of each version, alternating, in one session):',
    '',
    '| Change                                                                                              | Sent of 1,000/s | Worker CPU per event | webhook → socket at 1,000/s |',
    '| --------------------------------------------------------------------------------------------------- | --------------: | -------------------: | --------------------------- |',
    '| before (each presence webhook locks its agent with a statement of its own)                          |       964–980/s |         0.43–0.44 ms | p99 2.3–2.7 s               |',
    "| a group's presence webhooks lock all their agents in one statement, in id order (`PrelockedAgents`) |         1,000/s |         0.34–0.35 ms | p99 0.77–1.06 s             |",
    '',
    'Before applying a group, the worker shows all its events to the handlers that prepare for',
    'them (`@PreparesDomainEvents`): the presence handler locks the agents of every',
    '`agent.phone_presence` in the group with one `SELECT … ORDER BY id FOR NO KEY UPDATE`, and',
    "each agent's first change in the group takes that row rather than locking it again. What is",
    'left per presence webhook is one statement of its own (update the agent, close and open its',
    "timeline interval, append the event) and a share of the group's. Call legs are not locked",
    'ahead: their handler locks the conversation first and the agent after it, and locking the',
    'agent earlier would reverse that order.',
    '',
    'Why round trips, not JavaScript, bound the worker: in CPU profiles of both the api and the',
    "worker at 1,000/s, about 28–30 % of the wall time is spent inside `writev` from pg's query",
    "submission. On loopback that write runs PostgreSQL's side of the packet and wakes its backend,",
    'and with every core busy the sender then waits for a core again. Fewer statements per event',
    'helps more than cheaper code around them.',
    '',
    'Then, on a third AMD EPYC, slower and busier than the others (2,000 sockets, 1,000/s offered',
    'for 15 s, two runs of each version, alternating, in one session, load average 1.6–3.2 at',
    'their starts):',
    '',
    '| Change                                                                                                   | Sent of 1,000/s | Worker CPU per event | webhook → socket at 1,000/s |',
    '| -------------------------------------------------------------------------------------------------------- | --------------: | -------------------: | --------------------------- |',
    '| before (agents locked ahead, each presence change then writes its own statement)                         |       505–735/s |         0.57–0.79 ms | p99 8.1–17.4 s              |',
    "| a group's presence changes held in memory and written together, before anything else runs (`HeldAgents`) |       843–943/s |         0.40–0.44 ms | p99 2.8–4.8 s               |",
    '',
    'A presence change of a group no longer goes to the database when it is made. The agent rows a',
    'transaction locked stay held in memory until it ends (`HeldAgents`), and each change of an',
    "`agent.phone_presence` event stages the agent's row, its status intervals and its",
    '`agent:status_changed` event. The dispatcher has them written (`@FlushesHeldWrites`) before it',
    "dispatches an event of any other kind, before the webhooks' last steps inside the transaction,",
    'and once the group has applied its last event: one statement, with an UPDATE per agent, one',
    "close of each agent's open interval where its first new one starts, the new intervals chained",
    '(each ended where the next starts), and the events in one multi-row INSERT whose ids keep their',
    'order. Every other path (the api, jobs, other kinds of events) stages and writes at once. A',
    'group of 16 presence webhooks now costs the worker 6 statements (begin, claim, lock ahead, the',
    'write, sync logs, commit) instead of 21. Other SQL that writes an agent row inside such a',
    'transaction tells `HeldAgents` what it wrote, or the held row would write the old values back.',
    '',
    'This box is saturated at 1,000/s with either version (the Node.js processes alone took about',
    '1.2 ms per event), so the p99 target stays missed there.',
    '',
    'Where the CPU goes at 700/s (`/proc` of every process over 12 s): the Node.js processes about',
    '1.5 ms per webhook (api 0.6, worker 0.56, this bench 0.26), PostgreSQL 1.0 ms (about 29 WAL',
    'records and 5 KiB of WAL per webhook: each webhook inserts and updates its inbox row, inserts',
    'and deletes its outbox row, updates the agent, closes and opens a timeline interval, and',
    'inserts an event and a sync log, each with its indexes) and Redis 0.3 ms (BullMQ’s scripts',
    'and the realtime channel). At 871/s, the most 900/s offered got through, the groups are',
    'larger and a webhook costs less: PostgreSQL 0.79 ms, the worker 0.45, the api 0.44, this',
    'bench 0.23 and Redis 0.19, with the cores 92 % busy. Meeting p99 ≤ 150 ms at 1,000/s on two',
    'cores needs both more than one group at once and about a fifth less of all that. Tried and',
    'not kept: named (prepared) statements for every parameterized statement of the api and the',
    'worker, and PostgreSQL over its Unix socket instead of TCP: neither moved the sustained rate',
    'beyond the noise of this bench.',
    '',
    'How much the path sustains depends on the box as much as in `bench:ingest`: at 1,000/s',
    'offered, with the code before the changes in the first table, the fastest box sent about',
    '350–400 presence webhooks/s (p99 about 35 s), a second AMD EPYC about 280/s (p99 58 s) and an',
    'Intel Xeon 2.8 GHz virtual machine 160–235/s (p99 about 111 s); with them, the Intel Xeon sent',
    '352/s and the second AMD EPYC 450–520/s; with group commit, the fastest box sends 850–958/s,',
    'mostly above 900/s.',
    '',
    'On an Intel Xeon box faster than all of these (raw Fastify 43,700–46,600/s in',
    '`bench:ingest`), the version with `HeldAgents` met the p99 target in every run of one session,',
    'each delivering every event: 2,000 sockets at 1,000/s gave p99 79.5–104 ms over 15–20 s and',
    '96.9 ms over 60 s; 10,000 sockets at 1,000/s for 20 s gave p99 86.1 ms, with the api at',
    '293.9 MiB for its 10,000 idle sockets (measured, not extrapolated). The worker took',
    '0.34–0.39 ms of CPU per event and the api 0.46–0.49 ms. Tried there and not kept: ioredis',
    "auto-pipelining on the realtime publisher, so that a group's broadcasts leave in one write:",
    'p99 107 and 88.8 ms with it against 79.5 and 88.5 ms without, alternating, the same CPU per',
    'event; within the noise.',
    '',
    "Each change closes the agent's open interval; that is now found through a partial index of the",
    'open intervals (`agent_status_intervals_open_idx`), so its cost no longer grows with the',
    "agent's history. For an agent with 200,000 intervals among 400,000, PostgreSQL read the whole",
    "table for it, 15.7 ms with the agent's row locked; with the index, 0.07 ms. On the bench's fresh",
    'database it changes nothing measurable: p99 91.7 and 115 ms with it against 93.9 and 103 ms',
    'without, alternating, and the same worker CPU per event (0.38–0.40 ms).',
    '',
    '### Latest run',
    '',
    `${run.startedAt.toISOString()}: ${machineLine(run.machine)}. Api: ${run.api}. ` +
      `${integer.format(run.sockets)} sockets; ${perSecond(run.ratePerSecond)} for ${run.durationSeconds} s ` +
      `after a ${run.warmUpSeconds} s warm-up.`,
    '',
    ...markdownTable([...latencyRows(run), cpuRow(run)]),
    '',
    ...markdownTable(memoryRows(run)),
    '',
    ...(run.droppedSockets > 0
      ? [`${run.droppedSockets} sockets were dropped by the api during the run.`, '']
      : []),
    '| Target | Measured | Result |',
    '| --- | ---: | --- |',
    ...verdicts(run).map((verdict) => `| ${verdict.target} | ${verdict.measured} | ${verdict.result} |`),
  ];
}

/** Replaces this bench's section of PERFORMANCE.md; every other section stays as it was. */
export async function writePerformanceSection(file: string, run: RealtimeRun): Promise<void> {
  await writeMarkedSection(file, 'realtime', markdownSection(run));
}
