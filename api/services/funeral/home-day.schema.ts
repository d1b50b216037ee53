/**
 * What a funeral home's staff type on their day page (docs/decisions/072), one schema each for the
 * page's form, the API and the tests.
 *
 * The cremation certificate (火化证明) is issued by the home itself; no national format of its
 * number is published (homes print their own series, often a letter prefix, the year and a serial).
 * ASSUMPTION, to check with the provincial civil affairs department before a real deployment: 6 to
 * 30 letters, digits and hyphens. It is read as typed on a card, so full-width characters, spaces
 * and lower case are normalised away before the check.
 */
import { z } from 'zod';

const M = 'funeral:homeDay.errors';

/** The encryption context of a stored cremation certificate number (funeral_cremation_certificates.number_enc). */
export const CREMATION_CERTIFICATE_CONTEXT = 'funeral.cremation-certificate';

export const cremationCertificateNumber = z
  .string({ error: `${M}.certificateNumber` })
  .transform((typed) => typed.normalize('NFKC').replace(/\s/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9-]{4,28}[A-Z0-9]$/, `${M}.certificateNumber`));

export const CremationCertificateSchema = z.object({ number: cremationCertificateNumber });
export type CremationCertificate = z.output<typeof CremationCertificateSchema>;

/** The services a home marks done on its day: the transport (once confirmed), and each booked place. */
export const HOME_DAY_ITEMS = ['transport', 'cremation', 'hall', 'storage'] as const;
export type HomeDayItem = (typeof HOME_DAY_ITEMS)[number];

export const MarkDoneSchema = z.object({ item: z.enum(HOME_DAY_ITEMS, { error: `${M}.item` }) });
export type MarkDone = z.output<typeof MarkDoneSchema>;

/** The item an appointment of the booking engine is, by its kind (the resource id: cremation, hall-small…, storage). */
export function itemOfPlace(kind: string): Exclude<HomeDayItem, 'transport'> {
  if (kind === 'cremation' || kind === 'storage') return kind;
  return 'hall';
}
