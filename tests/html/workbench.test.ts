/**
 * The whole 高龄津贴 case across the two sides, without a browser: an application → the staff
 * (intake, reviewer, approver) open it and act on it with plain forms → the applicant sees each step
 * on the progress page, and the text messages were recorded. Also 补正 (a request for documents,
 * answered), a stale page, a bad field, and personal values shown only on request. Both languages.
 */
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { ELDER_ID } from '../support/applications.ts';
import { applyViaApi } from '../support/portal-api.ts';
import { LANGUAGES, escapeRegExp, sentence, type Language } from '../support/site.ts';
import type { HtmlPage, Visitor } from './support/html-client.ts';
import { outboxWith } from './support/outbox.ts';
import { baseUrl, lookUp, signIn, visitor } from './support/portal.ts';

function workbench(member: Visitor, language: Language) {
  const s = language.strings;
  return {
    /** Signs in and opens the case: typed into the workbench's "find" form as read out on the phone, or by its address. */
    async open(role: StaffRole, trackingNumber: string, from: 'find' | 'address' = 'address'): Promise<HtmlPage> {
      const home = await signIn(member, language, role);
      const page =
        from === 'find'
          ? await home.form(s.workbench.findButton).fill(s.workbench.findLabel, trackingNumber.replaceAll('-', ' ').toLowerCase()).submit()
          : await member.get(language.path(`/staff/cases/${trackingNumber}`));
      expect(page.h1).toBe(language.t(s.workbench.caseTitle, { trackingNumber }));
      return page;
    },
    /** Takes an action through its own form (filling its fields by label); answers the page it led to. */
    async take(page: HtmlPage, name: keyof typeof s.case.action, fields: Record<string, string> = {}): Promise<HtmlPage> {
      const form = page.form(s.case.action[name]);
      expect(form.element.getAttribute('class')).toContain('action-form');
      for (const [label, value] of Object.entries(fields)) form.fill(label, value);
      return form.submit();
    },
    async signOut(): Promise<HtmlPage> {
      const home = await member.get(language.path('/staff'));
      return home.press(s.staff.home.signOut);
    },
  };
}

/** The case's state as the summary shows it (the workbench and the progress page alike). */
const stateOf = (page: HtmlPage) => page.texts('dl.summary strong');

/** The applicant looks their application up with the older person's ID number. */
const trackOnPage = (reader: Visitor, language: Language, trackingNumber: string) => lookUp(reader, language, trackingNumber, ELDER_ID);

