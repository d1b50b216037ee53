/**
 * The booking pages' logic: a page's answers checked against the one appointment schema (only the
 * issues of that page's fields count), the office's calendar and times from the API, and the
 * booking sent through the API with the draft's idempotency key.
 */
import type { AstroGlobal } from 'astro';
import { formatDateTime, translator } from '../../api/i18n/index.ts';
import type { FlatAnswers } from '../../api/domain/journey.ts';
import { marriageAppointmentSchema } from '../../api/services/marriage/appointment.schema.ts';
import { BOOKING_PAGES, appointmentFrom, bookingRoute, phoneProofsFrom, phonesToConfirm, type BookingStep } from '../../api/services/marriage/journey.ts';
import type { RegistryOfficeView } from '../../api/routes/marriage.routes.ts';
import { UnexpectedApiAnswer } from './api.ts';
import { createOnce, problemsOnPage, type CreateAnswer, type FieldMessage } from './forms.ts';

export const SERVICE = 'marriage-appointment';
export const BASE_PATH = '/book/marriage';

type Astro = Pick<AstroGlobal, 'locals'>;

export function bookingPage(step: string) {
  return BOOKING_PAGES.find((page) => page.step === step);
}

export type { RegistryOfficeView };

/** The registry offices with their details (name, address, opening hours, access notes…) in the reader's language. */
export async function officeDetails(astro: Astro): Promise<RegistryOfficeView[]> {
  const { api, lang } = astro.locals.portal;
  const response = await api.marriage.offices.$get({ query: { lang } });
  if (response.status !== 200) throw new UnexpectedApiAnswer(`GET /marriage/offices answered ${response.status}`);
  return ((await response.json()) as { offices: RegistryOfficeView[] }).offices;
}

/** A phone number as a tel: link (digits and a leading +; dashes and spaces are only for reading). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export type DayChoice = { date: string; state: string; placesLeft?: number; releasesAt?: string };
export type SlotChoice = { start: string; end: string; placesLeft: number };

const tomorrow = (today: string) => new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The office's next days for a kind of business, as the calendar page shows them (or `days` days from `from`). */
export async function officeDays(astro: Astro, office: string, kind: string, from = tomorrow(astro.locals.portal.today), days = 31): Promise<DayChoice[]> {
  const response = await astro.locals.portal.api.marriage.offices[':office'].calendar.$get({
    param: { office },
    query: { kind: kind as 'marriage', from, days: String(days) },
  });
  return response.status === 200 ? ((await response.json()) as { days: DayChoice[] }).days : [];
}

export async function daySlots(astro: Astro, office: string, kind: string, date: string): Promise<SlotChoice[]> {
  const response = await astro.locals.portal.api.marriage.offices[':office'].slots.$get({ param: { office }, query: { kind: kind as 'marriage', date } });
  return response.status === 200 ? ((await response.json()) as { slots: SlotChoice[] }).slots : [];
}

/**
 * The translated problems with one page's answers, each on its field (the schema's, the calendar's
 * for a day or time, and on a person's page whether that person may book now). With
 * `places: false` (going through the answers again), a day or time without places left is not a
 * problem, and a person is not asked about again: the booking itself decides both.
 */
