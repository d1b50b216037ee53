/**
 * The message for a person whose booking is suspended after no-shows: why (the rule's figures),
 * until when, from when they may book again, and whom to call (the registry office being booked,
 * which can put a wrong record right). The same words on the person's page and the check page.
 */
import { NO_SHOW_RULE } from '../engine/booking/no-show-rule.ts';
import { addDays } from '../domain/calendar/working-days.ts';
import { officeText, type RegistryOffice } from '../services/marriage/offices.ts';
import { formatDate, translator, type Locale } from './index.ts';

/** `office`: the office being booked, or its id when the portal no longer has it (named by its id, no phone). */
export function suspensionMessage(lang: Locale, until: string, office: Pick<RegistryOffice, 'text' | 'phone'> | string): string {
  const known = typeof office === 'string' ? undefined : office;
  return translator(lang)('marriage:errors.marriage.suspended', {
    noShows: NO_SHOW_RULE.noShows,
    withinDays: NO_SHOW_RULE.withinDays,
    until: formatDate(until, lang),
    from: formatDate(addDays(until, 1), lang),
    office: known ? officeText(known, lang).name : String(office),
    phone: known?.phone ?? '',
  });
}
