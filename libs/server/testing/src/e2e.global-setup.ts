import type { TestProject } from 'vitest/node';
import { redisRunPrefix } from './redis-keys';

/** The e2e run's Redis prefix; its keys are removed when the run ends. */
export default function setup(project: TestProject): () => Promise<void> {
  const redis = redisRunPrefix('e2e');
  project.provide('redisRunPrefix', redis.prefix);
  return async () => {
    await redis.clear();
  };
}
