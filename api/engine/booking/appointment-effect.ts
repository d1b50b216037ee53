/**
 * What a step of a case does to its appointments and to the people on them. A case service names
 * the effect of each of its transitions; the data layer carries it out in the transaction that
 * records the step, so that a place is never lost and a person never stays blocked by a case that
 * has ended.
 */
export interface AppointmentEffect {
  /** How the active appointment ends, if it does: its slot was used (completed, no-show) or not (cancelled). */
  close?: 'cancelled' | 'completed' | 'no-show';
  /** The ended appointment's place goes back to its slot (only for one not used). */
  releasePlace?: boolean;
  /**
   * The person's business of this kind is over: they may book it again. A divorce holds its
   * people from the first visit until it is registered, withdrawn or lapses, across both visits.
   */
  freePeople?: boolean;
  /** A no-show undone: the latest visit, marked missed, is on again (and no longer counts as missed). */
  reopenMissed?: boolean;
  /** The case's people are held again (one active appointment per person and kind), as before the no-show freed them. */
  holdPeople?: boolean;
}

/** The effects of the usual appointment steps, shared by every booking service. */
export const APPOINTMENT_ENDS = {
  /** Cancelled before the day, by the applicant or the office: the place goes back. */
  cancelled: { close: 'cancelled', releasePlace: true, freePeople: true },
  /** Nobody came: the slot was lost, and the people may book again. */
  missed: { close: 'no-show', freePeople: true },
  /** Done: the slot was used. */
  completed: { close: 'completed', freePeople: true },
} as const satisfies Record<string, AppointmentEffect>;

/** Undoing a step that ended the appointment. */
export const APPOINTMENT_UNDO = {
  /** A no-show marked by mistake: the visit is on again and its people held again. */
  missed: { reopenMissed: true, holdPeople: true },
  /** A divorce's second visit marked missed by mistake: its people were held all along. */
  missedSecondVisit: { reopenMissed: true },
} as const satisfies Record<string, AppointmentEffect>;
