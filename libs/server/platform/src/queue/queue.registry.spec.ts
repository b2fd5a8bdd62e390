import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { jobOptionsOf, RETENTION, WEBHOOK_PROCESS_ATTEMPTS } from './queue.registry';

const config = loadConfig({ WEBHOOK_RETRY_DELAY_MS: '250' });
const payload = {
  eventId: '6f1c0a52-3f43-4bd5-9a3c-1f4f6f3b2a10',
  eventKey: 'livechat:incoming_event:C:T:E',
};

describe('jobOptionsOf', () => {
  it("gives a webhook job the registry's id, the configured retry policy and the retention", () => {
    expect(jobOptionsOf('webhooks.process', payload, config)).toEqual({
      attempts: WEBHOOK_PROCESS_ATTEMPTS,
      backoff: { type: 'exponential', delay: 250, jitter: 0.5 },
      ...RETENTION,
      jobId: 'livechat/incoming_event/C/T/E',
    });
  });

  it('takes an explicit id and a delay over the defaults', () => {
    const options = jobOptionsOf('webhooks.process', payload, config, { jobId: 'replay-1', delayMs: 5_000 });
    expect(options).toMatchObject({ jobId: 'replay-1', delay: 5_000 });
  });

  it('leaves the id to BullMQ for jobs the registry gives none', () => {
    const options = jobOptionsOf('ringcentral.renew-subscription', { subscriptionId: 'sub-1' }, config);
    expect(options).not.toHaveProperty('jobId');
    expect(options).not.toHaveProperty('delay');
  });
});
