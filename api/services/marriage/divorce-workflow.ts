/**
 * Divorce by agreement (协议离婚) as two linked visits of one case (Civil Code arts. 1076–1078):
 *
 *   booked → arrived → divorce-accepted (受理: the couple applied together, the office gives a 受理回执)
 *     … 30 days' cooling-off (离婚冷静期), during which either party may withdraw online;
 *     … then 30 days in which both must come back together: the second visit (second-booked →
 *       second-arrived → divorced), booked for a day inside that window only;
 *     … a window that passes without the registration lapses by itself (视为撤回申请).
 *
 * Withdrawing online is, by the national procedure (民发〔2020〕116号), a request that the accepting
 * office confirms (withdrawal-requested → withdrawn by the intake clerk, or declined with a reason),
 * unless the province allows it outright: the setting `withdrawal`, whose value for a case comes
 * from the rule in force at its office (withdrawal-rules.ts, docs/decisions/025).
 *
 * Both periods count from the day after acceptance, and one whose last day is a rest day or public
 * holiday ends on the next working day (arts. 201, 203). Staff mark the first visit accepted or not
 * accepted (with the reason); a missed second visit may be booked again while the window lasts.
 * As for every appointment, a visit is marked arrived on its day and missed only once its time is
 * over, and a no-show marked by mistake is undone the same day.
 */
