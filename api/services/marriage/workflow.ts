/**
 * A marriage registration appointment as a case: booked → arrived → completed, or no-show; the
 * applicant cancels before the day (the place is released in the same transaction), or the office
 * closes that day and cancels it. Divorce's
 * acceptance and cooling-off period come with the divorce slice of the booking journey.
 */
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
  applicantStop: 'cancel',
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
