import { SetMetadata } from '@nestjs/common';
import type { JobName } from './queue.registry';

export const JOB_HANDLER = 'ccp:jobHandler';

/** Marks the provider method that processes a job. Exactly one per job name, checked at worker start. */
export const HandlesJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