import { z } from 'zod';
import { APPOINTMENT_ENDS, APPOINTMENT_UNDO, type AppointmentEffect } from '../../engine/booking/appointment-effect.ts';
import { APPOINTMENT_MOMENTS, APPOINTMENT_TIMES } from '../../engine/booking/appointment-moments.ts';
import type { DateWindow } from '../../engine/booking/schedule.ts';
import { textLines } from '../../domain/text.ts';
import { SAME_STATE, type CaseSnapshot, type ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { Reason } from '../../domain/workflow/step-inputs.ts';
import { UndoReason } from './workflow.ts';
import { DEFAULT_WITHDRAWAL_MODE, WITHDRAWAL_MODES } from './withdrawal-rules.ts';


/** The periods a divorce application's acceptance starts. */
export const COOLING_OFF = 'cooling-off';
export const SECOND_VISIT_WINDOW = 'second-visit';
/** The setting that says how the applicant withdraws online: `office-confirms` (a request) or `immediate`. */
export const WITHDRAWAL_SETTING = 'withdrawal';

export const divorceWorkflow: ServiceDefinition = {
  id: 'divorce-registration',
  serviceArea: 'marriage',
  initialState: 'booked',
  states: {
    booked: {},
    arrived: {},
    'not-accepted': { terminal: true, decided: true },
    'divorce-accepted': {},
    'second-booked': {},
    'second-arrived': {},
    divorced: { terminal: true, decided: true },
    withdrawn: { terminal: true },
    // A party asked online to withdraw; the accepting office confirms it (or declines, with the reason).
    'withdrawal-requested': {},
    lapsed: { terminal: true },
    'no-show': { decided: true },
    cancelled: { terminal: true },
    'cancelled-by-office': { terminal: true },
  },
  // The office's own target for answering an online withdrawal request, so that it heads the queue
  // (not a statutory limit: the national procedure confirms a withdrawal made in person at once).
  deadlines: { 'withdrawal-confirmation': { workingDays: 1 } },
  settings: { [WITHDRAWAL_SETTING]: { values: WITHDRAWAL_MODES, default: DEFAULT_WITHDRAWAL_MODE } },
  periods: {
    [COOLING_OFF]: { calendarDays: 30 },
    [SECOND_VISIT_WINDOW]: { calendarDays: 30, follows: COOLING_OFF },
  },
  moments: APPOINTMENT_MOMENTS,
  // Before the first visit the couple cancels the appointment; once accepted, either withdraws the application.
  applicantStops: ['cancel', 'withdraw', 'request-withdrawal'],
  transitions: [
    { name: 'mark-arrived', from: ['booked'], to: 'arrived', by: ['intake'], when: APPOINTMENT_TIMES.onItsDay, visibility: 'internal' },
    { name: 'mark-no-show', from: ['booked'], to: 'no-show', by: ['intake'], when: APPOINTMENT_TIMES.afterItsEnd, notify: 'case.appointmentMissed', visibility: 'applicant' },
    { name: 'undo-no-show', from: ['no-show'], to: 'booked', by: ['intake'], when: APPOINTMENT_TIMES.dayItWasMissed, input: UndoReason, notify: 'case.noShowUndone', visibility: 'applicant' },
    // A divorce's own texts, never a marriage registration's wording.
    { name: 'cancel', from: ['booked'], to: 'cancelled', by: ['applicant'], notify: 'case.divorceAppointmentCancelled', visibility: 'applicant' },
    { name: 'reschedule', from: ['booked', 'second-booked'], to: SAME_STATE, by: ['applicant'], notify: 'case.divorceAppointmentRescheduled', visibility: 'applicant' },
    { name: 'accept', from: ['arrived'], to: 'divorce-accepted', by: ['intake'], startsPeriods: [COOLING_OFF, SECOND_VISIT_WINDOW], notify: 'case.divorceAccepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['arrived'], to: 'not-accepted', by: ['intake'], input: Reason, notify: 'case.notAccepted', visibility: 'applicant' },
    // Where the province allows it outright, the withdrawal takes effect when sent; elsewhere it is a request the office confirms.
    { name: 'withdraw', from: ['divorce-accepted', 'second-booked'], to: 'withdrawn', by: ['applicant'], untilEndOf: COOLING_OFF, onlyIf: { setting: WITHDRAWAL_SETTING, is: 'immediate' }, notify: 'case.divorceWithdrawn', visibility: 'applicant' },
    {
      name: 'request-withdrawal',
      from: ['divorce-accepted', 'second-booked'],
      to: 'withdrawal-requested',
      by: ['applicant'],
      untilEndOf: COOLING_OFF,
      onlyIf: { setting: WITHDRAWAL_SETTING, is: 'office-confirms' },
      startsDeadlines: ['withdrawal-confirmation'],
      notify: 'case.divorceWithdrawalRequested',
      visibility: 'applicant',
    },
    // Sent in time, the request stands after the cooling-off period: the office confirms it whenever it checks it.
    { name: 'confirm-withdrawal', from: ['withdrawal-requested'], to: 'withdrawn', by: ['intake'], stopsDeadlines: ['withdrawal-confirmation'], notify: 'case.divorceWithdrawalConfirmed', visibility: 'applicant' },
    { name: 'decline-withdrawal', from: ['withdrawal-requested'], to: 'divorce-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['withdrawal-confirmation'], notify: 'case.divorceWithdrawalDeclined', visibility: 'applicant' },
    { name: 'book-second-visit', from: ['divorce-accepted'], to: 'second-booked', by: ['applicant'], untilEndOf: SECOND_VISIT_WINDOW, notify: 'case.secondVisitBooked', visibility: 'applicant' },
    { name: 'cancel-second-visit', from: ['second-booked'], to: 'divorce-accepted', by: ['applicant'], notify: 'case.secondVisitCancelled', visibility: 'applicant' },
    { name: 'mark-arrived-second', from: ['second-booked'], to: 'second-arrived', by: ['intake'], when: APPOINTMENT_TIMES.onItsDay, visibility: 'internal' },
    { name: 'mark-no-show-second', from: ['second-booked'], to: 'divorce-accepted', by: ['intake'], when: APPOINTMENT_TIMES.afterItsEnd, notify: 'case.secondVisitMissed', visibility: 'applicant' },
    // Only while the latest visit is the one marked missed, on that day (appointmentMissedAt).
    { name: 'undo-no-show-second', from: ['divorce-accepted'], to: 'second-booked', by: ['intake'], when: APPOINTMENT_TIMES.dayItWasMissed, input: UndoReason, notify: 'case.secondVisitNoShowUndone', visibility: 'applicant' },
    { name: 'register', from: ['second-arrived'], to: 'divorced', by: ['intake'], notify: 'case.divorceRegistered', visibility: 'applicant' },
    // The office closes a booked day (api/services/marriage/office-admin.ts): a first visit is cancelled; a
    // second visit only, the couple booking another day in their window.
    { name: 'cancel-by-office', from: ['booked'], to: 'cancelled-by-office', by: ['office-admin', 'system-admin'], notify: 'case.appointmentCancelledByOffice', visibility: 'applicant', workbench: false },
    { name: 'second-visit-cancelled-by-office', from: ['second-booked'], to: 'divorce-accepted', by: ['office-admin', 'system-admin'], notify: 'case.secondVisitCancelledByOffice', visibility: 'applicant', workbench: false },
    { name: 'lapse', from: ['divorce-accepted', 'second-booked', 'withdrawal-requested'], to: 'lapsed', by: ['system'], afterEndOf: SECOND_VISIT_WINDOW, stopsDeadlines: ['withdrawal-confirmation'], notify: 'case.divorceLapsed', visibility: 'applicant' },
  ],
};

/** What each step does to the visits and the people: the couple stays held from the first visit until the case ends. */
export const divorceAppointmentEffects: Readonly<Record<string, AppointmentEffect>> = {
  'mark-no-show': APPOINTMENT_ENDS.missed,
  'undo-no-show': APPOINTMENT_UNDO.missed,
  cancel: APPOINTMENT_ENDS.cancelled,
  accept: { close: 'completed' },
  'not-accept': APPOINTMENT_ENDS.completed,
  withdraw: APPOINTMENT_ENDS.cancelled,
  // A booked second visit is given back at once; the couple stays held until the office confirms.
  'request-withdrawal': { close: 'cancelled', releasePlace: true },
  'confirm-withdrawal': APPOINTMENT_ENDS.cancelled,
  'cancel-second-visit': { close: 'cancelled', releasePlace: true },
  'mark-no-show-second': { close: 'no-show' },
  'undo-no-show-second': APPOINTMENT_UNDO.missedSecondVisit,
  register: APPOINTMENT_ENDS.completed,
  lapse: APPOINTMENT_ENDS.cancelled,
  'cancel-by-office': APPOINTMENT_ENDS.cancelled,
  'second-visit-cancelled-by-office': { close: 'cancelled', releasePlace: true },
};

/**
 * The days a divorce's second visit may be booked for (or moved to): the window after the
 * cooling-off period, while the case waits for that visit; undefined otherwise.
 */
export function secondVisitWindow(snapshot: CaseSnapshot): DateWindow | undefined {
  if (snapshot.state !== 'divorce-accepted' && snapshot.state !== 'second-booked') return undefined;
  const window = snapshot.periods?.find((period) => period.key === SECOND_VISIT_WINDOW);
  return window ? { from: window.from, to: window.to } : undefined;
}
