/**
 * The staff pages as a member reads them, without a browser, in both languages:
 * - every value has a name in the reader's language and every date is written as people write it:
 *   no office or district id (`demo-…`), no service-area id, no ISO day or month in the text of the
 *   workbench, a case (an approved 高龄津贴 case, one awaiting approval, a marriage appointment), the
 *   office's day, the offices pages and the holidays page (what a field's hint says to type, and
 *   what a form field holds, are not values read);
 * - a staff header with the member, their office and signing out, instead of the citizen header's
 *   elder mode, read-aloud and search; a staff page is never in elder mode;
 * - the approver's form comes filled in with what the district's standard proposes, the standard
 *   and the elder's age beside it; the reviewer's 审核通过 asks for an opinion, which the case then
 *   shows to staff, and the applicant's status page does not.
 */
import { describe, expect, it } from 'vitest';
import { ELDER_COOKIE } from '../../api/domain/preferences.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { proposeAllowance } from '../../api/services/old-age-allowance/rules.ts';
import { ELDER_ID, marriageAppointment } from '../support/applications.ts';
import { addDays, applyViaApi, bookableSlot, bookedViaApi, chinaToday, staffCookie, takeStep } from '../support/portal-api.ts';
import { LANGUAGES, sentence, type Language } from '../support/site.ts';
import type { HtmlPage, Visitor } from './support/html-client.ts';
import { landmarks, textNodes } from './support/landmarks.ts';
import { baseUrl, lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';

const REGISTRY = 'demo-district-registry';
const OPINION = { 'zh-CN': '经审核，老人户籍和年龄属实，发放账户为本人账户，同意上报审批。', en: 'Checked the residence, age and account: eligible, passed for approval.' };
/** Tracking numbers are read as they are (digits and letters in groups): taken out before looking for dates. */
const TRACKING_NUMBER = /\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}\b/g;
const SERVICE_AREA_IDS = /\b(allowances|marriage|relief|funeral)\b/;

/**
 * The text a member reads on the page, without what a form field holds (a textarea's text) and the
 * field hints, which say in what form to type a value (YYYY-MM-DD) rather than show one.
 */
function readText(page: HtmlPage): string {
  return textNodes(page)
    .filter(({ parent }) => parent.tagName.toLowerCase() !== 'title' && !parent.closest('textarea, .form-group [id$="-hint"]'))
    .map(({ text }) => text)
    .join(' ')
    .replace(TRACKING_NUMBER, '·');
}

/** Ids and machine dates in the page's text, each with a little of the text around it. */
function rawValues(page: HtmlPage, language: Language): string[] {
  const text = readText(page);
  const patterns = [/demo-[a-z-]+/g, /\d{4}-\d{2}(-\d{2})?/g, ...(language.code === 'zh-CN' ? [new RegExp(SERVICE_AREA_IDS.source, 'g')] : [])];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => `${page.path}: …${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30)}…`));
}

/** The staff header: the member and their office, signing out; none of the citizen header's tools. */
function expectStaffHeader(page: HtmlPage, language: Language, role: StaffRole | undefined) {
  const s = language.strings;
  const [banner] = landmarks(page, 'banner');
  if (!banner) throw new Error(`${page.path} has no banner`);
  if (role) {
    expect(page.text('[data-testid="staff-member"]'), page.path).toBe(language.t(s.staff.header.member, { name: `Demo ${role}`, offices: s.staff.office['demo-district'] }));
    expect(page.buttons(s.staff.home.signOut, banner), page.path).toHaveLength(1);
  } else {
    expect(page.buttons(s.staff.home.signOut), page.path).toHaveLength(0);
  }
  expect(page.buttons(s.elder.switchOn), `${page.path}: elder mode`).toHaveLength(0);
  expect(page.has('form[action="/preferences"]'), `${page.path}: elder mode`).toBe(false);
  expect(page.has('astro-island[component-url*="ReadAloud"], .read-aloud-space'), `${page.path}: read-aloud`).toBe(false);
  expect(page.has('input[type="search"], form[action$="/search"]'), `${page.path}: citizen search`).toBe(false);
  expect(page.links(s.nav.services), `${page.path}: citizen navigation`).toHaveLength(0);
}

/** A 高龄津贴 application taken to the approver (accepted, reviewed with an opinion) through the API. */
async function reviewedCase(language: Language): Promise<string> {
  const trackingNumber = await applyViaApi(baseUrl(), language.code);
  await takeStep(baseUrl(), await staffCookie(workerPortal(), 'intake'), trackingNumber, 'accept');
  await takeStep(baseUrl(), await staffCookie(workerPortal(), 'reviewer'), trackingNumber, 'review', { opinion: OPINION[language.code] });
  return trackingNumber;
}

