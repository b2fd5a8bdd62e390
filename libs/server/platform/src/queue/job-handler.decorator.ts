import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName } from './queue.registry';

export const JOB_HANDLER = 'ccp:jobHandler';

/** Marks the provider method that processes a job. Exactly one per job name, checked at worker start. */
export const HandlesJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

/** Whether a failure of the attempt now running is final: BullMQ will not try the job again. */
export function isLastAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
