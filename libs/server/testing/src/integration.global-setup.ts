import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import './test-config';
import { createTestDatabase } from './test-database';

/** One fresh, migrated database for the whole integration run, dropped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase('int');
  project.provide('databaseUrl', database.url);
  return database.drop;
}
