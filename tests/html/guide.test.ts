/**
 * A guide page tells a citizen everything at once (一次性告知): every section, the main action, the
 * related guides, when it was last checked, and which local figures are only examples. Its
 * printable version carries the same sections without the site around it. Both languages, as the
 * server sends them (no JavaScript).
 */
import { describe, expect, it } from 'vitest';
import { escapeRegExp, exampleFigures, guideFile, LANGUAGES, plainGuideText, sectionHeadings } from '../support/site.ts';
import { normalize } from './support/html-client.ts';
import { keepOnly, landmarks, linkTexts, region } from './support/landmarks.ts';
import { baseUrl, visitor } from './support/portal.ts';

// A guide to a service not offered online: its main action leads to the steps.
const SLUG = 'disability-subsidies';

describe.each(LANGUAGES)('a guide page in $name', (language) => {
  const s = language.strings;
  const guide = guideFile(language, SLUG);

  it('shows every section a citizen needs, the main action, related guides and the last-updated date', async () => {
    const page = await visitor(language).get(language.path(`/guides/${SLUG}`));
    const main = page.one('main');
    expect(page.status).toBe(200);
    expect(page.title).toBe(`${guide.title} - ${s.site.name}`);
    expect(page.texts('h1', main)).toEqual([guide.title]);
    expect(page.text('main')).toContain(plainGuideText(guide.summary));

    expect(keepOnly(page.texts('h2', main), sectionHeadings(s))).toEqual(sectionHeadings(s));

    const contents = region(page, s.guide.onThisPage, main);
    expect(contents.tagName.toLowerCase()).toBe('nav');
    expect(linkTexts(page, contents)).toEqual([...sectionHeadings(s), s.guide.more]);

    const related = region(page, s.guide.related, main);
    expect(guide.related.length).toBeGreaterThan(0);
    for (const slug of guide.related) {
      expect(page.hrefOf(guideFile(language, slug).title, related)).toBe(language.path(`/guides/${slug}`));
    }

    // Dates as each language writes them: 2026年11月25日 / 25 November 2026.
    expect(language.date('2026-11-25')).toBe(language.code === 'zh-CN' ? '2026年11月25日' : '25 November 2026');
    const lastUpdated = language.t(s.guide.lastUpdated, { date: language.date(guide.updated) });
    expect(page.hasExactText(lastUpdated, main)).toBe(true);
    expect(page.hrefOf(s.guide.printView, main)).toBe(language.path(`/guides/${SLUG}/print`));

    // The main action leads to the steps: a heading of that id in the main content.
    expect(page.hrefOf(s.apply.howToApply, main)).toBe('#steps');
    const steps = page.one('main #steps');
    expect(steps.tagName.toLowerCase()).toBe('h2');
    expect(normalize(steps.textContent)).toBe(s.guide.steps);
  });

  it('marks every local figure with the “example” badge', async () => {
    const page = await visitor(language).get(language.path(`/guides/${SLUG}`));
    const figures = guide.eligibility.flatMap(exampleFigures);
    expect(figures.length).toBeGreaterThan(0);
    const badged = page.all('main [title]').filter((element) => element.getAttribute('title') === s.guide.exampleTitle);
    for (const figure of figures) {
      const badge = badged.find((element) => normalize(element.textContent).includes(normalize(figure)));
      expect(normalize(badge?.textContent), `the figure “${figure}” has a badge`).toBe(normalize(`${figure}${s.guide.example}`));
    }
    expect(badged.length).toBeGreaterThanOrEqual(figures.length);
  });
});

describe.each(LANGUAGES)('the printable guide in $name', (language) => {
  const s = language.strings;
  const guide = guideFile(language, SLUG);

  it('has every section, no site navigation, and says where and when it was printed', async () => {
    const page = await visitor(language).get(language.path(`/guides/${SLUG}/print`));
    expect(page.status).toBe(200);
    expect(page.lang).toBe(language.code);
    expect(page.title).toBe(`${guide.title} (${s.guide.printView}) - ${s.site.name}`);
    const main = page.one('main');
    expect(page.texts('h1', main)).toEqual([guide.title]);
    expect(keepOnly(page.texts('h2', main), sectionHeadings(s))).toEqual(sectionHeadings(s));

    expect(landmarks(page, 'navigation')).toHaveLength(0);
    expect(landmarks(page, 'banner')).toHaveLength(0);
    expect(landmarks(page, 'contentinfo')).toHaveLength(0);
    expect(landmarks(page, 'search')).toHaveLength(0);
    expect(page.hrefOf(s.guide.backToGuide)).toBe(language.path(`/guides/${SLUG}`));

    const sourceUrl = new URL(language.path(`/guides/${SLUG}`), baseUrl()).href;
    const datePattern = language.code === 'zh-CN' ? '\\d{4}年\\d{1,2}月\\d{1,2}日' : '\\d{1,2} [A-Z][a-z]+ \\d{4}';
    const [before, after] = s.guide.printedFrom.split('{{date}}').map((part) => escapeRegExp(language.t(part, { url: sourceUrl })));
    const printedFrom = new RegExp(`^${before}${datePattern}${after}$`);
    expect(page.texts('*', main).filter((text) => printedFrom.test(text)), `a line in main matching ${printedFrom}`).not.toHaveLength(0);
  });
});
