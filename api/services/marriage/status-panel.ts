/**
 * The status panels of marriage registration's appointments (docs/decisions/036): the office and
 * time booked, moving it or cancelling; a divorce's two visits, its cooling-off period and the
 * certificate window, how a party withdraws online at its office, and booking, moving or cancelling
 * the second visit.
 */
import { dynamicKey } from '../../i18n/index.ts';
import type { CaseProgress } from '../case-service.ts';
import { nextStepOf, stopAction, summaryFacts, timelineOf, type StatusAction, type StatusContext, type StatusDone, type StatusFacts, type StatusNotice, type StatusPanel, type TimeChoiceWords } from '../status-panel.ts';
import { WITHDRAWAL_SETTING } from './divorce-workflow.ts';

const slot = ({ t, formatDate }: StatusContext, visit: { date: string; start: string; end: string }) => t('track.appointmentSlot', { date: formatDate(visit.date), start: visit.start, end: visit.end });

function appointmentFacts(progress: CaseProgress, context: StatusContext, visits: 'one' | 'each'): StatusFacts[] {
  const { appointment } = progress;
  if (!appointment || progress.appointments.length === 0) return [];
  const { t } = context;
  return [
    {
      heading: t('track.appointmentTitle'),
      facts: [
        { label: t('track.appointmentKind'), value: t(dynamicKey`marriage:marriage.kind.${appointment.kind}`) },
        { label: t('track.appointmentOffice'), value: appointment.office, place: appointment.office, valueTestId: 'appointment-office' },
        ...(visits === 'each'
          ? progress.appointments.map((visit) => ({
              label: t(dynamicKey`marriage:track.visit.${visit.visit}`),
              value: slot(context, visit),
              testId: `visit-${visit.visit}`,
              ...(visit.status === 'active' ? {} : { note: t(dynamicKey`marriage:track.visitStatus.${visit.status}`) }),
            }))
          : [{ label: t('track.appointmentTime'), value: slot(context, appointment) }]),
      ],
    },
  ];
}

function rescheduleAction(progress: CaseProgress, { t }: StatusContext): StatusAction | undefined {
  if (!progress.applicantActions.includes('reschedule')) return undefined;
  return {
    kind: 'form',
    id: 'reschedule',
    heading: t('track.rescheduleTitle'),
    hint: t('track.rescheduleHint'),
    fields: { choice: 'reschedule' },
    buttons: [
      { label: t('track.rescheduleButton'), action: 'choose-date', style: 'secondary' },
      ...(progress.applicantActions.includes('cancel-second-visit') ? [{ label: t('marriage:track.divorce.cancelSecondVisitButton'), action: 'cancel-second-visit', style: 'secondary' as const }] : []),
    ],
  };
}

const rescheduleWords = ({ t }: StatusContext): TimeChoiceWords => ({
  dateTitle: t('track.rescheduleDateTitle'),
  slotTitle: t('track.rescheduleSlotTitle'),
  hint: t('track.rescheduleHint'),
  confirm: t('track.rescheduleConfirm'),
  ...missingWords(t),
});

const missingWords = (t: StatusContext['t']) => ({ dateMissing: t('marriage:errors.marriage.dateRequired'), timeMissing: t('marriage:errors.marriage.slotRequired') });

const nextStep = (progress: CaseProgress, context: StatusContext) => {
  const next = nextStepOf(progress, context, context.words.next(progress.service, progress.state));
  // An appointment the office cancelled (a closed day) links to booking again.
  return progress.state === 'cancelled-by-office' ? { ...next, link: { label: context.t('track.rebook'), href: context.href(progress.bookingPath ?? '/') } } : next;
};

const isOpen = (action: StatusAction | undefined): action is StatusAction => action !== undefined;

/** 结婚登记 and the other one-visit businesses: the time booked, moved or cancelled. */
export const appointmentStatusPanel: StatusPanel = (progress, context, done) => {
  const { t } = context;
  const { action: stop, stop: stopWords } = stopAction(progress, context, progress.applicantStop === 'cancel' ? 'track.cancel' : 'track.withdraw');
  const said: Partial<Record<StatusDone, string>> = {
    withdraw: t(progress.state === 'cancelled' ? 'track.cancelled' : 'track.withdrawn'),
    reschedule: t('track.rescheduled'),
  };
  return {
    ...(done && said[done] ? { said: said[done] } : {}),
    summary: summaryFacts(progress, context),
    details: appointmentFacts(progress, context, 'one'),
    notices: [],
    next: nextStep(progress, context),
    timeline: timelineOf(progress, context),
    actions: [rescheduleAction(progress, context), stop].filter(isOpen),
    stop: stopWords,
    timeChoices: { reschedule: rescheduleWords(context) },
  };
};

