import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { testConfig, waitFor } from '@ccp/server-testing';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ConfigModule, JobQueue, QueueModule, QueueUnavailableError } from '@ccp/server-platform';
import { WorkerModule } from './worker.module';

describe('queues against real Redis', () => {
  it('runs the scheduled event-log trim in the worker and deletes only old events', async () => {
    const config = testConfig({ EVENT_LOG_RETENTION_DAYS: '3' });
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    await worker.init();
    try {
      const dataSource = worker.get<DataSource>(getDataSourceToken());
      const inserted: { id: string }[] = await dataSource.query(
        `INSERT INTO events (type, data, audience, at) VALUES
           ('announcement:created', '{"text":"old"}', '{all}', now() - interval '10 days'),
           ('announcement:created', '{"text":"new"}', '{all}', now())
         RETURNING id`,
      );
      const ids = inserted.map((row) => row.id);
      const jobs = worker.get(JobQueue);
      const scheduler = await jobs.queue('maintenance').getJobScheduler('maintenance.trim-event-log');
      expect(scheduler?.pattern).toBe('17 * * * *');

      await jobs.add('maintenance.trim-event-log', { olderThanDays: 3 });
      await waitFor('the old event to be trimmed', async () => {
        const rows: { id: string }[] = await dataSource.query('SELECT id FROM events WHERE id = ANY($1)', [
          ids,
        ]);
        return rows.length === 1 ? rows : undefined;
      });
      const remaining: { data: { text: string } }[] = await dataSource.query(
        'SELECT data FROM events WHERE id = ANY($1)',
        [ids],
      );
      expect(remaining.map((row) => row.data.text)).toEqual(['new']);
    } finally {
      await worker.close();
    }
  });

  it('rejects invalid payloads without retrying them', async () => {
    const config = testConfig();
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    await worker.init();
    try {
      const queue = worker.get(JobQueue).queue('maintenance');
      const job = await queue.add('maintenance.trim-event-log', { olderThanDays: -1 }, { attempts: 5 });
      const failed = await waitFor('the invalid job to fail', async () => {
        const state = await queue.getJobState(job.id ?? '');
        return state === 'failed' ? await queue.getJob(job.id ?? '') : undefined;
      });
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toContain('olderThanDays');
    } finally {
      await worker.close();
    }
  });

  it('fails fast instead of hanging when Redis is unreachable', async () => {
    // Port 1 refuses connections: the producer must give up within QUEUE_ADD_TIMEOUT_MS.
    const config = testConfig({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_ADD_TIMEOUT_MS: '200' });
    class ProducerOnly {}
    const producer = await NestFactory.createApplicationContext(
      { module: ProducerOnly, imports: [ConfigModule.forRoot(config), QueueModule] },
      { logger: false },
    );
    try {
      const started = Date.now();
      await expect(
        producer.get(JobQueue).add('maintenance.trim-event-log', { olderThanDays: 1 }),
      ).rejects.toBeInstanceOf(QueueUnavailableError);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await producer.close();
    }
  });
});
