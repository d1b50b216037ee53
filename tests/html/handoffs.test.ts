/**
 * The staff case page shows a case's hand-offs (docs/decisions/044): an investigator of the test-only
 * service asks for its household check with the step's own form; the page lists the request, named
 * by the service's words, and, once the test server's worker has sent it to its development receiver
 * (which answers at once), the answer with its result in the reader's words. Both languages, no JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { LANGUAGES } from '../support/site.ts';
import { ensureStaff } from '../support/staff-accounts.ts';
import { en, zhCN } from '../support/test-service/messages.ts';
import { TEST_HANDOFF, TEST_SERVICE } from '../support/test-service/service.ts';
import { draftWithProofAt } from '../support/test-service/proof.ts';
import { baseUrl, visitor, workerPortal } from './support/portal.ts';

const INVESTIGATOR = { username: 'county-allowances-investigator', password: 'a county investigator’s long password', roles: ['investigator' as const], offices: ['demo-county'], serviceAreas: ['allowances'] };

async function applyForTestService(n: number): Promise<string> {
  const draft = await draftWithProofAt(baseUrl());
  const response = await fetch(`${baseUrl()}/api/v1/services/${TEST_SERVICE}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'draft-reference': draft },
    body: JSON.stringify({ person: { name: '王大明', idNumber: personId(n, 'male'), phone: '13812340004' }, household: [{ name: '王小明', relationship: 'child' }], declaration: true }),
  });
  if (response.status !== 201) throw new Error(`applying answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { trackingNumber: string }).trackingNumber;
}

describe.each(LANGUAGES)('a case’s hand-offs on the staff case page, in $name', (language) => {
  const words = (language.code === 'en' ? en : zhCN).case;
  const s = language.strings;

  it('lists the request the step sent, then its answer with the result in the service’s words', async () => {
    const trackingNumber = await applyForTestService(language.code === 'en' ? 7 : 8);
    await ensureStaff(workerPortal(), INVESTIGATOR);
    const member = visitor(language);
    const signInPage = await member.get(language.path('/staff/sign-in'));
    await signInPage.form(s.staff.signIn.submit).fill(s.staff.signIn.username, INVESTIGATOR.username).fill(s.staff.signIn.password, INVESTIGATOR.password).submit();

    let page = await member.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(page.text()).not.toContain(s.workbench.handoffs.title);
    page = await page.form(words.action['request-household-check']).submit();
    expect(page.url.searchParams.get('done')).toBe('request-household-check');
    expect(page.text()).toContain(s.workbench.handoffs.title);
    const listed = page.all('[data-testid="handoffs"] li');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.textContent).toContain(words.handoff[TEST_HANDOFF]);

    // The server's worker sends it within a pass or two (every 2 s); the development receiver answers at once.
    for (let tries = 0; tries < 40 && page.all('[data-testid="handoff-answered"]').length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      page = await member.get(language.path(`/staff/cases/${trackingNumber}`));
    }
    const answered = page.all('[data-testid="handoff-answered"]')[0]?.textContent ?? '';
    expect(answered).toContain(words.handoff[TEST_HANDOFF]);
    expect(answered).toContain(words.value.result['within-limits']);
    // Recorded on the timeline too, by the system, as an internal step.
    expect(page.texts('ol.steps strong')).toContain(`${words.event['record-household-check']} (${s.workbench.internal})`);
  });
});
