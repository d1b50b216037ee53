import { describe, expect, it } from 'vitest';
import { filesAsLoaded, readGuideFileTexts, type GuideFileTexts } from '../../api/content/guide-files.ts';

const file = (lang: 'zh-CN' | 'en', slug: string, contentHash: string) => ({ lang, slug, path: `content/guides/${lang}/${slug}.md`, text: '', contentHash });
const read: GuideFileTexts = { files: [file('zh-CN', 'a', 'h1'), file('en', 'a', 'h2')], missing: [] };
const stamp = (lang: 'zh-CN' | 'en', slug: string, contentHash: string, source = 'file') => ({ lang, slug, contentHash, source });

describe('a start that need not parse the guides again (docs/decisions/078)', () => {
  it('is one whose files are exactly those the database was loaded from', () => {
    expect(filesAsLoaded(read, [stamp('zh-CN', 'a', 'h1'), stamp('en', 'a', 'h2')])).toBe(true);
  });

  it('is not one with a file changed, new, or gone, or a language folder missing, or a first start', () => {
    expect(filesAsLoaded(read, [stamp('zh-CN', 'a', 'h1'), stamp('en', 'a', 'changed')])).toBe(false);
    expect(filesAsLoaded(read, [stamp('zh-CN', 'a', 'h1')])).toBe(false);
    expect(filesAsLoaded(read, [stamp('zh-CN', 'a', 'h1'), stamp('en', 'a', 'h2'), stamp('zh-CN', 'b', 'h3')])).toBe(false);
    expect(filesAsLoaded({ ...read, missing: ['en'] }, [stamp('zh-CN', 'a', 'h1'), stamp('en', 'a', 'h2')])).toBe(false);
    expect(filesAsLoaded(read, [])).toBe(false);
  });

  it('is not one where an editor published a guide since (its hash is the edited version’s), while a guide only editors made needs no file', () => {
    expect(filesAsLoaded(read, [stamp('zh-CN', 'a', 'edited', 'staff'), stamp('en', 'a', 'h2')])).toBe(false);
    expect(filesAsLoaded(read, [stamp('zh-CN', 'a', 'h1'), stamp('en', 'a', 'h2'), stamp('zh-CN', 'only-edited', 'h9', 'staff')])).toBe(true);
  });

  it('reads content/guides with each file’s slug from its name and a sha256 of its text', async () => {
    const { files, missing } = await readGuideFileTexts(new URL('../../content/guides/', import.meta.url));
    expect(missing).toEqual([]);
    expect(files.find((entry) => entry.lang === 'zh-CN' && entry.slug === 'minimum-living-allowance')?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(files.filter((entry) => entry.lang === 'en').map((entry) => entry.slug)).toEqual(files.filter((entry) => entry.lang === 'zh-CN').map((entry) => entry.slug));
  });
});
