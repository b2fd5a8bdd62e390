import { inject, describe, expect, it } from 'vitest';
import { createMigrationDataSource, pendingSchemaChanges } from './data-source';

describe('migrations', () => {
  it('match the entities: generating a migration now would produce nothing', async () => {
    const dataSource = createMigrationDataSource(inject('databaseUrl'));
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
