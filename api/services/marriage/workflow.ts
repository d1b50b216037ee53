/**
 * A marriage registration or certificate reissue appointment as a case: booked → arrived →
 * completed, or no-show; the applicant cancels or moves it before the day (the place is released in
 * the same transaction), or the office closes that day and cancels it. A divorce is its own service
 * (divorce-workflow.ts): two linked visits.
 *
 * The clerk marks a couple arrived on the appointment's day, and not come only once its time is
 * over; a no-show marked by mistake is undone the same day (with the reason, and the couple told),
 * and then no longer counts towards a suspension.
 */
import { z } from 'zod';
import { APPOINTMENT_ENDS, APPOINTMENT_UNDO, type AppointmentEffect } from '../../engine/booking/appointment-effect.ts';
import { APPOINTMENT_MOMENTS, APPOINTMENT_TIMES } from '../../engine/booking/appointment-moments.ts';
import { textLines } from '../../domain/text.ts';
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { Reason } from '../../domain/workflow/step-inputs.ts';

/** Why a step is undone: kept in the timeline and the audit log. */
/** Undoing a no-show says why (the couple came late, the clerk clicked the wrong row): the same input as every reason. */
export const UndoReason = Reason;

export const marriageAppointmentWorkflow: ServiceDefinition = {
  id: 'marriage-appointment',
  serviceArea: 'marriage',
  initialState: 'booked',
  states: {
    booked: {},
    arrived: {},
    completed: { terminal: true, decided: true },
    // Not terminal: a clerk's mistaken mark is undone the same day (undo-no-show).
    'no-show': { decided: true },
    cancelled: { terminal: true },
    'cancelled-by-office': { terminal: true },
  },
  deadlines: {},
  moments: APPOINTMENT_MOMENTS,
  applicantStops: ['cancel'],
  transitions: [
    { name: 'mark-arrived', from: ['booked'], to: 'arrived', by: ['intake'], when: APPOINTMENT_TIMES.onItsDay, visibility: 'internal' },
    { name: 'complete', from: ['arrived'], to: 'completed', by: ['intake'], notify: 'case.appointmentCompleted', visibility: 'applicant' },
    { name: 'mark-no-show', from: ['booked'], to: 'no-show', by: ['intake'], when: APPOINTMENT_TIMES.afterItsEnd, notify: 'case.appointmentMissed', visibility: 'applicant' },
    { name: 'undo-no-show', from: ['no-show'], to: 'booked', by: ['intake'], when: APPOINTMENT_TIMES.dayItWasMissed, input: UndoReason, notify: 'case.noShowUndone', visibility: 'applicant' },
    { name: 'cancel', from: ['booked'], to: 'cancelled', by: ['applicant'], notify: 'case.appointmentCancelled', visibility: 'applicant' },
    // Another day or time, same tracking number: the new place is taken and the old one released together.
    { name: 'reschedule', from: ['booked'], to: 'booked', by: ['applicant'], notify: 'case.appointmentRescheduled', visibility: 'applicant' },
    // The office closes a booked day (api/services/marriage/office-admin.ts): every appointment of the day is
    // cancelled, its place released and the applicant told, with a link to book again, in one transaction.
    { name: 'cancel-by-office', from: ['booked'], to: 'cancelled-by-office', by: ['office-admin', 'system-admin'], notify: 'case.appointmentCancelledByOffice', visibility: 'applicant', workbench: false },
  ],
};

export const marriageAppointmentEffects: Readonly<Record<string, AppointmentEffect>> = {
  complete: APPOINTMENT_ENDS.completed,
  'mark-no-show': APPOINTMENT_ENDS.missed,
  'undo-no-show': APPOINTMENT_UNDO.missed,
  cancel: APPOINTMENT_ENDS.cancelled,
  'cancel-by-office': APPOINTMENT_ENDS.cancelled,
};
