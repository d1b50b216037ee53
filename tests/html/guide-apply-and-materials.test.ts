/**
 * What a guide says about applying is what the portal really offers: "apply online" and "book
 * online" only where a journey of the service registry starts (the funeral guide once said
 * 可网上预约, with booking by phone only), on the guide, in the services list and on paper. The
 * materials table has a caption and names each cell's column for when it stacks on a phone (the
 * stacking itself is the browser tier's, tests/e2e/phone-layout.spec.ts). The fees section says
 * "free" once, in the guide's own words ("不收费. 不收费。" said it twice, with an English full stop).
 */
import { describe, expect, it } from 'vitest';
import { guideFiles, LANGUAGES, zh } from '../support/site.ts';
import { normalize } from './support/html-client.ts';
import { visitor } from './support/portal.ts';

const slugs = guideFiles(zh).map((guide) => guide.slug);

/** The label and button each guide must show: where the portal takes applications online, and one that books by phone. */
const EXPECTED: Record<string, { label: 'online' | 'appointment' | 'byAppointment'; journey?: string }> = {
  'old-age-allowance': { label: 'online', journey: '/apply/old-age-allowance' },
  'marriage-registration': { label: 'appointment', journey: '/book/marriage' },
  'divorce-registration': { label: 'appointment', journey: '/book/marriage' },
  'marriage-certificate-reissue': { label: 'appointment', journey: '/book/marriage' },
  'basic-funeral-services': { label: 'byAppointment' },
  // The relief applications (docs/decisions/042).
  'minimum-living-allowance': { label: 'online', journey: '/apply/minimum-living-allowance' },
  'extreme-poverty-support': { label: 'online', journey: '/apply/extreme-poverty-support' },
  'temporary-assistance': { label: 'online', journey: '/apply/temporary-assistance' },
  // The eco-burial subsidy (docs/decisions/061).
  'eco-burial-subsidy': { label: 'online', journey: '/apply/eco-burial-subsidy' },
  // The public cemetery plot (docs/decisions/064).
  'public-cemetery-burial': { label: 'online', journey: '/apply/public-cemetery' },
};

describe.each(LANGUAGES)('how to apply, on the guides in $name', (language) => {
  const s = language.strings;
  const { mode } = s.apply;
  const metaLabel = (label: string) => `${s.guide.applyModeLabel}${s.punctuation.colon}${label}`;

  it.each(slugs)('%s says "online" only with a button to a journey of this portal that answers', async (slug) => {
    const reader = visitor(language);
    const page = await reader.get(language.path(`/guides/${slug}`));
    const meta = page.texts('.guide-meta li');
    const expected = EXPECTED[slug];
    const buttons = page.all('main a.button').map((link) => link.getAttribute('href') ?? '');
    if (expected?.journey) {
      expect(meta).toContain(metaLabel(mode[expected.label]));
      expect(buttons).toEqual([language.path(expected.journey)]);
      expect((await reader.get(language.path(expected.journey))).status).toBe(200);
    } else {
      expect(meta).not.toContain(metaLabel(mode.online));
      expect(meta).not.toContain(metaLabel(mode.appointment));
      expect(buttons).toEqual(['#steps']);
      expect(page.text('main')).not.toContain(s.apply.comingSoon);
      if (expected) expect(meta).toContain(metaLabel(mode[expected.label]));
    }
  });

  it('labels the funeral services as booked by phone or at the office in the services list and on paper, and the online services as online', async () => {
    const services = await visitor(language).get(language.path('/services'));
    const tagOf = (slug: string) => {
      const link = services.all('.service-list a').find((candidate) => candidate.getAttribute('href') === language.path(`/guides/${slug}`));
      return normalize(link?.parentElement?.querySelector('.tag')?.textContent);
    };
    expect(tagOf('basic-funeral-services')).toBe(mode.byAppointment);
    expect(tagOf('old-age-allowance')).toBe(mode.online);
    expect(tagOf('marriage-registration')).toBe(mode.appointment);
    const onlineTags = slugs.filter((slug) => [mode.online, mode.appointment].includes(tagOf(slug)));
    expect(onlineTags.sort()).toEqual(Object.keys(EXPECTED).filter((slug) => EXPECTED[slug]?.journey).sort());

    const print = await visitor(language).get(language.path('/guides/basic-funeral-services/print'));
    expect(print.text('main')).toContain(metaLabel(mode.byAppointment));
    expect(print.text('main')).not.toContain(metaLabel(mode.appointment));
  });
});

describe.each(LANGUAGES)('the materials and the fees of a guide in $name', (language) => {
  const s = language.strings;

  it('give the materials table a caption, and each cell its column’s name for when the table stacks', async () => {
    const page = await visitor(language).get(language.path('/guides/basic-funeral-services'));
    const table = page.one('#materials ~ .table-wrap table');
    const rows = page.all('tbody tr', table);
    expect(rows.length).toBeGreaterThan(1);
    expect(page.text('#materials ~ .table-wrap caption')).toBe(language.t(s.guide.materialsCaption_other, { count: rows.length }));
    const columns = page.texts('thead th', table);
    for (const row of rows) {
      const labels = page.all('td', row).map((cell) => cell.getAttribute('data-label'));
      expect(labels).toEqual(columns.slice(1).map((column) => `${column}${s.punctuation.colon}`));
    }
  });

  it.each(slugs)('%s says whether it is free once, without an English full stop in Chinese', async (slug) => {
    const page = await visitor(language).get(language.path(`/guides/${slug}`));
    const fees = page.all('.guide-section').find((section) => section.querySelector('#fees'));
    const text = normalize(fees?.textContent).replace(s.guide.fees, '').trim();
    const free = s.guide.free;
    expect(text.split(free).length - 1, text).toBeLessThanOrEqual(1);
    if (language === zh) expect(page.text('main')).not.toMatch(/\p{Script=Han}\. /u);
  });
});