/** What the demo district's standard proposes today for the test elder (born 1 March 1940). */
function proposalToday() {
  const district = OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === 'demo-district');
  if (!district) throw new Error('no demo district');
  return proposeAllowance(district, '1940-03-01', chinaToday());
}

/** A day for an office closure of this test's own, well past the booking window, so no other test's booking is on it. */
const closureDay = (language: Language) => addDays(chinaToday(), language.code === 'zh-CN' ? 50 : 51);

describe.each(LANGUAGES)('staff pages in $name', (language) => {
  const s = language.strings;

  it('show every value by its name and every date as people write it, under a staff header, on every staff page', async () => {
    // A case at each step a member reads: approved (with its first month), awaiting approval, and a booked appointment.
    const approved = await reviewedCase(language);
    await takeStep(baseUrl(), await staffCookie(workerPortal(), 'approver'), approved, 'approve', { monthlyAmount: 60, firstMonth: proposalToday().firstMonth });
    const awaiting = await reviewedCase(language);
    const slot = await bookableSlot(baseUrl(), REGISTRY);
    const appointment = await bookedViaApi(baseUrl(), marriageAppointment(people(), { ...slot, office: REGISTRY }), language.code);

    const pages: { role: StaffRole; page: (member: Visitor) => Promise<HtmlPage> }[] = [
      { role: 'intake', page: (member) => member.get(language.path('/staff')) },
      { role: 'approver', page: (member) => member.get(language.path(`/staff/cases/${approved}`)) },
      { role: 'approver', page: (member) => member.get(language.path(`/staff/cases/${awaiting}`)) },
      { role: 'intake', page: (member) => member.get(language.path(`/staff/cases/${appointment}`)) },
      { role: 'intake', page: (member) => member.get(language.path(`/staff/appointments?office=${REGISTRY}&date=${slot.date}`)) },
      { role: 'office-admin', page: (member) => member.get(language.path('/staff/offices')) },
      {
        role: 'office-admin',
        // With a closed day listed.
        page: async (member) => {
          const office = await member.get(language.path(`/staff/offices/${REGISTRY}`));
          return office.form(s.officeAdmin.addClosure).fill(sentence(s.fields.date), closureDay(language)).submit();
        },
      },
      { role: 'system-admin', page: (member) => member.get(language.path('/staff/holidays')) },
      { role: 'intake', page: (member) => member.get(language.path('/staff/rules')) },
      { role: 'intake', page: (member) => member.get(language.path('/staff/rules/old-age-allowance.standards')) },
      { role: 'system-admin', page: (member) => member.get(language.path('/staff/rules/marriage.withdrawal-rules')) },
      { role: 'intake', page: (member) => member.get(language.path('/staff/rules/social-relief.standards')) },
      { role: 'intake', page: (member) => member.get(language.path('/staff/follow-ups?show=all')) },
      { role: 'office-admin', page: (member) => member.get(language.path('/staff/ratings')) },
    ];
    const found: string[] = [];
    const members = new Map<StaffRole, Visitor>();
    for (const { role, page: open } of pages) {
      const member = members.get(role) ?? (await staffVisitor(language, role));
      members.set(role, member);
      // A member who turned elder mode on as a citizen still gets the workbench as it is.
      member.setCookie(ELDER_COOKIE, '1');
      const page = await open(member);
      expect(page.status, page.path).toBe(200);
      expect(page.classes, page.path).not.toContain('elder');
      expectStaffHeader(page, language, role);
      found.push(...rawValues(page, language));
    }
    expect(found).toEqual([]);

    // The names the scan could not tell apart from words: the member's offices and service areas on the front page.
    const home = await (members.get('intake') as Visitor).get(language.path('/staff'));
    const scope = (term: string) => {
      const row = home.all('dl.summary > div').find((candidate) => home.texts('dt', candidate)[0] === term);
      return row ? home.texts('dd', row)[0] : undefined;
    };
    expect(scope(s.staff.home.offices)).toBe(s.staff.office['demo-district']);
    expect(scope(s.staff.home.serviceAreas)).toBe([s.staff.serviceArea.allowances, s.staff.serviceArea.marriage, s.staff.serviceArea.relief, s.staff.serviceArea.funeral].join(s.punctuation.inlineList));

    // Leave the office open again for whoever comes next.
    const office = await (members.get('office-admin') as Visitor).get(language.path(`/staff/offices/${REGISTRY}`));
    await office.press(language.t(s.officeAdmin.reopenLabel, { date: language.date(closureDay(language)) }));
  });

  it('have a staff header on the sign-in page too, without a member', async () => {
    const page = await visitor(language).get(language.path('/staff/sign-in'));
    expectStaffHeader(page, language, undefined);
  });

  it('sign the member out from the header', async () => {
    const member = await staffVisitor(language, 'intake');
    const page = await member.get(language.path('/staff/holidays'));
    const [banner] = landmarks(page, 'banner');
    if (!banner) throw new Error('no banner');
    const [button] = page.buttons(s.staff.home.signOut, banner);
    expect(button).toBeDefined();
    const signedOut = await page.press(s.staff.home.signOut);
    expect(signedOut.h1).toBe(s.staff.signIn.title);
    expect((await member.get(language.path('/staff'))).h1).toBe(s.staff.signIn.title);
  });

  it('give the approver the elder’s age and the district’s standard, with the approval filled in as it proposes, and let them change it', async () => {
    const trackingNumber = await reviewedCase(language);
    const proposal = proposalToday();
    const amount = String(proposal.monthlyAmount);
    const member = await staffVisitor(language, 'approver');
    const page = await member.get(language.path(`/staff/cases/${trackingNumber}`));

    expect(page.text('[data-testid="aid-age"]')).toBe(language.t(s.aid.ageValue, { age: proposal.age }));
    const standard = page.one('[data-testid="aid-standard"]');
    expect(page.text('[data-testid="aid-standard"] caption')).toContain(language.t(s.aid.caption, { district: s.application.district['demo-district'], from: language.date(proposal.standard?.effectiveFrom ?? '') }));
    expect(page.text('[data-testid="aid-standard"] caption')).toContain(s.guide.example);
    const current = page.all('tr.current-band', standard).map((row) => page.texts('th, td', row).join(' '));
    expect(current).toEqual([expect.stringContaining(language.t(s.aid.amount, { amount }))]);
    expect(current[0]).toContain(s.aid.thisBand);
    expect(page.text('[data-testid="decision-aid"]')).toContain(language.t(s.workbench.aid.example, { year: proposal.standard?.sourceYear ?? 0 }));

    const approve = page.form(s.case.action.approve);
    expect(page.valueOf(sentence(s.fields.monthlyAmount))).toBe(amount);
    expect(page.valueOf(sentence(s.fields.firstMonth))).toBe(proposal.firstMonth);
    expect(page.descriptionOf(page.field(sentence(s.fields.monthlyAmount)))).toBe(language.t(s.aid.hint.monthlyAmount, { district: s.application.district['demo-district'], age: proposal.age, amount }));

    // The approver decides otherwise: what they sent is what the case records.
    const decided = await approve.fill(sentence(s.fields.monthlyAmount), '75').submit();
    expect(decided.text('ol.steps')).toContain(`${sentence(s.fields.monthlyAmount)}${s.punctuation.colon}75`);
    expect(decided.has('[data-testid="decision-aid"]')).toBe(false);
  });

  it('ask the reviewer for an opinion; the case then shows it to staff, and the applicant’s status page does not', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    await takeStep(baseUrl(), await staffCookie(workerPortal(), 'intake'), trackingNumber, 'accept');
    const reviewer = await staffVisitor(language, 'reviewer');
    const page = await reviewer.get(language.path(`/staff/cases/${trackingNumber}`));
    const opinion = sentence(s.fields.opinion);
    expect(page.descriptionOf(page.field(opinion))).toBe(s.workbench.fieldHint.opinion);

    const refused = await page.form(s.case.action.review).submit();
    expect(refused.status).toBe(422);
    expect(refused.errorFor('review-opinion')).toContain(sentence(language.t(s.errors.field.tooShort, { field: s.fields.opinion, min: 2 })));

    const reviewed = await refused.form(s.case.action.review).fill(opinion, OPINION[language.code]).submit();
    expect(reviewed.role('status')).toBe(language.t(s.workbench.done, { action: s.case.action.review }));
    expect(reviewed.text('ol.steps')).toContain(`${opinion}${s.punctuation.colon}${OPINION[language.code]}`);

    const tracked = await lookUp(visitor(language), language, trackingNumber, ELDER_ID);
    expect(tracked.text('ol.steps')).toContain(s.case.event.review);
    expect(tracked.text()).not.toContain(OPINION[language.code]);
  });
});
