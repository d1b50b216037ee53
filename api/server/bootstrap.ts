/**
 * Everything a process needs before it answers: the database opened and migrated, the guides
 * loaded from content/guides, and the catalogue that pages and the API read. Shared by the
 * server, the CLI scripts and the tests so that all of them start the same way.
 */
import type { Config } from '../env.ts';
import { openLiveRegistryOffices, type LiveRegistryOffices } from '../services/marriage/office-schedules.ts';
import type { RegistryOffice } from '../services/marriage/offices.ts';
import { openLiveCalendar, type LiveCalendar } from '../content/holidays.ts';
import { combinedProbe, createContentVersionProbe, type ContentVersionProbe } from '../content/content-version.ts';
import type { ContentName } from '../db/content-state.repo.ts';
import { createGuideCatalogue, type GuideCatalogue } from '../content/guide-catalogue.ts';
import { DEFAULT_GUIDES_DIR, syncGuidesFromFiles, type GuideSyncResult } from '../content/sync-guides.ts';
import { databaseTarget, openDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/connect.ts';
import { currentMigration, migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import type { Logger } from '../platform/logger.ts';
import { openLiveRuleTables, type LiveRuleTables } from '../engine/rules/live-rules.ts';
import { ruleTables } from '../services/rule-tables.ts';

export interface Runtime {
  database: DatabaseHandle;
  guides: GuideCatalogue;
  contentVersion: ContentVersionProbe;
  migration: () => Promise<string | null>;
  guideSync: GuideSyncResult;
  /** Working days for deadlines: the holiday years in the database (content/holidays loaded when absent). */
  calendar: LiveCalendar;
  /** The registry offices (the file's or the demo's), with their schedules as admins changed them (docs/decisions/035). */
  offices: LiveRegistryOffices;
  /** The rule tables: their source files' rows and the overrides staff saved (docs/decisions/030). */
  rules: LiveRuleTables;
  close(): Promise<void>;
}

export interface BootstrapOptions {
  target: DatabaseTarget;
  logger: Logger;
  contentCheckMs: number;
  now?: () => Date;
  guidesDir?: URL;
  /** The registry offices this portal books for (MARRIAGE_OFFICES_FILE's, already checked); the demo's when absent. */
  registryOffices?: readonly RegistryOffice[];
}

export function targetFromConfig(config: Config): DatabaseTarget {
  return databaseTarget({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

export async function bootstrap(options: BootstrapOptions): Promise<Runtime> {
  const now = options.now ?? (() => new Date());
  const database = openDatabase(options.target);
  try {
    const applied = await migrateToLatest(database.db);
    options.logger.info({ database: database.kind, migration: applied }, 'database ready');
    const { guideSync, calendar } = await withStartupLock(database, async (db) => ({
      guideSync: await syncGuidesFromFiles(db, options.guidesDir ?? DEFAULT_GUIDES_DIR, now()),
      calendar: await openLiveCalendar(database.db, { now, seedWith: db }),
    }));
    options.logger.info(guideSync, 'guides loaded');
    const offices = await openLiveRegistryOffices(database.db, options.registryOffices);
    const rules = await openLiveRuleTables(database.db, ruleTables({ offices }));
    const probe = (name: ContentName) => createContentVersionProbe({ db: database.db, name, maxAgeMs: options.contentCheckMs, now: () => now().getTime() });
    // The catalogue follows guides alone; the page cache follows guides and notices, which pages show both.
    const guidesVersion = probe('guides');
    const contentVersion = combinedProbe(guidesVersion, probe('notices'));
    let migration: string | null | undefined = applied;
    return {
      database,
      guides: createGuideCatalogue({ db: database.db, probe: guidesVersion }),
      contentVersion,
      migration: async () => (migration ??= await currentMigration(database.db)),
      guideSync,
      calendar,
      offices,
      rules,
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
