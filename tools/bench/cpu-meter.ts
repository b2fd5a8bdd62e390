import {
  boxBusyTicks,
  cpuSeconds,
  cpuSecondsOfCommand,
  reapedChildrenCpuSeconds,
  ticksToSeconds,
} from './linux-process';

/** A process, or a group of them, whose share of a phase's CPU time is reported. */
export interface CpuConsumer {
  name: string;
  /** CPU seconds used so far; only differences between two readings are used. */
  cpuSeconds: () => number;
}

export interface CpuShare {
  consumer: string;
  microsecondsPerRequest: number;
}

/** Where the box's CPU went during one load phase, per request served. */
export interface PhaseCpu {
  /** Cores busy on average across the whole box, whoever used them. */
  busyCores: number;
  /** The whole box's busy time per request. */
  microsecondsPerRequest: number;
  /** The named consumers, then the busy time none of them was charged (the kernel, other processes). */
  shares: CpuShare[];
}

export const UNATTRIBUTED = 'kernel and the rest';

/** This bench's own process: during a saturation phase that is the load generator. */
export const THIS_PROCESS: CpuConsumer = {
  name: 'load generator',
  cpuSeconds: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
};

/** Every PostgreSQL process of the box, the backends of connections closed meanwhile included. */
export const POSTGRES: CpuConsumer = {
  name: 'PostgreSQL',
  cpuSeconds: () => cpuSecondsOfCommand('postgres'),
};

export const REDIS: CpuConsumer = { name: 'Redis', cpuSeconds: () => cpuSecondsOfCommand('redis-server') };

/** A child this bench runs to its end: its time is counted once it has exited and been waited for. */
export const PGBENCH: CpuConsumer = { name: 'pgbench', cpuSeconds: reapedChildrenCpuSeconds };

export function runningProcess(name: string, pid: number | undefined): CpuConsumer {
  if (pid === undefined) throw new Error(`${name} is not running: its CPU time cannot be read`);
  return { name, cpuSeconds: () => cpuSeconds(pid) };
}

/**
 * Reads the box's and each consumer's CPU time at the start and the end of a phase. Costs per
 * request make phases of different rates comparable, and show what a rate would need in cores.
 */
export class CpuMeter {
  private constructor(
    private readonly consumers: CpuConsumer[],
    private readonly startedAt: bigint,
    private readonly boxBusyAtStart: number,
    private readonly usedAtStart: number[],
  ) {}

  static start(consumers: CpuConsumer[]): CpuMeter {
    return new CpuMeter(
      consumers,
      process.hrtime.bigint(),
      boxBusyTicks(),
      consumers.map((consumer) => consumer.cpuSeconds()),
    );
  }

  /** `requestsPerSecond`: the phase's measured rate (acknowledged webhooks, or pgbench's). */
  stop(requestsPerSecond: number): PhaseCpu {
    const wallSeconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const requests = requestsPerSecond * wallSeconds;
    const perRequest = (cpuSeconds: number): number => (cpuSeconds / requests) * 1e6;
    const boxBusySeconds = ticksToSeconds(boxBusyTicks() - this.boxBusyAtStart);
    const shares = this.consumers.map((consumer, index) => ({
      consumer: consumer.name,
      microsecondsPerRequest: perRequest(consumer.cpuSeconds() - (this.usedAtStart[index] ?? 0)),
    }));
    const attributed = shares.reduce((sum, share) => sum + share.microsecondsPerRequest, 0);
    const boxPerRequest = perRequest(boxBusySeconds);
    return {
      busyCores: boxBusySeconds / wallSeconds,
      microsecondsPerRequest: boxPerRequest,
      // Per-process times are counted in 10 ms ticks, the box's too: the difference can dip below zero.
      shares: [
        ...shares,
        { consumer: UNATTRIBUTED, microsecondsPerRequest: Math.max(0, boxPerRequest - attributed) },
      ],
    };
  }
}
