import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContentVersionProbe } from '../../api/content/content-version.ts';
import { createGuideCatalogue } from '../../api/content/guide-catalogue.ts';
import { syncGuidesFromFiles } from '../../api/content/sync-guides.ts';
import { readContentVersion } from '../../api/db/content-state.repo.ts';
import { openDatabase } from '../../api/db/connect.ts';
import { listPublishedGuides, publishGuides, type PublishGuideInput } from '../../api/db/guides.repo.ts';
import { currentMigration, latestMigrationName, migrateToLatest } from '../../api/db/migrate.ts';
import { DIALECTS, useMigratedDatabase } from '../support/test-database.ts';

const CONTENT = join(import.meta.dirname, '../../content/guides');
const NOW = new Date('2026-11-25T02:00:00Z');

function copyOfGuides(): { dir: string; url: URL } {
  const dir = mkdtempSync(join(tmpdir(), 'guides-'));
  cpSync(CONTENT, dir, { recursive: true });
  return { dir, url: pathToFileURL(`${dir}/`) };
}

describe.each(DIALECTS)('the guide store on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  let guides: { dir: string; url: URL };

  beforeEach(async () => {
    guides = copyOfGuides();
    await store.handle.db.deleteFrom('guide_versions').execute();
    await store.handle.db.deleteFrom('content_state').execute();
  });
  afterEach(() => rmSync(guides.dir, { recursive: true, force: true }));

  it('migrates to the newest migration, and migrating again changes nothing', async () => {
    expect(await currentMigration(store.handle.db)).toBe(latestMigrationName);
    expect(await migrateToLatest(store.handle.db)).toBe(latestMigrationName);
  });

  it('loads every guide file on first start and bumps the content version once', async () => {
    const result = await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    expect(result).toEqual({ published: 24, unchanged: 0, keptStaffVersion: 0 });
    expect(await listPublishedGuides(store.handle.db)).toHaveLength(24);
    expect(await readContentVersion(store.handle.db, 'guides')).toBe(1);
  });

  it('republishes only the guide whose file changed, as a new version', async () => {
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    const file = join(guides.dir, 'en/old-age-allowance.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Old-age allowance (revised)'));

    const again = await syncGuidesFromFiles(store.handle.db, guides.url, NOW);

    expect(again).toEqual({ published: 1, unchanged: 23, keptStaffVersion: 0 });
    const current = (await listPublishedGuides(store.handle.db)).find((g) => g.slug === 'old-age-allowance' && g.lang === 'en');
    expect(current).toMatchObject({ title: 'Old-age allowance (revised)', version: 2 });
    expect(await readContentVersion(store.handle.db, 'guides')).toBe(2);
  });

  it('never overwrites a version that staff published with the file it came from', async () => {
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    const [guide] = (await listPublishedGuides(store.handle.db)).filter((g) => g.slug === 'temporary-assistance' && g.lang === 'zh-CN');
    if (!guide) throw new Error('guide missing');
    const { lang, version, bodyHtml, publishedAt, changes: _changes, ...frontmatter } = guide;
    await publishGuides(store.handle.db, [{ lang, frontmatter: { ...frontmatter, title: '临时救助（编辑部修订）' }, bodyMd: '', bodyHtml, contentHash: 'staff', source: 'staff' }], NOW);
    const file = join(guides.dir, 'zh-CN/temporary-assistance.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n补充一句。\n`);

    const again = await syncGuidesFromFiles(store.handle.db, guides.url, NOW);

    expect(again.keptStaffVersion).toBe(1);
    const current = (await listPublishedGuides(store.handle.db)).find((g) => g.slug === 'temporary-assistance' && g.lang === 'zh-CN');
    expect(current?.title).toBe('临时救助（编辑部修订）');
  });

  it('publishes all or nothing: a failure part-way leaves no new version and the old content version', async () => {
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    const [first] = await listPublishedGuides(store.handle.db);
    if (!first) throw new Error('no guides');
    const { lang, version, bodyHtml, publishedAt, ...frontmatter } = first;
    const good: PublishGuideInput = { lang, frontmatter: { ...frontmatter, title: 'changed' }, bodyMd: '', bodyHtml, contentHash: 'x', source: 'staff' };
    // A row the database refuses (NOT NULL), after a good one in the same publish.
    const bad = { ...good, bodyHtml: null } as unknown as PublishGuideInput;

    await expect(publishGuides(store.handle.db, [good, bad], NOW)).rejects.toThrow();

    const after = (await listPublishedGuides(store.handle.db)).find((g) => g.slug === first.slug && g.lang === first.lang);
    expect(after).toMatchObject({ title: first.title, version: 1 });
    expect(await readContentVersion(store.handle.db, 'guides')).toBe(1);
  });

  it('refuses a broken guide file with a message naming the file and the field, publishing nothing', async () => {
    const file = join(guides.dir, 'en/eco-burial-subsidy.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^complaintPhone: .*$/m, ''));
    await expect(syncGuidesFromFiles(store.handle.db, guides.url, NOW)).rejects.toThrow(/en\/eco-burial-subsidy\.md: complaintPhone/);
    expect(await listPublishedGuides(store.handle.db)).toHaveLength(0);
  });

  it('shows readers a republished guide, and finds it by its new words, once the content version moves', async () => {
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    const catalogue = createGuideCatalogue({
      db: store.handle.db,
      probe: createContentVersionProbe({ db: store.handle.db, name: 'guides', maxAgeMs: 0, now: () => 0 }),
    });
    expect((await catalogue.search('琥珀星云', 'zh-CN')).map((hit) => hit.slug)).not.toContain('old-age-allowance');

    const file = join(guides.dir, 'zh-CN/old-age-allowance.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^aliases: \[/m, 'aliases: [琥珀星云, '));
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);

    expect((await catalogue.search('琥珀星云', 'zh-CN'))[0]?.slug).toBe('old-age-allowance');
    expect(await catalogue.version()).toBe(2);
  });

  it('lets a second connection (another process) see a publish through the content version', async () => {
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    const other = openDatabase(store.target);
    try {
      let clock = 0;
      const probe = createContentVersionProbe({ db: other.db, name: 'guides', maxAgeMs: 1000, now: () => clock });
      const catalogue = createGuideCatalogue({ db: other.db, probe });
      expect(await catalogue.version()).toBe(1);
      const file = join(guides.dir, 'en/divorce-registration.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Divorce registration (new)'));
      await syncGuidesFromFiles(store.handle.db, guides.url, NOW);

      expect((await catalogue.get('divorce-registration', 'en'))?.title).not.toBe('Divorce registration (new)');
      clock += 1000;
      expect((await catalogue.get('divorce-registration', 'en'))?.title).toBe('Divorce registration (new)');
    } finally {
      await other.close();
    }
  });

  it('knows its version without waiting only while a reading is fresh (docs/decisions/077)', async () => {
    await syncGuidesFromFiles(store.handle.db, guides.url, NOW);
    let clock = 0;
    const probe = createContentVersionProbe({ db: store.handle.db, name: 'guides', maxAgeMs: 1000, now: () => clock });
    expect(probe.peek?.()).toBeUndefined();
    expect(await probe.current()).toBe(1);
    clock += 999;
    expect(probe.peek?.()).toBe(1);
    clock += 1;
    expect(probe.peek?.()).toBeUndefined();
    await probe.current();
    probe.expire();
    expect(probe.peek?.()).toBeUndefined();
    // Checked on every call: never known without reading.
    const always = createContentVersionProbe({ db: store.handle.db, name: 'guides', maxAgeMs: 0, now: () => clock });
    await always.current();
    expect(always.peek?.()).toBeUndefined();
  });
});