function periodsNotice(progress: CaseProgress, { t, formatDate }: StatusContext): StatusNotice | undefined {
  if (progress.periods.length === 0) return undefined;
  const period = (key: string) => progress.periods.find((p) => p.key === key);
  const coolingOff = period('cooling-off');
  const window = period('second-visit');
  // How a party withdraws online at this office: a request the office confirms, or at once where the province allows it.
  const rule = progress.settings[WITHDRAWAL_SETTING];
  return {
    id: 'periods',
    heading: t('marriage:track.divorce.periodsTitle'),
    items: [
      ...(coolingOff ? [{ text: t('marriage:track.divorce.coolingOff', { from: formatDate(coolingOff.from), to: formatDate(coolingOff.to) }), testId: 'cooling-off' }] : []),
      ...(window ? [{ text: t('marriage:track.divorce.window', { from: formatDate(window.from), to: formatDate(window.to) }), testId: 'second-visit-window' }] : []),
    ],
    paragraphs: [
      { text: t('marriage:track.divorce.coolingOffHint') },
      ...(rule
        ? [{
            text: rule.value === 'immediate' ? t('marriage:track.divorce.withdrawalRule.immediate', { basis: rule.basis ?? '' }) : t('marriage:track.divorce.withdrawalRule.office-confirms'),
            testId: 'withdrawal-rule',
            data: { rule: rule.value },
          }]
        : []),
    ],
  };
}

/** 离婚登记: two visits, the cooling-off period and the window, withdrawal (or a request for it) and the second visit. */
export const divorceStatusPanel: StatusPanel = (progress, context, done) => {
  const { t, formatDate } = context;
  // Cancelling the first visit, a withdrawal the office confirms (the national default) and one at once read differently.
  const prefix = progress.applicantStop === 'cancel' ? 'track.cancel' : progress.applicantStop === 'request-withdrawal' ? 'marriage:track.divorce.requestWithdrawal' : 'marriage:track.divorce.withdraw';
  const { action: stop, stop: stopWords } = stopAction(progress, context, prefix);
  const window = progress.periods.find((p) => p.key === 'second-visit');
  const windowHint = t('marriage:track.divorce.secondVisitHint', { from: window ? formatDate(window.from) : '', to: window ? formatDate(window.to) : '' });
  const bookSecond: StatusAction | undefined = progress.applicantActions.includes('book-second-visit')
    ? { kind: 'form', id: 'second-visit', heading: t('marriage:track.divorce.secondVisitTitle'), hint: windowHint, fields: { choice: 'book-second-visit' }, buttons: [{ label: t('marriage:track.divorce.secondVisitButton'), action: 'choose-date', style: 'primary' }] }
    : undefined;
  // Said after the step, from the state it led to (the stop offered then is no longer open).
  const said: Record<StatusDone, string> = {
    withdraw: t(progress.state === 'cancelled' ? 'track.cancelled' : progress.state === 'withdrawal-requested' ? 'marriage:track.divorce.withdrawalRequested' : 'marriage:track.divorce.withdrawn'),
    reschedule: t('track.rescheduled'),
    'book-second-visit': t('marriage:track.divorce.secondVisitBooked'),
    'cancel-second-visit': t('marriage:track.divorce.secondVisitCancelled'),
    // A divorce is never asked for documents online; said as every service says it, should one be.
    'provide-documents': t('track.supplement.received'),
    // A marriage case has no fee exemption claim (a funeral booking's, docs/decisions/075): said as documents received, should one come.
    'send-exemption-proof': t('track.supplement.received'),
  };
  const notice = periodsNotice(progress, context);
  return {
    ...(done ? { said: said[done] } : {}),
    summary: summaryFacts(progress, context),
    details: appointmentFacts(progress, context, 'each'),
    notices: notice ? [notice] : [],
    next: nextStep(progress, context),
    timeline: timelineOf(progress, context),
    actions: [bookSecond, rescheduleAction(progress, context), stop].filter(isOpen),
    stop: stopWords,
    timeChoices: {
      reschedule: rescheduleWords(context),
      'book-second-visit': { dateTitle: t('marriage:track.divorce.secondVisitDateTitle'), slotTitle: t('marriage:track.divorce.secondVisitSlotTitle'), hint: windowHint, confirm: t('marriage:track.divorce.secondVisitConfirm'), noDays: t('marriage:track.divorce.noDays'), ...missingWords(t) },
    },
  };
};
