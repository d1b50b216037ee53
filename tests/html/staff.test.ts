/**
 * Staff sign-in without a browser: a plain form, errors next to the fields with the username kept,
 * the workbench front page with its queue and "find a case", and signing out. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { demoUsername } from '../../api/staff/demo-accounts.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { applyViaApi } from '../support/portal-api.ts';
import { LANGUAGES, escapeRegExp } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { baseUrl, signIn, visitor } from './support/portal.ts';

/** The queue section (the region its heading names). */
const queueOf = (page: HtmlPage) => page.one('section[aria-labelledby="queue-heading"]');
/** The tracking numbers the queue lists, each a row's header. */
const queuedNumbers = (page: HtmlPage) => page.texts('th[scope="row"]', queueOf(page));

describe.each(LANGUAGES)('staff in $name', (language) => {
  const s = language.strings;
  // Each language signs in with accounts of its own, and the wrong password goes to an account no
  // other test signs in with: attempts count towards a limit per account and address (decision 014).
  const [member, mistaken]: [StaffRole, StaffRole] = language.code === 'zh-CN' ? ['intake', 'investigator'] : ['reviewer', 'content-editor'];

  it('sign in, see who they are and what they may do, and sign out', async () => {
    const reader = visitor(language);
    const home = await signIn(reader, language, member);
    expect(home.url.href).toMatch(new RegExp(`${escapeRegExp(language.path('/staff'))}$`));
    expect(home.h1).toBe(s.staff.home.title);
    expect(home.text()).toContain(language.t(s.staff.home.signedInAs, { name: `Demo ${member}` }));
    expect(home.hasExactText(s.staff.role[member])).toBe(true);

    const signedOut = await home.press(s.staff.home.signOut);
    expect(signedOut.h1).toBe(s.staff.signIn.title);
    expect((await reader.get(language.path('/staff'))).h1).toBe(s.staff.signIn.title);
  });

  it('see the cases of their office in the queue, longest waiting first, and filter them by time limit', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const reader = visitor(language);
    const home = await signIn(reader, language, member);
    // The filter's states are each service's (grouped by service, docs/decisions/050): 高龄津贴's "submitted".
    const submitted = await home.form(s.staff.queue.apply).fill(s.staff.queue.filterState, 'old-age-allowance:submitted').submit();
    expect(submitted.url.searchParams.get('state')).toBe('old-age-allowance:submitted');
    // The newest application waits behind all the older ones: it is on the last page (the address
    // asks for a page past the end), or just before it when other tests applied since.
    const last = new URL(submitted.url);
    last.searchParams.set('page', '9999');
    let page = await reader.get(last);
    for (let back = 0; back < 3 && !queuedNumbers(page).includes(trackingNumber); back += 1) {
      page = await page.follow(s.staff.queue.previous, queueOf(page));
    }
    const row = page.all('tr', queueOf(page)).find((candidate) => (candidate.textContent ?? '').includes(trackingNumber));
    expect(row?.textContent).toContain(s.case.state.submitted);
    const overdue = await page.form(s.staff.queue.apply).fill(s.staff.queue.filterDue, 'overdue').submit();
    expect(queuedNumbers(overdue)).not.toContain(trackingNumber);
  });

  it('open a case by its number as a caller reads it out, and are told when there is no such case', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const reader = visitor(language);
    const home = await signIn(reader, language, member);
    const found = await home.form(s.workbench.findButton).fill(s.workbench.findLabel, trackingNumber.replaceAll('-', '').toLowerCase()).submit();
    expect(found.h1).toBe(language.t(s.workbench.caseTitle, { trackingNumber }));
    const again = await reader.get(language.path('/staff'));
    const missing = await again.form(s.workbench.findButton).fill(s.workbench.findLabel, '2222-2222-222').submit();
    expect(missing.text()).toContain(s.errors.workbench.notFound);
  });

  it('are told when the password is wrong, with the username kept and the password not', async () => {
    const page = await signIn(visitor(language), language, mistaken, 'not-the-password');
    expect(page.title).toMatch(new RegExp(`^${escapeRegExp(s.errors.title)}`));
    expect(page.role('alert')).toContain(s.staff.signIn.invalid);
    expect(page.valueOf(s.staff.signIn.username)).toBe(demoUsername(mistaken));
    expect(page.valueOf(s.staff.signIn.password)).toBe('');
  });

  it('are told to try again later, and when, after too many attempts, with no field marked wrong', async () => {
    // An account nobody has: it is throttled just like a real one, and no real account's count is used up.
    const username = `no.such.clerk.${language.code.toLowerCase()}`;
    const attempt = async () => {
      const form = await visitor(language).get(language.path('/staff/sign-in'));
      return form.form(s.staff.signIn.submit).fill(s.staff.signIn.username, username).fill(s.staff.signIn.password, 'a guess').submit();
    };
    for (let i = 0; i < 5; i += 1) expect((await attempt()).role('alert')).toContain(s.staff.signIn.invalid);
    const page = await attempt();
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(page.title).toMatch(new RegExp(`^${escapeRegExp(s.errors.title)}`));
    const [before, after] = s.staff.signIn.throttled.split('{{time}}').map((part) => escapeRegExp(part));
    expect(page.role('alert')).toMatch(new RegExp(`${before}\\d.*\\d\\d:\\d\\d${after}`));
    expect(page.valueOf(s.staff.signIn.username)).toBe(username);
    expect(page.field(s.staff.signIn.username).getAttribute('aria-invalid')).toBeNull();
    expect(page.field(s.staff.signIn.password).getAttribute('aria-invalid')).toBeNull();
  });

  it('are told which field is missing when the form is empty', async () => {
    const form = await visitor(language).get(language.path('/staff/sign-in'));
    const page = await form.press(s.staff.signIn.submit);
    expect(page.errorSummary).toContainEqual({ text: s.errors.signIn.usernameRequired, href: '#username' });
    expect(page.errorSummary).toContainEqual({ text: s.errors.signIn.passwordRequired, href: '#password' });
    expect(page.field(s.staff.signIn.username).getAttribute('aria-invalid')).toBe('true');
  });
});
