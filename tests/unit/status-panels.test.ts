/**
 * The status page's panels as data (docs/decisions/036): each service maps a lookup's answer into
 * one view model (facts, notices, the next step with its due date, the timeline, the applicant's
 * actions); a service that registers none (the test-only one) gets one built from its workflow.
 * A decision — an approval as much as a refusal — says what it decided and how to object to it
 * (docs/decisions/050). Both languages, through the real messages.
 */
import { describe, expect, it } from 'vitest';
import type { CaseProgress } from '../../api/cases/case-service.ts';
import { formatDate, formatMonth, formatYuan, LOCALES, translator, type Locale } from '../../api/i18n/index.ts';
import { DECISION_FACTS, OBJECTION_NOTICE, type StatusContext, type StatusPanelView } from '../../api/services/status-panel.ts';
import { caseWords } from '../../site/lib/case-words.ts';
import { statusPanelOf } from '../../site/lib/status-panels.ts';
import { en, zhCN } from '../support/test-service/messages.ts';
import { servicePackages, TEST_SERVICE } from '../support/test-service/service.ts';

const progress = (over: Partial<CaseProgress>): CaseProgress => ({
  trackingNumber: '7KQ4-M9XH-2CP',
  service: 'old-age-allowance',
  state: 'submitted',
  submittedAt: '2026-12-01T02:00:00.000Z',
  timeline: [{ at: '2026-12-01T02:00:00.000Z', transition: 'submit', to: 'submitted', details: {} }],
  deadlines: [],
  handledBy: null,
  documentsRequested: null,
  documentsAnswer: null,
  withdrawable: false,
  applicantStop: null,
  bookingPath: null,
  applicantActions: [],
  appointment: null,
  appointments: [],
  periods: [],
  settings: {},
  rating: { open: false, given: null, followUp: null },
  parts: [],
  claim: null,
  ...over,
});

const contextIn = (lang: Locale): StatusContext => {
  const base = translator(lang);
  return {
    t: base,
    formatDate: (value) => formatDate(value, lang),
    formatMonth: (month) => formatMonth(month, lang),
    formatYuan: (fen) => formatYuan(fen, lang),
    href: (path) => (lang === 'en' ? `/en${path}` : path),
    words: caseWords({ t: base }, servicePackages),
  };
};

const panel = (lang: Locale, answer: CaseProgress, done?: Parameters<ReturnType<typeof statusPanelOf>>[2]): StatusPanelView =>
  statusPanelOf(answer.service, servicePackages)(answer, contextIn(lang), done);

const buttons = (view: StatusPanelView) => view.actions.flatMap((action) => (action.kind === 'form' ? action.buttons.map((button) => `${action.id}:${button.action}`) : [`${action.id}:link`]));

