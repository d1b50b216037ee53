/**
 * Forms without a browser, with characters nobody types on purpose: a NUL byte or another control
 * character in a tracking number, a username or the holiday form (each answered 500 on PostgreSQL),
 * and a right-to-left override in a name. Each comes back 422 with the message next to its field,
 * naming it, the answers kept, in both languages. (The API refuses the same on both databases:
 * tests/api/api-fuzz.api.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES, sentence, type Language } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { lookUp, staffVisitor, visitor } from './support/portal.ts';

/** The page as the form loop answers a bad answer: 422, "Error:" in the title, the message by its field, linked from the summary. */
function expectRefused(page: HtmlPage, language: Language, fieldId: string, fieldName: string) {
  const message = sentence(language.t(language.strings.errors.field.hiddenCharacters, { field: fieldName }));
  expect(page.status).toBe(422);
  expect(page.title.startsWith(language.strings.errors.title)).toBe(true);
  expect(page.errorFor(fieldId)).toBe(`${language.strings.errors.title}${message}`);
  expect(page.role('alert')).toContain(message);
}

describe.each(LANGUAGES)('characters nobody types, in $name', (language) => {
  const s = language.strings;

  it('are refused in a tracking number next to the field, the answers kept', async () => {
    const typed = '7KQ4\u0000M9XH-2CP';
    const page = await lookUp(visitor(language), language, typed, ELDER_ID);
    expectRefused(page, language, 'trackingNumber', s.fields.trackingNumber);
    expect(page.valueOf(s.track.secondFactor)).toBe(ELDER_ID);
  });

  it('are refused in a username next to the field', async () => {
    const form = (await visitor(language).get(language.path('/staff/sign-in'))).form(s.staff.signIn.submit);
    const page = await form.fill(s.staff.signIn.username, 'li.ming\u0000').fill(s.staff.signIn.password, 'whatever it is').submit();
    expectRefused(page, language, 'username', s.fields.username);
  });

  it('are refused in a name, a right-to-left override and a zero-width space among them, next to the field', async () => {
    const reader = visitor(language);
    const continueFrom = (page: HtmlPage) => page.form(s.application.continue);
    const eligibility = await reader.get(language.path('/apply/old-age-allowance/eligibility'));
    const elder = await continueFrom(eligibility).check(s.application.district['demo-district']).fill(sentence(s.fields.elder.idNumber), ELDER_ID).submit();
    expect(elder.h1).toBe(s.application.step.elder.title);
    for (const name of ['张\u202e秀英', '张\u200b秀英']) {
      const page = await continueFrom(elder).fill(sentence(s.fields.elder.name), name).fill(sentence(s.fields.elder.phone), '13812345678').submit();
      expectRefused(page, language, 'elder-name', s.fields.elder.name);
      expect(page.valueOf(sentence(s.fields.elder.phone))).toBe('13812345678');
    }
  });

  it('are refused in the holiday form next to the field', async () => {
    const member = await staffVisitor(language, 'system-admin');
    const form = (await member.get(language.path('/staff/holidays'))).form(s.holidays.submit);
    const page = await form
      .fill(sentence(s.fields.year), '2097')
      .fill(sentence(s.fields.source), '国务院办公厅\u0001通知')
      .fill(sentence(s.fields.holidays), '春节 2097-01-20 2097-01-28')
      .submit();
    expectRefused(page, language, 'source', s.fields.source);
    expect(page.valueOf(sentence(s.fields.holidays))).toBe('春节 2097-01-20 2097-01-28');
  });
});
