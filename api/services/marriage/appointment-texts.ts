/**
 * What a booking's text message says besides the tracking number: when, and where (the office's
 * name and address, in the language of the case, as the office's record gives them), and for the
 * kind of business its own wording (i18next context: a divorce's first visit or a reissue is not
 * "a marriage registration"). Pure.
 */
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { officeText, type MarriageKind, type RegistryOffice } from './offices.ts';

export function appointmentTextParams(office: Pick<RegistryOffice, 'text'>, slot: { date: string; start: string }, lang: Locale, kind?: MarriageKind): Record<string, string> {
  const text = officeText(office, lang);
  return { date: slot.date, start: slot.start, office: text.name, address: text.address, ...(kind && kind !== 'marriage' ? { context: kind } : {}) };
}
