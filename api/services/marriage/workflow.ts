/**
 * A marriage registration or certificate reissue appointment as a case: booked → arrived →
 * completed, or no-show; the applicant cancels or moves it before the day (the place is released in
 * the same transaction), or the office closes that day and cancels it. A divorce is its own service
 * (divorce-workflow.ts): two linked visits.
 */
import { APPOINTMENT_ENDS, type AppointmentEffect } from '../../domain/booking/appointment-effect.ts';
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';

export const marriageAppointmentWorkflow: ServiceDefinition = {
  id: 'marriage-appointment',
  serviceArea: 'marriage',
  initialState: 'booked',
  states: {
    booked: {},
    arrived: {},
    completed: { terminal: true, decided: true },
    'no-show': { terminal: true, decided: true },
    cancelled: { terminal: true },
    'cancelled-by-office': { terminal: true },
  },
  deadlines: {},
  applicantStops: ['cancel'],
  transitions: [
    { name: 'mark-arrived', from: ['booked'], to: 'arrived', by: ['intake'], visibility: 'internal' },
    { name: 'complete', from: ['arrived'], to: 'completed', by: ['intake'], notify: 'case.appointmentCompleted', visibility: 'applicant' },
    { name: 'mark-no-show', from: ['booked'], to: 'no-show', by: ['intake'], notify: 'case.appointmentMissed', visibility: 'applicant' },
    { name: 'cancel', from: ['booked'], to: 'cancelled', by: ['applicant'], notify: 'case.appointmentCancelled', visibility: 'applicant' },
    // Another day or time, same tracking number: the new place is taken and the old one released together.
    { name: 'reschedule', from: ['booked'], to: 'booked', by: ['applicant'], notify: 'case.appointmentRescheduled', visibility: 'applicant' },
    // The office closes a booked day (api/appointments/office-admin.ts): every appointment of the day is
    // cancelled, its place released and the applicant told, with a link to book again, in one transaction.
    { name: 'cancel-by-office', from: ['booked'], to: 'cancelled-by-office', by: ['office-admin', 'system-admin'], notify: 'case.appointmentCancelledByOffice', visibility: 'applicant', workbench: false },
  ],
};

export const marriageAppointmentEffects: Readonly<Record<string, AppointmentEffect>> = {
  complete: APPOINTMENT_ENDS.completed,
  'mark-no-show': APPOINTMENT_ENDS.missed,
  cancel: APPOINTMENT_ENDS.cancelled,
  'cancel-by-office': APPOINTMENT_ENDS.cancelled,
};
