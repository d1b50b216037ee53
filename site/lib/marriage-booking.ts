/**
 * What the status page (site/pages/track.astro: moving an appointment) and the office details read
 * of the marriage booking: the offices with their details and a day's times, through the API (the
 * lookups are the booking registration's: api/services/marriage/pages.ts). The booking's own pages,
 * and its receipt and calendar file, are the generic journey pages' (docs/decisions/034).
 */
import type { AstroGlobal } from 'astro';
import { daySlots as slotsOfDay, officeDetails as offices } from '../../api/services/marriage/pages.ts';
import type { DayChoice, OfficeChoice, SlotChoice } from '../../api/services/service-package.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type RegistryOfficeView = OfficeChoice;
export type { DayChoice, SlotChoice };

/** The registry offices with their details (name, address, opening hours, access notes…) in the reader's language. */
export const officeDetails = (astro: Astro): Promise<RegistryOfficeView[]> => offices(astro.locals.portal);

export const daySlots = (astro: Astro, office: string, kind: string, date: string): Promise<SlotChoice[]> => slotsOfDay(astro.locals.portal, office, kind, date);

/** A phone number as a tel: link (digits and a leading +; dashes and spaces are only for reading). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