describe.each(LANGUAGES)('a case in $name', (language) => {
  const s = language.strings;

  it('goes from application to approval through intake, review and approval; the applicant sees the decision and was sent a text at each step', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const reader = visitor(language);
    const w = workbench(reader, language);

    let page = await w.open('intake', trackingNumber, 'find');
    expect(page.text()).toContain('1101**********' + ELDER_ID.slice(-4));
    expect(page.buttons(s.case.action.review)).toHaveLength(0);
    page = await w.take(page, 'accept');
    expect(page.role('status')).toBe(language.t(s.workbench.done, { action: s.case.action.accept }));
    expect(stateOf(page)).toEqual([s.case.state.accepted]);
    await w.signOut();

    page = await w.open('reviewer', trackingNumber);
    await w.take(page, 'review', { [sentence(s.fields.opinion)]: language.code === 'zh-CN' ? '经审核，符合申领条件，同意上报审批。' : 'Checked: eligible, passed for approval.' });
    await w.signOut();

    page = await w.open('approver', trackingNumber);
    page = await w.take(page, 'approve', { [sentence(s.fields.monthlyAmount)]: '300', [sentence(s.fields.firstMonth)]: '2027-01' });
    expect(stateOf(page)).toEqual([s.case.state.approved]);
    expect(page.text()).toContain(s.workbench.noActions);
    await w.signOut();

    const tracked = await trackOnPage(reader, language, trackingNumber);
    expect(stateOf(tracked)).toEqual([s.case.state.approved]);
    expect(tracked.text()).toContain(s.case.next.approved);
    expect(tracked.text()).toContain(`${sentence(s.fields.monthlyAmount)}${s.punctuation.colon}300`);
    // The decision in force, and how to object to its amount or month as to a refusal (docs/decisions/050).
    expect(tracked.text('[data-testid="decision-monthlyAmount"] dd')).toBe(language.code === 'en' ? '¥300' : '300 元');
    expect(tracked.text('[data-testid="decision-firstMonth"] dd')).toBe(language.code === 'en' ? 'January 2027' : '2027年1月');
    const objection = tracked.one('section[aria-labelledby="objection-heading"]');
    expect(tracked.texts('h2, p', objection)).toEqual([s.case.objection.title, s.case.decision.objectApproved, s.case.objection.review, s.case.objection.help]);

    const decision = language.t(s.notifications.case.approved, { trackingNumber, monthlyAmount: 300, firstMonth: '2027-01' });
    const outbox = await outboxWith(reader, language, decision);
    const cells = outbox.texts('td');
    for (const template of ['submitted', 'accepted', 'reviewed'] as const) {
      expect(cells).toContain(language.t(s.notifications.case[template], { trackingNumber }));
    }
  });

  it('waits for documents (补正): the applicant is told what to bring, and the case resumes when they arrive', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const reader = visitor(language);
    const w = workbench(reader, language);
    const documents = language.code === 'zh-CN' ? '老人本人银行卡的复印件' : 'A copy of the older person’s bank card';
    let page = await w.open('intake', trackingNumber);
    page = await w.take(page, 'accept');
    page = await w.take(page, 'request-documents', { [sentence(s.fields.documents)]: documents });
    expect(stateOf(page)).toEqual([s.case.state['awaiting-documents']]);
    expect(page.text()).toContain(s.staff.queue.dueStatus.paused);
    await w.signOut();

    let tracked = await trackOnPage(reader, language, trackingNumber);
    expect(tracked.text()).toContain(s.track.paused);
    expect(tracked.text('[data-testid="documents-requested"]')).toBe(documents);

    page = await w.open('intake', trackingNumber);
    page = await w.take(page, 'provide-documents');
    expect(stateOf(page)).toEqual([s.case.state.accepted]);
    await w.signOut();
    tracked = await trackOnPage(reader, language, trackingNumber);
    expect(stateOf(tracked)).toEqual([s.case.state.accepted]);
    expect(tracked.has('[data-testid="documents-requested"]')).toBe(false);
  });

  it('refuses an action from a page read before someone else acted, and says to reload', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const member = visitor(language);
    const w = workbench(member, language);
    const page = await w.open('intake', trackingNumber);
    // A second tab of the same member, read at the same version, acts first.
    const other = await member.get(page.url);
    const accepted = await w.take(other, 'accept');
    expect(accepted.role('status')).toBe(language.t(s.workbench.done, { action: s.case.action.accept }));
    const refused = await w.take(page, 'not-accept', { [sentence(s.fields.reason)]: language.code === 'zh-CN' ? '户籍不在本区' : 'Not registered in this district' });
    expect(refused.role('alert')).toContain(s.errors.workbench.changed);
    expect(stateOf(refused)).toEqual([s.case.state.accepted]);
  });

  it('explains a missing reason next to the field and keeps the other answers', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const w = workbench(visitor(language), language);
    const page = await w.take(await w.open('intake', trackingNumber), 'not-accept', { [sentence(s.fields.reason)]: 'x' });
    expect(page.title).toMatch(new RegExp(`^${escapeRegExp(s.errors.title)}`));
    expect(page.errorFor('not-accept-reason')).toContain(sentence(language.t(s.errors.field.tooShort, { field: s.fields.reason, min: 2 })));
    expect(page.one('#not-accept-reason').textContent).toBe('x');
    expect(stateOf(page)).toEqual([s.case.state.submitted]);
  });

  it('shows whole personal values only on request, and says the look is recorded', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const w = workbench(visitor(language), language);
    const page = await w.open('intake', trackingNumber);
    expect(page.text('body')).not.toContain(ELDER_ID);
    const revealed = await page.press(s.workbench.reveal);
    expect(revealed.text()).toContain(ELDER_ID);
    expect(revealed.role('status')).toBe(s.workbench.revealed);
  });
});
