import { randomUUID } from 'node:crypto';
import { bullPrefixOf, JOBS, jobOptionsOf, loadConfig } from '@ccp/server-platform';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ownRedisPrefix, REDIS_URL } from './bench-redis';
import type { Teardown } from './bench-run';
import { INCOMING_EVENT_KEY_PREFIX } from './livechat-webhook.body';

export interface QueueBaselineLoad {
  durationSeconds: number;
  /** Jobs per addBulk: as many as the api enqueues after one inbox statement. */
  jobsPerBulk: number;
  /** addBulk calls outstanding at once. */
  inFlight: number;
}

export interface QueueBaselineResult {
  jobsPerBulk: number;
  inFlight: number;
  jobsPerSecond: number;
  /** Mean time of one addBulk, from the call to its answer. */
  bulkLatencyAverageMs: number;
}

/**
 * The api's `webhooks.process` jobs, with the options the api gives them (jobOptionsOf, imported,
 * so they cannot drift) and a fresh event key each, added to a queue of its own prefix and no
 * worker: what Redis spends on the enqueue every webhook needs, with no HTTP or SQL around it.
 * The prefix's keys are deleted at teardown.
 */
export async function runQueueBaseline(
  load: QueueBaselineLoad,
  teardown: Teardown,
): Promise<QueueBaselineResult> {
  const config = loadConfig({ REDIS_PREFIX: ownRedisPrefix('queue', teardown) });
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(JOBS['webhooks.process'].queue, { connection, prefix: bullPrefixOf(config) });
  const nextBulk = () =>
    Array.from({ length: load.jobsPerBulk }, () => {
      const payload = { eventId: randomUUID(), eventKey: `${INCOMING_EVENT_KEY_PREFIX}${randomUUID()}` };
      return {
        name: 'webhooks.process',
        data: payload,
        opts: jobOptionsOf('webhooks.process', payload, config),
      };
    });
  try {
    await queue.waitUntilReady();
    const started = performance.now();
    const deadline = started + load.durationSeconds * 1_000;
    let bulks = 0;
    let bulkMs = 0;
    const addUntilDeadline = async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        await queue.addBulk(nextBulk());
        bulkMs += performance.now() - sent;
        bulks += 1;
      }
    };
    await Promise.all(Array.from({ length: load.inFlight }, addUntilDeadline));
    const seconds = (performance.now() - started) / 1_000;
    return {
      jobsPerBulk: load.jobsPerBulk,
      inFlight: load.inFlight,
      jobsPerSecond: (bulks * load.jobsPerBulk) / seconds,
      bulkLatencyAverageMs: bulks > 0 ? bulkMs / bulks : 0,
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
