import { readdirSync, readFileSync } from 'node:fs';

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

interface ProcessStat {
  parentPid: number;
  /** User plus system time of the process itself. */
  ownSeconds: number;
  /** User plus system time of its children that have exited and that it has waited for. */
  reapedChildrenSeconds: number;
}

function processStat(pid: number | 'self'): ProcessStat {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count from after its closing one.
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // Counted from field 3: ppid is field 4; utime, stime, cutime and cstime are fields 14 to 17.
  const field = (number: number): number => fields[number - 3] ?? Number.NaN;
  return {
    parentPid: field(4),
    ownSeconds: (field(14) + field(15)) / USER_HZ,
    reapedChildrenSeconds: (field(16) + field(17)) / USER_HZ,
  };
}

/** User plus system CPU time the process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  return processStat(pid).ownSeconds;
}

/** CPU time of the children of this process that have exited so far (pgbench, once it is done). */
export function reapedChildrenCpuSeconds(): number {
  return processStat('self').reapedChildrenSeconds;
}

function processesNamed(command: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command;
      } catch {
        return false; // exited between the listing and the read
      }
    });
}

/**
 * CPU time used so far by every process with this command name (`postgres`, `redis-server`),
 * including those that have exited: a server's connection processes come and go with their
 * clients, and their time moves to the parent that waits for them. So the sum is the live
 * processes' own time plus the reaped time of those whose parent is not one of them.
 */
export function cpuSecondsOfCommand(command: string): number {
  const pids = new Set(processesNamed(command));
  let seconds = 0;
  for (const pid of pids) {
    try {
      const stat = processStat(pid);
      seconds += stat.ownSeconds + (pids.has(stat.parentPid) ? 0 : stat.reapedChildrenSeconds);
    } catch {
      // Exited since the listing: its time is now its parent's, counted there.
    }
  }
  return seconds;
}

/**
 * Jiffies the whole box has been busy since boot (user, nice, system, interrupts and soft
 * interrupts), from the first line of /proc/stat. Idle, I/O wait and steal (time the hypervisor
 * gave to other machines) are left out.
 */
export function boxBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq;
}

/** /proc/stat's jiffies are USER_HZ ticks too. */
export const ticksToSeconds = (ticks: number): number => ticks / USER_HZ;
