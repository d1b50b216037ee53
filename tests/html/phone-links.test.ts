/**
 * Every phone number on every public page, in both languages, is a tel: link, so a phone dials it
 * with one tap: guide fields and bodies, the footer pages, the footer's hotline, the sentences
 * that name the hotline. The scan below is deliberately wider than what the site links (any
 * 12xxx service line, any mobile, a landline with or without its hyphen, 110/119/120/122 after a
 * word that says to call), so a number the site forgets to link fails here; mobiles only ever
 * appear as examples of the format, which no public page shows. And on the guides where minutes
 * matter, the urgent numbers come first: the funeral guide's 24-hour line was at line 114 of 152.
 */
import { describe, expect, it } from 'vitest';
import { guideFiles, LANGUAGES, zh } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { textNodes } from './support/landmarks.ts';
import { visitor } from './support/portal.ts';

const slugs = guideFiles(zh).map((guide) => guide.slug);

/** The public pages (as tests/html/every-page.test.ts lists them), and a search that finds phone numbers in its snippets. */
const PAGES = [
  '/',
  '/services',
  ...slugs.flatMap((slug) => [`/guides/${slug}`, `/guides/${slug}/print`]),
  '/search',
  `/search?q=${encodeURIComponent('低保')}`,
  `/search?q=${encodeURIComponent('投诉')}`,
  `/search?q=${encodeURIComponent('没有结果的词语')}`,
  '/accessibility',
  '/privacy',
  '/contact',
  '/track',
  '/apply/old-age-allowance',
  '/book/marriage',
  '/staff/sign-in',
  '/no-such-page',
];

/** What looks like a phone number to a reader, linked or not. */
const PHONE_LIKE = new RegExp(
  [
    '(?<![A-Za-z0-9+.-])(?:',
    '0\\d{2,3}[- ]?\\d{7,8}',
    '|1[3-9]\\d{9}',
    '|12\\d{3}',
    '|[48]00[- ]?\\d{3}[- ]?\\d{4}',
    ')(?![A-Za-z0-9-])',
    '|(?:拨打|报警|call|dial)\\s*(?:110|119|120|122)(?!\\d)',
  ].join(''),
  'gi',
);

/** Phone-number-looking text on the page that is not inside a tel: link, with where it is. */
function unlinkedNumbers(page: HtmlPage): string[] {
  return textNodes(page)
    .filter(({ parent }) => parent.tagName.toLowerCase() !== 'title' && !parent.closest('a[href^="tel:"]'))
    .flatMap(({ text, parent }) => [...text.matchAll(PHONE_LIKE)].map((match) => `${match[0]} in <${parent.tagName.toLowerCase()}>: “${text}”`));
}

describe.each(LANGUAGES)('phone numbers in $name', (language) => {
  it.each(PAGES.map((path) => ({ address: language.path(path) })))('$address shows every phone number as a tel: link that dials it', async ({ address }) => {
    const page = await visitor(language).get(address);
    expect(page.status).toBeLessThan(500);
    expect(unlinkedNumbers(page)).toEqual([]);
    for (const link of page.all('a[href^="tel:"]')) {
      const digits = (link.textContent ?? '').replace(/[^\d+]/g, '');
      expect(link.getAttribute('href'), link.textContent ?? '').toBe(`tel:${digits}`);
    }
  });

  it('puts the funeral home’s 24-hour line and the police at the top of the funeral guide, before the guide’s first section, as links', async () => {
    const page = await visitor(language).get(language.path('/guides/basic-funeral-services'));
    const urgent = page.one('.urgent-phones');
    expect(page.text('.urgent-phones h2')).toBe(language.strings.guide.urgentTitle);
    const links = page.all('a[href^="tel:"]', urgent).map((link) => link.getAttribute('href'));
    expect(links).toEqual(['tel:000012345678', 'tel:110']);
    // Before the first section of the guide (who can apply), not in the contact section at the end.
    const html = page.document.documentElement.outerHTML;
    expect(html.indexOf('class="urgent-phones"')).toBeLessThan(html.indexOf('id="eligibility"'));
    // And on paper too.
    const print = await visitor(language).get(language.path('/guides/basic-funeral-services/print'));
    expect(print.all('a[href^="tel:"]', print.one('.urgent-phones')).map((link) => link.getAttribute('href'))).toEqual(['tel:000012345678', 'tel:110']);
  });

  it('shows no urgent numbers on a guide that has none', async () => {
    const page = await visitor(language).get(language.path('/guides/marriage-registration'));
    expect(page.has('.urgent-phones')).toBe(false);
  });
});
