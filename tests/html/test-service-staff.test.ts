/**
 * Staff work on a case of the test-only service (tests/support/test-service, given to the HTML
 * tier's servers through SERVICE_PACKAGES_MODULE, docs/decisions/029) through the ordinary staff
 * pages: an intake clerk of demo-county sees it in the queue, opens it (values masked) and accepts
 * it with the step's own form; the service, its states, its events and the step are named in the
 * reader's language by the package's own words (`testHousehold.case.*`), as on the applicant's
 * status page, whose panel the package's workflow gives (docs/decisions/036). Both languages, no JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES } from '../support/site.ts';
import { ensureStaff } from '../support/staff-accounts.ts';
import { en, zhCN } from '../support/test-service/messages.ts';
import { TEST_SERVICE } from '../support/test-service/service.ts';
import { draftWithProofAt } from '../support/test-service/proof.ts';
import { baseUrl, lookUp, visitor, workerPortal } from './support/portal.ts';

const COUNTY_INTAKE = { username: 'county-allowances-intake', password: 'a county intake clerk’s long password', roles: ['intake' as const], offices: ['demo-county'], serviceAreas: ['allowances'] };
const PHONE = '13812340003';

async function applyForTestService(): Promise<string> {
  const draft = await draftWithProofAt(baseUrl());
  const response = await fetch(`${baseUrl()}/api/v1/services/${TEST_SERVICE}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'draft-reference': draft },
    body: JSON.stringify({ person: { name: '王大明', idNumber: ELDER_ID, phone: PHONE }, household: [{ name: '王小明', relationship: 'child' }], declaration: true }),
  });
  if (response.status !== 201) throw new Error(`applying answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { trackingNumber: string }).trackingNumber;
}

describe.each(LANGUAGES)('staff work on the test-only service’s case, in $name', (language) => {
  const words = (language.code === 'en' ? en : zhCN).case;
  const s = language.strings;

  it('lists the case in the queue, opens it masked, accepts it with its own step, and the applicant reads it accepted', async () => {
    const trackingNumber = await applyForTestService();
    // The status page's panel comes from the package's workflow alone (docs/decisions/036): no page file names it.
    const before = await lookUp(visitor(language), language, trackingNumber, PHONE);
    expect(before.texts('dl.summary strong')).toEqual([words.state.submitted]);
    expect(before.text()).toContain(language.t(s.track.panel.comingNext, { steps: words.event.accept }));
    expect(before.buttons(s.track.withdrawButton)).toHaveLength(0);
    await ensureStaff(workerPortal(), COUNTY_INTAKE);
    const member = visitor(language);
    const signInPage = await member.get(language.path('/staff/sign-in'));
    const home = await signInPage.form(s.staff.signIn.submit).fill(s.staff.signIn.username, COUNTY_INTAKE.username).fill(s.staff.signIn.password, COUNTY_INTAKE.password).submit();
    expect(home.path).toBe(language.path('/staff'));

    // The queue names the service and the state by the package's words, and the state filter too.
    const row = home.all('tbody tr').find((tr) => tr.textContent?.includes(trackingNumber));
    if (!row) throw new Error(`${trackingNumber} is not in the queue`);
    expect(home.texts('td', row).slice(0, 2)).toEqual([words.name, words.state.submitted]);
    expect(home.texts('#state option').some((option) => option.startsWith(words.state.submitted))).toBe(true);

    let page = await member.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(language.t(s.workbench.caseTitle, { trackingNumber }));
    expect(page.texts('dl.summary dd').slice(0, 2)).toEqual([words.name, words.state.submitted]);
    expect(page.text()).toContain(`${ELDER_ID.slice(0, 4)}**********${ELDER_ID.slice(-4)}`);
    expect(page.text()).not.toContain(ELDER_ID);
    expect(page.text()).toContain(words.event.submit);

    page = await page.form(words.action.accept).submit();
    expect([page.path, page.url.searchParams.get('done')]).toEqual([language.path(`/staff/cases/${trackingNumber}`), 'accept']);
    expect(page.role('status')).toBe(language.t(s.workbench.done, { action: words.action.accept }));
    expect(page.texts('dl.summary strong')).toEqual([words.state.accepted]);
    expect(page.texts('ol.steps strong')).toEqual(expect.arrayContaining([words.event.submit, words.event.accept]));
    expect(page.buttons(words.action.accept)).toHaveLength(0);

    const status = await lookUp(visitor(language), language, trackingNumber, PHONE);
    expect(status.status).toBe(200);
    expect(status.text()).toContain(trackingNumber);
    // The status page names them by the same words.
    expect(status.texts('dl.summary dd')).toEqual(expect.arrayContaining([words.name]));
    expect(status.texts('dl.summary strong')).toEqual([words.state.accepted]);
    expect(status.texts('ol.steps strong')).toEqual(expect.arrayContaining([words.event.submit, words.event.accept]));
    // What comes next is its public notice (docs/decisions/045).
    expect(status.text()).toContain(language.t(s.track.panel.comingNext, { steps: words.event['start-notice'] }));
  });
});
