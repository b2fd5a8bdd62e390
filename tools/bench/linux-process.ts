import { readFileSync } from 'node:fs';

/** A `Vm…:   123456 kB` line of /proc/<pid>/status, in KiB (the kernel's "kB" is 1024 bytes). */
function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field} line`);
  return Number(match[1]);
}

/** Resident memory now: what the process costs the machine, heap, stacks, buffers and code alike. */
export function residentSetKiB(pid: number): number {
  return statusKiB(pid, 'VmRSS');
}

/** The highest resident memory since the process started. */
export function peakResidentSetKiB(pid: number): number {
  return statusKiB(pid, 'VmHWM');
}

/**
 * This process's soft limit of open files (`ulimit -n`), which the servers it starts inherit;
 * every socket takes one. Node cannot raise it, so the bench can only check it.
 */
export function openFilesLimit(): { soft: number; hard: number } {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  if (!match?.[1] || !match[2]) throw new Error('/proc/self/limits has no "Max open files" line');
  const value = (text: string): number => (text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text));
  return { soft: value(match[1]), hard: value(match[2]) };
}

/** /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 a second for user space. */
const USER_HZ = 100;

/** User plus system CPU time the process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count from after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}
