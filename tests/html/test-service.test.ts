/**
 * A service defined only in the tests (tests/support/test-service, loaded by the HTML tier's servers
 * through SERVICE_PACKAGES_MODULE) runs end to end through the generic pages and the generic
 * application route, without a page file of its own (docs/decisions/029): its task list's statuses,
 * an add-another of household members (add two, change one, remove one with a confirmation), the
 * check page and the tracking number. Both languages, no JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES } from '../support/site.ts';
import { en, zhCN } from '../support/test-service/messages.ts';
import { TEST_SERVICE } from '../support/test-service/service.ts';
import type { HtmlPage } from './support/html-client.ts';
import { visitor } from './support/portal.ts';

const BASE = `/apply/${TEST_SERVICE}`;
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
const statuses = (page: HtmlPage) => Object.fromEntries(page.all('[data-status]').map((tag) => [tag.id.replace('status-', ''), tag.getAttribute('data-status')]));

describe.each(LANGUAGES)('the test-only service through the generic pages, in $name', (language) => {
  const words = language.code === 'en' ? en : zhCN;
  const s = language.strings;

  it('goes from the task list through add another to a tracking number', async () => {
    const reader = visitor(language);
    const start = await reader.get(language.path(BASE));
    expect(start.status).toBe(200);
    expect(start.h1).toBe(words.testHousehold.start.title);

    let list = await reader.get(language.path(`${BASE}/task-list`));
    expect(list.h1).toBe(words.testHousehold.step['task-list'].title);
    expect(statuses(list)).toEqual({ 'about-you': 'not-started', household: 'cannot-start', declaration: 'cannot-start' });

    // About you: a mistyped phone comes back with its message, then the section is completed.
    const refused = await reader.post(language.path(`${BASE}/about-you`), { 'person.name': '王大明', 'person.idNumber': ELDER_ID, 'person.phone': '12' });
    expect(refused.status).toBe(422);
    expect(refused.errorFor('person-phone')).toContain(words.errors.testHousehold.phone);
    list = await reader.post(language.path(`${BASE}/about-you`), { 'person.name': '王大明', 'person.idNumber': ELDER_ID, 'person.phone': '13812340002' });
    expect(list.path).toBe(language.path(`${BASE}/task-list`));
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'not-started', declaration: 'cannot-start' });

    // Household: continuing with nobody is refused next to the list; add two, change one, remove one.
    let household = await reader.post(language.path(`${BASE}/household`), {});
    expect(household.status).toBe(422);
    expect(household.errorSummary.map((problem) => problem.text)).toEqual([s.application.addAnother.atLeast.replace('{{min}}', '1')]);
    household = await reader.post(language.path(`${BASE}/household?item=0`), { 'household.0.name': '王小明', 'household.0.relationship': 'child' });
    expect(household.path).toBe(language.path(`${BASE}/household`));
    household = await reader.post(language.path(`${BASE}/household?item=1`), { 'household.1.name': '李芳', 'household.1.relationship': 'spouse' });
    expect(household.all('dt').map((dt) => dt.textContent)).toEqual(['王小明', '李芳']);
    household = await reader.post(language.path(`${BASE}/household?item=0`), { 'household.0.name': '王小华', 'household.0.relationship': 'child' });
    expect(household.all('dt').map((dt) => dt.textContent)).toEqual(['王小华', '李芳']);
    const confirm = await reader.get(language.path(`${BASE}/household?remove=1`));
    expect(confirm.h1).toBe(words.testHousehold.step['household-remove'].title);
    household = await reader.post(language.path(`${BASE}/household?remove=1`), { confirm: 'no' });
    expect(household.all('dt')).toHaveLength(2);
    household = await reader.post(language.path(`${BASE}/household?remove=1`), { confirm: 'yes' });
    expect(household.all('dt').map((dt) => dt.textContent)).toEqual(['王小华']);
    list = await reader.post(language.path(`${BASE}/household`), {});
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'completed', declaration: 'not-started' });

    // The declaration, then the check page and the tracking number.
    list = await reader.post(language.path(`${BASE}/declaration`), { declaration: 'yes' });
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'completed', declaration: 'completed' });
    const check = await reader.get(language.path(`${BASE}/check`));
    expect(check.status).toBe(200);
    expect(check.all('dd').some((dd) => dd.textContent === '王小华')).toBe(true);
    const confirmation = await check.form(s.application.submit).submit();
    expect(confirmation.h1).toBe(words.testHousehold.confirmation.title);
    expect(confirmation.one('[data-testid="tracking-number"]').textContent).toMatch(TRACKING_NUMBER);
  });
});