export async function bookingProblems(astro: Astro, step: BookingStep, answers: FlatAnswers, { places = true } = {}): Promise<FieldMessage[]> {
  const { lang } = astro.locals.portal;
  const page = bookingPage(step);
  if (!page) return [];
  // The phones step is done when every phone is confirmed (site/lib/phone-confirmation.ts does the rest).
  if (step === 'phones') return phonesToConfirm(answers, new Date()).map((party) => ({ field: `phoneCode.${party}`, message: String(translator(lang)('errors.verification.proofMissing', { field: translator(lang)(`fields.${party}.phone`) })) }));
  const parsed = marriageAppointmentSchema({ today: astro.locals.portal.today, offices: astro.locals.portal.offices }).safeParse(appointmentFrom(answers));
  const problems = problemsOnPage(page, parsed.error, lang);
  if (problems.length > 0) return problems;
  const t = (key: string, options: Record<string, string> = {}) => String(translator(lang)(key, options));
  if (step === 'date') {
    // The day sent, whichever it is: a stale or altered form may send one the page never offered
    // (past, closed, not open yet), and each has its own reason.
    const [day] = await officeDays(astro, answers['office'] ?? '', answers['kind'] ?? '', answers['date'] ?? '', 1);
    if (!day) return [{ field: 'date', message: t('errors.marriage.slot.beyond-window') }];
    if (day.state !== 'available' && (places || day.state !== 'full')) {
      return [{ field: 'date', message: t(`errors.marriage.slot.${day.state === 'opens-at' ? 'not-yet-open' : day.state}`, { releasesAt: day.releasesAt ? formatDateTime(day.releasesAt, lang) : '' }) }];
    }
  }
  if (step === 'slot') {
    const slot = (await daySlots(astro, answers['office'] ?? '', answers['kind'] ?? '', answers['date'] ?? '')).find((s) => s.start === answers['start']);
    if (!slot) return [{ field: 'start', message: t('errors.marriage.slot.no-such-slot') }];
    if (places && slot.placesLeft <= 0) return [{ field: 'start', message: t('errors.marriage.slot.full') }];
  }
  if (places && (step === 'party-a' || step === 'party-b')) return personProblems(astro, step === 'party-a' ? 'partyA' : 'partyB', answers);
  return [];
}

/**
 * Whether the person just entered may book now: one suspended after missed appointments is told so
 * on their own page, with why, until when and whom to call (docs/decisions/023).
 */
async function personProblems(astro: Astro, party: 'partyA' | 'partyB', answers: FlatAnswers): Promise<FieldMessage[]> {
  const response = await astro.locals.portal.api.marriage['booking-checks'].person.$post({
    json: { office: answers['office'] ?? '', party, idType: (answers[`${party}.idType`] || 'resident-id') as 'resident-id', idNumber: answers[`${party}.idNumber`] ?? '' },
  });
  if (response.status !== 422) return [];
  const body = (await response.json()) as { error: { fields?: FieldMessage[] } };
  return (body.error.fields ?? []).filter((field) => field.field === `${party}.idNumber`).map(({ field, message }) => ({ field, message }));
}

/**
 * The first page whose answers are missing or wrong, or 'check' when all are good. Places left do
 * not count here: whether the time is still free is the booking's to say, atomically. A time taken
 * meanwhile then sends the reader back to choose another with a reason, and a booking sent twice
 * gets its first answer again, even when it took the time's last place.
 */
export async function firstUnfinished(astro: Astro, answers: FlatAnswers): Promise<BookingStep> {
  for (const step of bookingRoute(answers)) {
    if (step === 'check') return 'check';
    if ((await bookingProblems(astro, step, answers, { places: false })).length > 0) return step;
  }
  return 'check';
}

export type BookAnswer = CreateAnswer<{ trackingNumber: string; office: string; kind: string; date: string; start: string; end: string }>;

/** Sends the booking, with the proofs of the confirmed phones, under the draft's idempotency key (a double click gets the same appointment). */
export function book(astro: Astro, answers: FlatAnswers, key: string): Promise<BookAnswer> {
  return createOnce(() =>
    astro.locals.portal.api.marriage.appointments.$post(
      { header: { 'idempotency-key': key } },
      { init: { body: JSON.stringify({ ...appointmentFrom(answers), phoneProofs: phoneProofsFrom(answers, new Date()) }), headers: { 'content-type': 'application/json', 'idempotency-key': key } } },
    ),
  );
}

/** The page an answer belongs to (for "change" links and errors from the API). */
export function stepOfField(field: string): BookingStep {
  return BOOKING_PAGES.find((page) => page.fields.some((f) => f.path === field || field.startsWith(`${f.path}.`) || f.path.startsWith(`${field}.`)))?.step ?? 'kind';
}
