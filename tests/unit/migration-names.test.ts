import { describe, expect, it } from 'vitest';
import { migrations } from '../../api/db/migrations/index.ts';
import { MIGRATION_NAMES } from '../../api/db/migrations/names.ts';
import { latestMigrationName } from '../../api/db/migrate.ts';

describe('the migration names a start checks without loading the migrations', () => {
  it('are the index’s, in the order they run', () => {
    expect(MIGRATION_NAMES).toEqual(Object.keys(migrations).sort());
  });

  it('end with the newest, which readiness waits for', () => {
    expect(latestMigrationName).toBe(Object.keys(migrations).sort().at(-1));
  });
});
