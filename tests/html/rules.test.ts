/**
 * Rule tables on the staff pages, without a browser (docs/decisions/030): every member sees each
 * district's standard in force with its first day and basis; a system admin adds a row with a plain
 * form, a problem shown next to its field, what was typed kept. Both languages. The rows added take
 * effect in far years, so the proposals other tests read are not moved. The social relief standards
 * are typed in yuan as leniently as applicants type amounts (docs/decisions/040).
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, sentence } from '../support/site.ts';
import { signIn, staffVisitor, visitor } from './support/portal.ts';

describe.each(LANGUAGES)('rule tables in $name', (language) => {
  const s = language.strings;
  const f = s.fields;
  const year = language.code === 'zh-CN' ? '2098' : '2099';
  const standards = s.rules.tables['old-age-allowance'].standards;

  it('lets a system admin add a standard from a day on, with problems next to their fields', async () => {
    const home = await signIn(visitor(language), language, 'system-admin');
    let page = await (await home.follow(s.rules.title)).follow(standards.title);
    expect(page.h1).toBe(standards.title);
    const district = page.one('[data-rule-key="demo-district"]');
    expect(page.texts('h2', district)).toEqual([s.application.district['demo-district']]);
    expect(page.text('[data-rule-key="demo-district"] [data-testid="in-force"]')).toContain(language.t(standards.band, { from: 80, amount: 50 }));
    expect(page.text('[data-rule-key="demo-district"] [data-testid="in-force"]')).toContain(language.t(s.rules.from, { date: language.date('2024-01-01') }));

    // Two bands from the same age, and no reason: each said next to its field, nothing saved.
    page = await page
      .form(s.rules.submit)
      .check(s.application.district['demo-county'])
      .fill(sentence(f.effectiveFrom), `${year}-01-01`)
      .fill(sentence(f.value.bands), '70 40\n70 45')
      .fill(sentence(f.value.sourceYear), year)
      .fill(sentence(f.basis), '测试用的假想通知')
      .submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('bands')).toContain(s.errors.rules.bands);
    expect(page.errorFor('reason')).toContain(s.errors.rules.reason);
    expect(page.errorSummary.map((link) => link.href)).toEqual(['#bands', '#reason']);
    expect(page.valueOf(sentence(f.value.bands))).toBe('70 40\n70 45');

    page = await page
      .form(s.rules.submit)
      .fill(sentence(f.value.bands), '70 40\n80 60')
      .fill(sentence(f.reason), '测试：按假想通知调整')
      .submit();
    expect(page.role('status')).toBe(language.t(s.rules.saved, { key: s.application.district['demo-county'], date: language.date(`${year}-01-01`) }));
    const county = page.text('[data-rule-key="demo-county"]');
    expect(county).toContain(language.t(s.rules.upcoming, { date: language.date(`${year}-01-01`) }));
    expect(county).toContain(language.t(standards.band, { from: 80, amount: 60 }));
    expect(county).toContain('测试：按假想通知调整');
  });

  it('lets a system admin set the social relief standards in yuan, typed as applicants type them, a bad amount said next to its field', async () => {
    const relief = s.rules.tables['social-relief'].standards;
    const home = await signIn(visitor(language), language, 'system-admin');
    let page = await (await home.follow(s.rules.title)).follow(relief.title);
    expect(page.h1).toBe(relief.title);
    expect(page.texts('h2', page.one('[data-rule-key="demo-county"]'))).toEqual([s.relief.district['demo-county']]);
    // The figures in yuan in the reader's language, labelled as examples.
    expect(page.text('[data-rule-key="demo-district"] [data-testid="in-force"]')).toContain(language.t(s.punctuation.yuan, { amount: '1,400' }));
    expect(page.text('[data-rule-key="demo-district"] [data-testid="in-force"]')).toContain(s.rules.example);

    const filled = page
      .form(s.rules.submit)
      .check(s.relief.district['demo-county'])
      .fill(sentence(f.effectiveFrom), `${year}-07-01`)
      .fill(sentence(f.value.dibaoUrbanFen), '９５０')
      .fill(sentence(f.value.dibaoRuralFen), '七百')
      .fill(sentence(f.value.tekunUrbanFen), '1,235')
      .fill(sentence(f.value.tekunRuralFen), '1,001.5')
      .fill(sentence(f.value.marginalPercent), '150')
      .fill(sentence(f.value.depositMonths), '18')
      .fill(sentence(f.value.vehicleLimitFen), '3万')
      .fill(sentence(f.value.homesLimit), '1')
      .fill(sentence(f.value.rigidIncomePercent), '200')
      .fill(sentence(f.value.rigidSpendingPercent), '50')
      .check(relief.pensionCounted)
      .fill(sentence(f.value.advanceCapFen), '2000元')
      .fill(sentence(f.value.sourceYear), year)
      .fill(sentence(f.basis), '测试用的假想通知')
      .fill(sentence(f.reason), '测试：按假想通知调整');
    page = await filled.submit();
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((link) => link.href)).toEqual(['#dibaoRuralFen']);
    expect(page.errorFor('dibaoRuralFen')).toContain(sentence(language.t(s.errors.amount.notANumber, { field: f.value.dibaoRuralFen })));
    expect(page.valueOf(sentence(f.value.dibaoRuralFen))).toBe('七百');
    expect(page.valueOf(sentence(f.value.dibaoUrbanFen))).toBe('９５０');

    page = await page.form(s.rules.submit).fill(sentence(f.value.dibaoRuralFen), '７００').submit();
    expect(page.role('status')).toBe(language.t(s.rules.saved, { key: s.relief.district['demo-county'], date: language.date(`${year}-07-01`) }));
    const county = page.text('[data-rule-key="demo-county"]');
    expect(county).toContain(language.t(s.rules.upcoming, { date: language.date(`${year}-07-01`) }));
    expect(county).toContain(language.t(s.punctuation.yuan, { amount: '950' }));
    expect(county).toContain(language.t(s.punctuation.yuan, { amount: '1,001.50' }));
    expect(county).toContain(relief.pensionCounted);
  });

  it('shows other staff the tables without the form', async () => {
    const member = await staffVisitor(language, 'intake');
    const page = await member.get(language.path('/staff/rules/marriage.withdrawal-rules'));
    expect(page.h1).toBe(s.rules.tables.marriage['withdrawal-rules'].title);
    expect(page.buttons(s.rules.submit)).toHaveLength(0);
    expect(page.text()).toContain(s.rules.onlyAdmins);
    expect((await member.get(language.path('/staff/rules/no-such.table'))).status).toBe(404);
  });
});
