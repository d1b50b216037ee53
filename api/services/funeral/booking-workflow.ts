/**
 * A booking of basic funeral services as a case (docs/decisions/063): booked → completed, or
 * cancelled by the family before the day, or by the home (a cremator down, the family arranging
 * otherwise by phone). Every place it took is given back in the step's transaction when it is
 * cancelled (APPOINTMENT_ENDS), and the deceased is free to be booked again.
 */
import { APPOINTMENT_ENDS, type AppointmentEffect } from '../../engine/booking/appointment-effect.ts';
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';

export const FUNERAL_BOOKING_SERVICE = 'funeral-booking';

export const funeralBookingWorkflow: ServiceDefinition = {
  id: FUNERAL_BOOKING_SERVICE,
  serviceArea: 'funeral',
  initialState: 'booked',
  states: {
    booked: {},
    completed: { terminal: true, decided: true },
    cancelled: { terminal: true },
    'cancelled-by-home': { terminal: true },
  },
  deadlines: {},
  applicantStops: ['cancel'],
  transitions: [
    { name: 'complete', from: ['booked'], to: 'completed', by: ['intake'], visibility: 'applicant' },
    { name: 'cancel', from: ['booked'], to: 'cancelled', by: ['applicant'], visibility: 'applicant' },
    { name: 'cancel-by-home', from: ['booked'], to: 'cancelled-by-home', by: ['intake'], visibility: 'applicant' },
  ],
};

export const funeralBookingEffects: Readonly<Record<string, AppointmentEffect>> = {
  complete: APPOINTMENT_ENDS.completed,
  cancel: APPOINTMENT_ENDS.cancelled,
  'cancel-by-home': APPOINTMENT_ENDS.cancelled,
};
