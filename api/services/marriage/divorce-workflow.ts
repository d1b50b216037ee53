/**
 * Divorce by agreement (协议离婚) as two linked visits of one case (Civil Code arts. 1076–1078):
 *
 *   booked → arrived → divorce-accepted (受理: the couple applied together, the office gives a 受理回执)
 *     … 30 days' cooling-off (离婚冷静期), during which either party may withdraw online;
 *     … then 30 days in which both must come back together: the second visit (second-booked →
 *       second-arrived → divorced), booked for a day inside that window only;
 *     … a window that passes without the registration lapses by itself (视为撤回申请).
 *
 * Both periods count from the day after acceptance, and one whose last day is a rest day or public
 * holiday ends on the next working day (arts. 201, 203). Staff mark the first visit accepted or not
 * accepted (with the reason); a missed second visit may be booked again while the window lasts.
 */
import { z } from 'zod';
import { APPOINTMENT_ENDS, type AppointmentEffect } from '../../domain/booking/appointment-effect.ts';
import type { DateWindow } from '../../domain/booking/schedule.ts';
import { textLines } from '../../domain/text.ts';
import { SAME_STATE, type CaseSnapshot, type ServiceDefinition } from '../../domain/workflow/workflow.ts';

const Reason = z.object({ reason: textLines().trim().min(2).max(500).meta({ control: 'textarea' }) });

/** The periods a divorce application's acceptance starts. */
export const COOLING_OFF = 'cooling-off';
export const SECOND_VISIT_WINDOW = 'second-visit';

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
    lapsed: { terminal: true },
    'no-show': { terminal: true, decided: true },
    cancelled: { terminal: true },
    'cancelled-by-office': { terminal: true },
  },
  deadlines: {},
  periods: {
    [COOLING_OFF]: { calendarDays: 30 },
    [SECOND_VISIT_WINDOW]: { calendarDays: 30, follows: COOLING_OFF },
  },
  // Before the first visit the couple cancels the appointment; once accepted, either withdraws the application.
  applicantStops: ['cancel', 'withdraw'],
  transitions: [
    { name: 'mark-arrived', from: ['booked'], to: 'arrived', by: ['intake'], visibility: 'internal' },
    { name: 'mark-no-show', from: ['booked'], to: 'no-show', by: ['intake'], notify: 'case.appointmentMissed', visibility: 'applicant' },
    { name: 'cancel', from: ['booked'], to: 'cancelled', by: ['applicant'], notify: 'case.appointmentCancelled', visibility: 'applicant' },
    { name: 'reschedule', from: ['booked', 'second-booked'], to: SAME_STATE, by: ['applicant'], notify: 'case.appointmentRescheduled', visibility: 'applicant' },
    { name: 'accept', from: ['arrived'], to: 'divorce-accepted', by: ['intake'], startsPeriods: [COOLING_OFF, SECOND_VISIT_WINDOW], notify: 'case.divorceAccepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['arrived'], to: 'not-accepted', by: ['intake'], input: Reason, notify: 'case.notAccepted', visibility: 'applicant' },
    { name: 'withdraw', from: ['divorce-accepted', 'second-booked'], to: 'withdrawn', by: ['applicant'], untilEndOf: COOLING_OFF, notify: 'case.divorceWithdrawn', visibility: 'applicant' },
    { name: 'book-second-visit', from: ['divorce-accepted'], to: 'second-booked', by: ['applicant'], untilEndOf: SECOND_VISIT_WINDOW, notify: 'case.secondVisitBooked', visibility: 'applicant' },
    { name: 'cancel-second-visit', from: ['second-booked'], to: 'divorce-accepted', by: ['applicant'], notify: 'case.secondVisitCancelled', visibility: 'applicant' },
    { name: 'mark-arrived-second', from: ['second-booked'], to: 'second-arrived', by: ['intake'], visibility: 'internal' },
    { name: 'mark-no-show-second', from: ['second-booked'], to: 'divorce-accepted', by: ['intake'], notify: 'case.secondVisitMissed', visibility: 'applicant' },
    { name: 'register', from: ['second-arrived'], to: 'divorced', by: ['intake'], notify: 'case.divorceRegistered', visibility: 'applicant' },
    // The office closes a booked day (api/appointments/office-admin.ts): a first visit is cancelled; a
    // second visit only, the couple booking another day in their window.
    { name: 'cancel-by-office', from: ['booked'], to: 'cancelled-by-office', by: ['office-admin', 'system-admin'], notify: 'case.appointmentCancelledByOffice', visibility: 'applicant', workbench: false },
    { name: 'second-visit-cancelled-by-office', from: ['second-booked'], to: 'divorce-accepted', by: ['office-admin', 'system-admin'], notify: 'case.secondVisitCancelledByOffice', visibility: 'applicant', workbench: false },
    { name: 'lapse', from: ['divorce-accepted', 'second-booked'], to: 'lapsed', by: ['system'], afterEndOf: SECOND_VISIT_WINDOW, notify: 'case.divorceLapsed', visibility: 'applicant' },
  ],
};

/** What each step does to the visits and the people: the couple stays held from the first visit until the case ends. */
export const divorceAppointmentEffects: Readonly<Record<string, AppointmentEffect>> = {
  'mark-no-show': APPOINTMENT_ENDS.missed,
  cancel: APPOINTMENT_ENDS.cancelled,
  accept: { close: 'completed' },
  'not-accept': APPOINTMENT_ENDS.completed,
  withdraw: APPOINTMENT_ENDS.cancelled,
  'cancel-second-visit': { close: 'cancelled', releasePlace: true },
  'mark-no-show-second': { close: 'no-show' },
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
