/**
 * The status page's panels as data (docs/decisions/036): each service maps a lookup's answer into
 * one view model (facts, notices, the next step with its due date, the timeline, the applicant's
 * actions); a service that registers none (the test-only one) gets one built from its workflow.
 * Both languages, through the real messages.
 */
import { describe, expect, it } from 'vitest';
import type { CaseProgress } from '../../api/cases/case-service.ts';
import { formatDate, LOCALES, translator, type Locale } from '../../api/i18n/index.ts';
import type { StatusContext, StatusPanelView } from '../../api/services/status-panel.ts';
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
  ...over,
});

const contextIn = (lang: Locale): StatusContext => {
  const base = translator(lang);
  return {
    t: base,
    formatDate: (value) => formatDate(value, lang),
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