describe.each(LOCALES)('status panels in %s', (lang) => {
  const t = contextIn(lang).t;
  const own = (lang === 'en' ? en : zhCN).case;

  it('gives the test-only service a panel from its workflow: its words, the step coming next, then finished', () => {
    const submitted = panel(lang, progress({ service: TEST_SERVICE }));
    expect(submitted.summary.facts.map((fact) => fact.value).slice(0, 2)).toEqual([own.name, own.state.submitted]);
    expect(submitted.timeline.map((event) => event.name)).toEqual([own.event.submit]);
    expect(submitted.next.text).toBe(t('track.panel.comingNext', { steps: own.event.accept }));
    expect(submitted.actions).toEqual([]);

    const accepted = panel(lang, progress({ service: TEST_SERVICE, state: 'accepted' }));
    expect(accepted.summary.facts[1]).toMatchObject({ value: own.state.accepted, strong: true });
    // Then its public notice (docs/decisions/045), and its approval ends it.
    expect(accepted.next.text).toBe(t('track.panel.comingNext', { steps: own.event['start-notice'] }));
    const approved = panel(lang, progress({ service: TEST_SERVICE, state: 'approved' }));
    expect(approved.next.text).toBe(t('track.panel.finished'));
  });

  it('interpolates the running time limit’s end into its sentence and says what is asked (补正)', () => {
    const view = panel(lang, progress({ state: 'awaiting-documents', documentsRequested: '户口簿复印件', deadlines: [{ key: 'acceptance', dueOn: '2026-12-15', paused: true }, { key: 'review', dueOn: '2026-12-29', paused: false }] }));
    expect(view.next.text).toBe(t('old-age-allowance:case.next.awaiting-documents'));
    expect(view.next.asked).toEqual({ heading: t('track.documentsRequested'), text: '户口簿复印件', testId: 'documents-requested' });
    expect(view.next.paused).toBe(t('track.paused'));
    expect(view.next.due).toBe(t('track.dueBy', { date: formatDate('2026-12-29', lang) }));
  });

  it('offers an application’s withdrawal while it is withdrawable, and says it was done', () => {
    const view = panel(lang, progress({ withdrawable: true, applicantStop: 'withdraw' }));
    expect(buttons(view)).toEqual(['withdraw:confirm-withdraw']);
    expect(view.stop?.confirmTitle).toBe(t('track.withdrawConfirmTitle', { trackingNumber: '7KQ4-M9XH-2CP' }));
    expect(panel(lang, progress({ state: 'withdrawn' }), 'withdraw').said).toBe(t('track.withdrawn'));
  });

  it('offers the answer to 补正 first, its files and note with the limits the lookup states, and says it was received', () => {
    const documentsAnswer = { accept: ['pdf', 'jpeg'], maxFileBytes: 5 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024, filesLeft: 7, noteMaxLength: 200 };
    const view = panel(lang, progress({ state: 'awaiting-documents', withdrawable: true, applicantStop: 'withdraw', applicantActions: ['provide-documents'], documentsAnswer }));
    expect(buttons(view)).toEqual(['provide-documents:provide-documents', 'withdraw:confirm-withdraw']);
    const answer = view.actions[0];
    expect(answer?.kind === 'form' ? answer.inputs : undefined).toEqual([
      { kind: 'file', name: 'files', label: t('track.supplement.files'), hint: t('track.supplement.filesHint', { kinds: 'PDF/JPG', max: '5', count: 7 }), multiple: true, accept: '.pdf,application/pdf,.jpg,.jpeg,image/jpeg' },
      { kind: 'text', name: 'note', label: t('track.supplement.note'), hint: t('track.supplement.noteHint', { max: 200 }), maxLength: 200 },
    ]);
    // The test-only service's panel, built from its workflow, offers it the same way.
    expect(buttons(panel(lang, progress({ service: TEST_SERVICE, state: 'awaiting-documents', documentsAnswer })))[0]).toBe('provide-documents:provide-documents');
    // Without the lookup's word that an answer may be given now, no form.
    expect(buttons(panel(lang, progress({ state: 'awaiting-documents' })))).toEqual([]);
    expect(panel(lang, progress({ state: 'accepted' }), 'provide-documents').said).toBe(t('track.supplement.received'));
  });

  describe('a decision and how to object to it', () => {
    const at = (day: string) => `${day}T02:00:00.000Z`;
    const submitted = { at: at('2026-12-01'), transition: 'submit', to: 'submitted', details: {} };
    const objection = (...lead: string[]) => [...lead, t('social-relief:application.form.object.review'), t('social-relief:application.form.object.help')];
    const noticeOf = (view: StatusPanelView) => view.notices.find((notice) => notice.id === OBJECTION_NOTICE);
    const factsOf = (view: StatusPanelView) => view.details.flatMap((facts) => facts.facts.map((fact) => [fact.testId, fact.label, fact.value]));

    it('says what a 低保 approval granted, from when, and that its amount and month may be challenged as a refusal is, with the law’s periods', () => {
      const approve = { at: at('2026-12-20'), transition: 'approve', to: 'approved', details: { amountFen: '170000', firstMonth: '2027-01', reason: '符合条件。' } };
      const view = panel(lang, progress({ service: 'minimum-living-allowance', state: 'approved', timeline: [submitted, approve] }));
      expect(view.details.map((facts) => facts.heading)).toEqual([t('social-relief:decision.heading')]);
      expect(factsOf(view)).toEqual([
        [`${DECISION_FACTS}-amountFen`, t('social-relief:decision.monthlyAmount'), lang === 'en' ? '¥1,700' : '1,700 元'],
        [`${DECISION_FACTS}-firstMonth`, t('social-relief:decision.firstMonth'), lang === 'en' ? 'January 2027' : '2027年1月'],
      ]);
      expect(noticeOf(view)?.heading).toBe(t('social-relief:application.form.object.title'));
      expect(noticeOf(view)?.paragraphs.map((line) => line.text)).toEqual(objection(t('social-relief:decision.objectApproved')));
      // The periods are the law's: 60 days for a review, 6 months for a lawsuit.
      expect(noticeOf(view)?.paragraphs[1]?.text).toMatch(lang === 'en' ? /within 60 days .* within 6 months/ : /60 日内申请行政复议.*6 个月内/);
      expect(view.next.text).toBe(t('social-relief:dibao.case.next.approved'));
      // The timeline writes the amount kept in fen as money, and the month as a month.
      expect(view.timeline.at(-1)?.details.map((detail) => detail.value)).toEqual([lang === 'en' ? '¥1,700' : '1,700 元', lang === 'en' ? 'January 2027' : '2027年1月', '符合条件。']);
    });

    it('says nothing of objecting before a decision, and only how to object after a refusal, in the same words', () => {
      const before = panel(lang, progress({ service: 'minimum-living-allowance', state: 'awaiting-decision', timeline: [submitted] }));
      expect(before.notices).toEqual([]);
      expect(before.details).toEqual([]);
      const refuse = { at: at('2026-12-20'), transition: 'refuse', to: 'refused', details: { reason: '财产超过规定。' } };
      const refused = panel(lang, progress({ service: 'minimum-living-allowance', state: 'refused', timeline: [submitted, refuse] }));
      expect(refused.details).toEqual([]);
      expect(noticeOf(refused)?.paragraphs.map((line) => line.text)).toEqual(objection());
      // Once the written refusal is delivered and the case closed, the way to object is still said.
      const closed = panel(lang, progress({ service: 'minimum-living-allowance', state: 'closed', timeline: [submitted, refuse, { at: at('2026-12-22'), transition: 'deliver-refusal', to: 'closed', details: {} }] }));
      expect(noticeOf(closed)?.paragraphs.map((line) => line.text)).toEqual(objection());
    });

    it('stands on the latest decision: a cut says the new amount from its month', () => {
      const approve = { at: at('2026-12-20'), transition: 'approve', to: 'approved', details: { amountFen: '170000', firstMonth: '2027-01', reason: '符合条件。' } };
      const reduce = { at: at('2027-03-10'), transition: 'reduce', to: 'approved', details: { amountFen: '90050', fromMonth: '2027-04', reason: '家庭收入增加。' } };
      const view = panel(lang, progress({ service: 'minimum-living-allowance', state: 'approved', timeline: [submitted, approve, reduce] }));
      expect(factsOf(view)).toEqual([
        [`${DECISION_FACTS}-amountFen`, t('social-relief:decision.monthlyAmount'), lang === 'en' ? '¥900.50' : '900.50 元'],
        [`${DECISION_FACTS}-fromMonth`, t('social-relief:decision.reducedFrom'), lang === 'en' ? 'April 2027' : '2027年4月'],
      ]);
      expect(noticeOf(view)?.paragraphs.map((line) => line.text)).toEqual(objection());
    });

    it('names 特困’s care arrangement, and says a 临时救助 grant’s amount once, still after it is paid', () => {
      const support = { at: at('2026-12-20'), transition: 'approve', to: 'approved', details: { amountFen: '150000', firstMonth: '2027-01', careArrangement: 'dispersed', reason: '符合条件。' } };
      const tekun = panel(lang, progress({ service: 'extreme-poverty-support', state: 'approved', timeline: [submitted, support] }));
      expect(factsOf(tekun).at(-1)).toEqual([`${DECISION_FACTS}-careArrangement`, t('social-relief:decision.careArrangement'), t('social-relief:fields.choices.careArrangement.dispersed')]);

      const grant = { at: at('2026-12-20'), transition: 'approve-in-township', to: 'approved', details: { amountFen: '200000', reason: '火灾损失。' } };
      const paid = { at: at('2026-12-21'), transition: 'record-payment', to: 'closed', details: {} };
      const temporary = panel(lang, progress({ service: 'temporary-assistance', state: 'closed', timeline: [submitted, grant, paid] }));
      expect(factsOf(temporary)).toEqual([[`${DECISION_FACTS}-amountFen`, t('social-relief:decision.amount'), lang === 'en' ? '¥2,000' : '2,000 元']]);
      expect(noticeOf(temporary)?.paragraphs.map((line) => line.text)).toEqual(objection(t('social-relief:decision.objectGranted')));
    });

    it('does the same for a 高龄津贴 approval (whole yuan a month) and refusal, in its own words', () => {
      const approve = { at: at('2026-12-20'), transition: 'approve', to: 'approved', details: { monthlyAmount: '300', firstMonth: '2027-01' } };
      const approved = panel(lang, progress({ state: 'approved', timeline: [submitted, approve] }));
      expect(factsOf(approved)).toEqual([
        [`${DECISION_FACTS}-monthlyAmount`, t('old-age-allowance:case.decision.monthlyAmount'), lang === 'en' ? '¥300' : '300 元'],
        [`${DECISION_FACTS}-firstMonth`, t('old-age-allowance:case.decision.firstMonth'), lang === 'en' ? 'January 2027' : '2027年1月'],
      ]);
      const own = ['old-age-allowance:case.objection.review', 'old-age-allowance:case.objection.help'] as const;
      expect(noticeOf(approved)?.paragraphs.map((line) => line.text)).toEqual([t('old-age-allowance:case.decision.objectApproved'), ...own.map((key) => t(key))]);
      const refused = panel(lang, progress({ state: 'refused', timeline: [submitted, { at: at('2026-12-20'), transition: 'refuse', to: 'refused', details: { reason: '年龄不符。' } }] }));
      expect(refused.details).toEqual([]);
      expect(noticeOf(refused)?.heading).toBe(t('old-age-allowance:case.objection.title'));
      expect(noticeOf(refused)?.paragraphs.map((line) => line.text)).toEqual(own.map((key) => t(key)));
    });
  });

  it('shows an appointment’s office and time and offers moving and cancelling it', () => {
    const appointment = { office: 'demo-county-registry', kind: 'marriage', date: '2026-12-10', start: '09:00', end: '09:30', status: 'active', visit: 1 };
    const view = panel(lang, progress({ service: 'marriage-appointment', state: 'booked', withdrawable: true, applicantStop: 'cancel', applicantActions: ['reschedule'], appointment, appointments: [appointment] }));
    expect(view.details[0]?.facts.map((fact) => fact.label)).toEqual([t('track.appointmentKind'), t('track.appointmentOffice'), t('track.appointmentTime')]);
    expect(view.details[0]?.facts[1]).toMatchObject({ place: 'demo-county-registry', valueTestId: 'appointment-office' });
    expect(buttons(view)).toEqual(['reschedule:choose-date', 'withdraw:confirm-withdraw']);
    expect(view.stop?.confirmYes).toBe(t('track.cancelConfirmYes'));
    expect(panel(lang, progress({ service: 'marriage-appointment', state: 'cancelled' }), 'withdraw').said).toBe(t('track.cancelled'));
    const closed = panel(lang, progress({ service: 'marriage-appointment', state: 'cancelled-by-office', bookingPath: '/book/marriage' }));
    expect(closed.next.link).toEqual({ label: t('track.rebook'), href: lang === 'en' ? '/en/book/marriage' : '/book/marriage' });
  });

  it('shows a divorce’s visits and periods, its withdrawal rule, and the second visit to book', () => {
    const first = { office: 'demo-county-registry', kind: 'divorce', date: '2026-12-01', start: '09:00', end: '09:30', status: 'completed', visit: 1 };
    const view = panel(lang, progress({
      service: 'divorce-registration',
      state: 'divorce-accepted',
      applicantActions: ['book-second-visit'],
      appointment: first,
      appointments: [first],
      periods: [{ key: 'cooling-off', from: '2026-12-02', to: '2026-12-31' }, { key: 'second-visit', from: '2027-01-01', to: '2027-01-30' }],
      settings: { withdrawal: { value: 'office-confirms', basis: null, effectiveFrom: null } },
    }), 'book-second-visit');
    expect(view.said).toBe(t('marriage:track.divorce.secondVisitBooked'));
    expect(view.details[0]?.facts[2]).toMatchObject({ testId: 'visit-1', note: t('marriage:track.visitStatus.completed') });
    expect(view.notices[0]?.items.map((item) => item.testId)).toEqual(['cooling-off', 'second-visit-window']);
    expect(view.notices[0]?.paragraphs[1]).toMatchObject({ testId: 'withdrawal-rule', data: { rule: 'office-confirms' } });
    expect(buttons(view)).toEqual(['second-visit:choose-date']);
    expect(view.timeChoices['book-second-visit']?.hint).toBe(t('marriage:track.divorce.secondVisitHint', { from: formatDate('2027-01-01', lang), to: formatDate('2027-01-30', lang) }));
  });
});
