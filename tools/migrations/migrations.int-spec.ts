import { createMigrationDataSource, pendingSchemaChanges } from '@ccp/migrations';
import { testConfig } from '@ccp/server-testing';
import { describe, expect, it } from 'vitest';

describe('migrations', () => {
  it('match the entities: generating a migration now would produce nothing', async () => {
    const dataSource = createMigrationDataSource(testConfig().DATABASE_URL);
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      const pending = await pendingSchemaChanges(dataSource);
      expect(pending.up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
