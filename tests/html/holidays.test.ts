/**
 * Public holidays for deadlines, without a browser: staff are warned about a year without data, and
 * a system admin enters a year from the State Council's notice with a plain form (messages next to
 * the fields). Both languages.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, sentence } from '../support/site.ts';
import { normalize, type HtmlPage } from './support/html-client.ts';
import { signIn, staffVisitor, visitor } from './support/portal.ts';

/** The text of a year's item in the page's list of years (the year in bold). */
function yearItem(page: HtmlPage, year: string): string {
  const item = page.all('li').find((candidate) => page.texts('strong', candidate).includes(year));
  if (!item) throw new Error(`${page.path} lists no year ${year}; it lists: ${page.texts('li strong').join(', ')}`);
  return normalize(item.textContent);
}

describe.each(LANGUAGES)('public holidays in $name', (language) => {
  const s = language.strings;
  const f = s.fields;
  // A far year of made-up figures: the real 2027 arrangement had not been published when this was written.
  const year = language.code === 'zh-CN' ? '2098' : '2099';

  it('warn staff about next year while it has no data, and a system admin enters a year', async () => {
    const home = await signIn(visitor(language), language, 'system-admin');
    expect(home.role('note')).toContain(language.t(s.holidays.missingWarning, { years: 2027 }));
    let page = await home.follow(s.holidays.missingLink);
    expect(page.h1).toBe(s.holidays.title);
    // Meanwhile the law's own holidays close 2027: 元旦, and 春节 from 除夕 (5 February) to 初三.
    expect(page.role('note')).toContain(`${s.holidays.names['new-year']} ${language.date('2027-01-01')}`);
    expect(page.role('note')).toContain(`${s.holidays.names['spring-festival']} ${language.date('2027-02-05')}–${language.date('2027-02-08')}`);

    const badHolidays = `春节 ${year}-01-20 ${year}-01-28\n国庆节放七天`;
    page = await page
      .form(s.holidays.submit)
      .fill(sentence(f.year), year)
      .fill(sentence(f.source), '测试用的假想安排')
      .fill(sentence(f.holidays), badHolidays)
      .fill(sentence(f.makeUpWorkdays), `${year}-01-19`)
      .submit();
    expect(page.role('alert')).toContain(language.t(s.errors.holidays.line, { line: 2 }));
    expect(page.valueOf(sentence(f.holidays))).toBe(badHolidays);

    page = await page
      .form(s.holidays.submit)
      .fill(sentence(f.holidays), `春节 ${year}-01-20 ${year}-01-28\n国庆节 ${year}-10-01 ${year}-10-07`)
      .fill(sentence(f.makeUpWorkdays), '')
      .submit();
    expect(page.role('status')).toBe(language.t(s.holidays.saved, { year }));
    expect(yearItem(page, year)).toContain(language.t(s.holidays.holidayCount, { count: 2 }));
  });

  it('are shown to other staff without the form', async () => {
    const member = await staffVisitor(language, 'intake');
    const page = await member.get(language.path('/staff/holidays'));
    expect(yearItem(page, '2026')).toContain(s.holidays.shipped);
    expect(page.buttons(s.holidays.submit)).toHaveLength(0);
  });
});
