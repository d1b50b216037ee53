/**
 * The funeral fee exemption schemes on the staff rules page, without JavaScript, in both languages
 * (docs/decisions/065): each district's scheme in force; a system admin adds one from a day on with
 * the plain form, a scheme naming fewer groups than the regulation's refused next to its field with
 * what was typed kept. The rows take effect in far years, so no other test's decision moves.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, sentence } from '../support/site.ts';
import { signIn, visitor } from './support/portal.ts';

describe.each(LANGUAGES)('the fee exemption schemes in $name', (language) => {
  const s = language.strings;
  const table = s.rules.tables.funeral['fee-exemptions'];
  const words = s.exemption;
  const year = language.code === 'zh-CN' ? '2098' : '2099';

  it('lets a system admin add a scheme, fewer groups than the regulation’s refused next to their field', async () => {
    const home = await signIn(visitor(language), language, 'system-admin');
    let page = await (await home.follow(s.rules.title)).follow(table.title);
    expect(page.h1).toBe(table.title);
    expect(page.text('[data-rule-key="demo-district"] [data-testid="in-force"]')).toContain(words.schemes['all-residents']);
    expect(page.text('[data-rule-key="demo-county"] [data-testid="in-force"]')).toContain(words.schemes.targeted);
    expect(page.descriptionOf(page.field(sentence(s.fields.value.groups)))).toContain(table.hints.groups);

    page = await page
      .form(s.rules.submit)
      .check(s.districts['demo-county'])
      .fill(sentence(s.fields.effectiveFrom), `${year}-01-01`)
      .check(words.schemes['all-residents'])
      .fill(sentence(s.fields.value.capFen), '1,800')
      .fill(sentence(s.fields.value.groups), '低保, 特困')
      .fill(sentence(s.fields.value.items), '遗体接运, 遗体火化, 骨灰寄存')
      .fill(sentence(s.fields.value.regionCodes), '110229')
      .fill(sentence(s.fields.basis), '测试用的假想减免通知')
      .fill(sentence(s.fields.reason), '测试：按假想通知录入减免政策')
      .submit();
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((link) => link.href)).toEqual(['#groups']);
    expect(page.errorFor('groups')).toContain(words.errors.table.groupsRequired);
    expect(page.valueOf(sentence(s.fields.value.items))).toBe('遗体接运, 遗体火化, 骨灰寄存');

    page = await page.form(s.rules.submit).fill(sentence(s.fields.value.groups), '低保, 特困, 优抚, 无名遗体').submit();
    expect(page.role('status')).toBe(language.t(s.rules.saved, { key: s.districts['demo-county'], date: language.date(`${year}-01-01`) }));
    expect(page.text('[data-rule-key="demo-county"]')).toContain(language.t(s.rules.upcoming, { date: language.date(`${year}-01-01`) }));
  });
});
