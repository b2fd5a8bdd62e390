import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import './test-config';
import { redisRunPrefix } from './redis-keys';
import { createTestDatabase } from './test-database';

/** One fresh, migrated database and one Redis prefix for the whole integration run, removed at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase('int');
  const redis = redisRunPrefix('test');
  project.provide('databaseUrl', database.url);
  project.provide('redisRunPrefix', redis.prefix);
  return async () => {
    await database.drop();
    await redis.clear();
  };
}
