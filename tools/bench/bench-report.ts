import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { REPOSITORY_ROOT } from './bench-process';
import type { LatencyPercentiles } from './load-result';

export const PERFORMANCE_DOC = join(REPOSITORY_ROOT, 'docs', 'PERFORMANCE.md');

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  nodeVersion: string;
  postgresVersion: string;
  redisVersion: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the box shows here. */
  loadAverage: number[];
}

export function describeMachine(postgresVersion: string, redisVersion: string): MachineInfo {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    nodeVersion: process.version,
    postgresVersion,
    redisVersion,
    loadAverage: loadavg(),
  };
}

export function loadAverageOf(machine: MachineInfo): string {
  return machine.loadAverage.map((value) => value.toFixed(2)).join(' / ');
}

export function machineLine(machine: MachineInfo): string {
  return (
    `${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB.toFixed(1)} GiB RAM, Node ${machine.nodeVersion}, ` +
    `PostgreSQL ${machine.postgresVersion}, Redis ${machine.redisVersion}; load average at the start ` +
    loadAverageOf(machine)
  );
}

export const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const perSecond = (value: number): string => `${integer.format(value)}/s`;
// No trailing zeros: autocannon reports whole milliseconds, and "5.00 ms" would claim more.
export const ms = (value: number): string =>
  `${new Intl.NumberFormat('en-US', { maximumFractionDigits: value < 10 ? 2 : value < 100 ? 1 : 0 }).format(value)} ms`;

export function percentileSummary({ p50, p99, p999 }: LatencyPercentiles): string {
  return `p50 ${ms(p50)}, p99 ${ms(p99)}, p99.9 ${ms(p999)}`;
}

/**
 * Replaces one bench's section of PERFORMANCE.md (between `<!-- bench:<name>:start -->` and its
 * end marker) and leaves every other section as it was; appends the section when it is not there
 * yet. Written as Prettier formats it, so a run never breaks the repository's format check.
 */
export async function writeMarkedSection(file: string, name: string, lines: string[]): Promise<void> {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = [start, ...lines, end].join('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const startAt = current.indexOf(start);
  const endAt = current.indexOf(end);
  const next =
    startAt >= 0 && endAt > startAt
      ? current.slice(0, startAt) + section + current.slice(endAt + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await format(next, { ...(await resolveConfig(file)), filepath: file }));
}
