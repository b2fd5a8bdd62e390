import { describe, expect, it } from 'vitest';
import { JOB_NAMES } from './queue.registry';
import { collectHandlers, JobHandlerRegistrationError } from './queue-workers.service';

const handler = () => Promise.resolve(undefined);

describe('collectHandlers', () => {
  it('accepts exactly one handler per registered job', () => {
    const handlers = collectHandlers(JOB_NAMES.map((jobName) => ({ owner: 'A.run', jobName, handler })));
    expect([...handlers.keys()]).toEqual(JOB_NAMES);
  });

  it('refuses a registered job without a handler', () => {
    expect(() => collectHandlers([])).toThrow(JobHandlerRegistrationError);
    expect(() => collectHandlers([])).toThrow(/maintenance.trim-event-log has no handler/);
  });

  it('refuses a job with two handlers and names both', () => {
    const twice = JOB_NAMES.flatMap((jobName) => [
      { owner: 'A.run', jobName, handler },
      { owner: 'B.run', jobName, handler },
    ]);
    expect(() => collectHandlers(twice)).toThrow(/2 handlers: A.run, B.run/);
  });
});
