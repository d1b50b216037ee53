/**
 * What the generic journey pages (site/pages/apply/[service]/, docs/decisions/028, 034) need of the
 * marriage registration booking: its journey and schema, its public address (/book/marriage), and
 * the booking step kinds' logic through the API — the offices with their details, a day from the
 * office's calendar, a time with its places left, whether a person may book now, the phones
 * confirmed — then the booking itself and what its answer means (a time filled meanwhile: choose
 * another; a phone's confirmation lapsed: confirm it again), and what the confirmation shows.
 */
import { dynamicKey, formatDateTime, formatDayWithWeekday, translator } from '../../i18n/index.ts';
import type { FlatAnswers } from '../../domain/journey.ts';
import type { RegistryOfficeView } from './routes/marriage.routes.ts';
import { CASE_SERVICES } from '../registry.ts';
import type { BookingPages, ConfirmationBlock, DayChoice, JourneyPages, PageCall, PageProblem, PhoneRules, SlotChoice, SubmitHook } from '../service-package.ts';
import { marriageAppointmentSchema, type MarriageAppointment } from './appointment.schema.ts';
import { appointmentFrom, BOOKING_JOURNEY, codeSentTo, NOT_IN_APPOINTMENT, phoneConfirmation, phoneOf, phoneParties, phoneProofsFrom, phonesToConfirm, sharesFirstPhone, type Party } from './journey.ts';
import { MARRIAGE_KINDS } from './offices.ts';
import { bringLines, documentsOf, whatToBring } from './what-to-bring.ts';
import { calendarDownload, receiptDownload } from './downloads.ts';

/** The booking's own address (in text messages, guides and bookmarks), served by the generic pages. */
const BOOKING_PATH = '/book/marriage';

const SERVICE = 'marriage-appointment';

/** The registry offices with their details (name, address, opening hours, access notes…) in the reader's language. */
export async function officeDetails(call: Pick<PageCall, 'api' | 'lang'>): Promise<RegistryOfficeView[]> {
  const response = await call.api.marriage.offices.$get({ query: { lang: call.lang } });
  if (response.status !== 200) throw new Error(`GET /marriage/offices answered ${response.status}`);
  return ((await response.json()) as { offices: RegistryOfficeView[] }).offices;
}

const tomorrow = (today: string) => new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The office's next days for a kind of business, as the calendar page shows them (or `days` days from `from`). */
export async function officeDays(call: PageCall, office: string, kind: string, from = tomorrow(call.today), days = 31): Promise<DayChoice[]> {
  const response = await call.api.marriage.offices[':office'].calendar.$get({ param: { office }, query: { kind: kind as 'marriage', from, days: String(days) } });
  return response.status === 200 ? ((await response.json()) as { days: DayChoice[] }).days : [];
}

export async function daySlots(call: Pick<PageCall, 'api'>, office: string, kind: string, date: string): Promise<SlotChoice[]> {
  const response = await call.api.marriage.offices[':office'].slots.$get({ param: { office }, query: { kind: kind as 'marriage', date } });
  return response.status === 200 ? ((await response.json()) as { slots: SlotChoice[] }).slots : [];
}

/**
 * Whether the person just entered may book now: one suspended after missed appointments is told so
 * on their own page, with why, until when and whom to call (docs/decisions/023).
 */
async function personProblems(call: PageCall, party: Party, answers: FlatAnswers): Promise<PageProblem[]> {
  const response = await call.api.marriage['booking-checks'].person.$post({
    json: { office: answers['office'] ?? '', party, idType: (answers[`${party}.idType`] || 'resident-id') as 'resident-id', idNumber: answers[`${party}.idNumber`] ?? '' },
  });
  if (response.status !== 422) return [];
  const body = (await response.json()) as { error: { fields?: PageProblem[] } };
  return (body.error.fields ?? []).filter((field) => field.field === `${party}.idNumber`).map(({ field, message }) => ({ field, message }));
}

const PARTY_STEP: Record<string, string> = { partyA: 'party-a', partyB: 'party-b' };

export const bookingPhones: PhoneRules = {
  parties: (answers) => phoneParties(answers),
  toConfirm: (answers, now) => phonesToConfirm(answers, now),
  phoneOf: (answers, party) => phoneOf(answers, party as Party),
  codeSent: (answers, party) => codeSentTo(answers, party as Party) !== undefined,
  confirmed: (answers, party, now) => phoneConfirmation(answers, party as Party, now) !== undefined,
  shared: (answers, party) => sharesFirstPhone(answers, party as Party),
  codeSentKey: (party) => `phoneCodeSent.${party}`,
  proofKey: (party) => `phoneProof.${party}`,
  changeStep: (party) => PARTY_STEP[party] ?? 'party-a',
};

const booking: BookingPages = {
  offices: (call) => officeDetails(call),
  days: (call, answers) => officeDays(call, answers['office'] ?? '', answers['kind'] ?? ''),
  slots: (call, answers) => daySlots(call, answers['office'] ?? '', answers['kind'] ?? '', answers['date'] ?? ''),
  async stepProblems(call, step, answers, { places }) {
    const t = translator(call.lang);
    // The phones step is done when every phone is confirmed.
    if (step === 'phones') return phonesToConfirm(answers, call.now).map((party) => ({ field: `phoneCode.${party}`, message: t('errors.verification.proofMissing', { field: t(dynamicKey`marriage:fields.${party}.phone`) }) }));
    if (step === 'date') {
      // The day sent, whichever it is: a stale or altered form may send one the page never offered
      // (past, closed, not open yet), and each has its own reason.
      const [day] = await officeDays(call, answers['office'] ?? '', answers['kind'] ?? '', answers['date'] ?? '', 1);
      if (!day) return [{ field: 'date', message: t('marriage:errors.marriage.slot.beyond-window') }];
      if (day.state !== 'available' && (places || day.state !== 'full')) {
        return [{ field: 'date', message: t(dynamicKey`marriage:errors.marriage.slot.${day.state === 'opens-at' ? 'not-yet-open' : day.state}`, { releasesAt: day.releasesAt ? formatDateTime(day.releasesAt, call.lang) : '' }) }];
      }
    }
    if (step === 'slot') {
      const slot = (await daySlots(call, answers['office'] ?? '', answers['kind'] ?? '', answers['date'] ?? '')).find((s) => s.start === answers['start']);
      if (!slot) return [{ field: 'start', message: t('marriage:errors.marriage.slot.no-such-slot') }];
      if (places && slot.placesLeft <= 0) return [{ field: 'start', message: t('marriage:errors.marriage.slot.full') }];
    }
    if (places && (step === 'party-a' || step === 'party-b')) return personProblems(call, step === 'party-a' ? 'partyA' : 'partyB', answers);
    return [];
  },
  phones: bookingPhones,
};

type Booked = { trackingNumber: string; office: string; kind: string; date: string; start: string; end: string };

const submit: SubmitHook = {
  // With the proofs of the confirmed phones, under the draft's idempotency key (a double click gets the same appointment).
  send: (call, answers, key) =>
    call.api.marriage.appointments.$post(
      { header: { 'idempotency-key': key } },
      { init: { body: JSON.stringify({ ...appointmentFrom(answers), phoneProofs: phoneProofsFrom(answers, call.now) }), headers: { 'content-type': 'application/json', 'idempotency-key': key } } },
    ),
  outcome(answer, answers) {
    if (answer.ok) {
      const booked = answer.body as Booked;
      // The appointment's public details, and each party's kind of ID document (what to bring depends on it; never a number or a name).
      const documents = Object.fromEntries(Object.entries(answers).filter(([key]) => key === 'partyA.idType' || key === 'partyB.idType'));
      return {
        kind: 'submitted',
        trackingNumber: booked.trackingNumber,
        acceptanceDue: null,
        smsTo: answers['partyA.phone']?.replace(/[\s-]/g, '') ?? '',
        keep: { kind: booked.kind, office: booked.office, date: booked.date, start: booked.start, end: booked.end, ...documents },
      };
    }
    if (answer.code === 'slot_full') {
      // Taken while the reader was checking: choose another time, the rest is kept.
      const { start: _taken, ...rest } = answers;
      return { kind: 'ask-again', step: 'slot', answers: rest, notice: 'taken' };
    }
    const unconfirmed = (['partyA', 'partyB'] as const).filter((party) => answer.fields.some((f) => f.field === `${party}.phone`));
    if (unconfirmed.length > 0) {
      // A phone's confirmation no longer holds (expired meanwhile): confirm it again, the rest is kept.
      const rest: Record<string, string> = { ...answers };
      for (const party of unconfirmed) {
        delete rest[`phoneProof.${party}`];
        delete rest[`phoneCodeSent.${party}`];
      }
      return { kind: 'ask-again', step: 'phones', answers: rest, notice: 'again' };
    }
    return { kind: 'refused', status: answer.status, fields: answer.fields, message: answer.message };
  },
};

const GUIDE_OF_KIND: Record<string, string> = { marriage: 'marriage-registration', divorce: 'divorce-registration', reissue: 'marriage-certificate-reissue' };

/**
 * The confirmation after the tracking number: when and where (the office with its details), a
 * calendar file and the printable receipt (PDF), what to bring by kind of business and each
 * party's ID document (the receipt prints the same list, what-to-bring.ts), and for a divorce
 * what comes next. From what the draft kept: this appointment's public details only.
 */
async function confirmationBlocks(call: PageCall, kept: FlatAnswers): Promise<ConfirmationBlock[]> {
  const t = translator(call.lang);
  const { kind = 'marriage', office: officeId = '', date = '', start = '', end = '' } = kept;
  const office = (await officeDetails(call)).find((candidate) => candidate.id === officeId);
  // The first visit's list (a divorce's second is booked later, from the status page).
  const toBring = bringLines(whatToBring({ kind: MARRIAGE_KINDS.find((known) => known === kind) ?? 'marriage', visit: 1, documents: documentsOf(kept, kind) }), (key, options) => t(key, options));
  return [
    { kind: 'heading', text: t('marriage:booking.confirmation.whereTitle') },
    {
      kind: 'summary',
      rows: [
        { label: t('track.appointmentKind'), value: t(dynamicKey`marriage:marriage.kind.${kind}`) },
        { label: t('track.appointmentTime'), value: t('track.appointmentSlot', { date: formatDayWithWeekday(date, call.lang), start, end }), testId: 'appointment-time' },
        { label: t('track.appointmentOffice'), value: office?.name ?? officeId, testId: 'appointment-office', ...(office ? { office, lang: office.textLang } : {}) },
      ],
    },
    { kind: 'link', path: `${BOOKING_PATH}/calendar`, text: t('marriage:booking.confirmation.addToCalendar'), download: true },
    { kind: 'link', path: `${BOOKING_PATH}/receipt`, text: t('marriage:booking.confirmation.downloadReceipt'), download: true, testId: 'receipt-link' },
    { kind: 'heading', text: t('marriage:booking.confirmation.bringTitle') },
    { kind: 'paragraph', text: kind === 'reissue' ? t('marriage:booking.confirmation.bringReissue') : t('marriage:booking.confirmation.bringBoth') },
    { kind: 'list', items: toBring, testId: 'what-to-bring' },
    { kind: 'link', path: `/guides/${GUIDE_OF_KIND[kind] ?? 'marriage-registration'}#materials`, text: t('marriage:booking.bring.guide') },
    ...(kind === 'divorce' ? [{ kind: 'paragraph' as const, text: t('marriage:booking.confirmation.divorceNext'), testId: 'divorce-next' }] : []),
  ];
}

export const marriageBookingPages: JourneyPages<MarriageAppointment> = {
  service: SERVICE,
  path: BOOKING_PATH,
  downloads: { receipt: receiptDownload, calendar: calendarDownload },
  journey: BOOKING_JOURNEY,
  messages: 'marriage:booking',
  startNeeds: [],
  startNeedParagraph: true,
  guide: 'marriage-registration',
  schema: (today, { offices }) => marriageAppointmentSchema({ today, offices }),
  fieldSchemas: {},
  notInSchema: NOT_IN_APPOINTMENT,
  applicationFrom: appointmentFrom,
  answerRows: (application, lang, data) => CASE_SERVICES[SERVICE].answerRows(application, lang, data),
  smsTo: (application) => CASE_SERVICES[SERVICE].applicant(application).phone,
  hintKey: (path) => (path.endsWith('.idNumber') ? 'marriage:booking.hint.idNumber' : path.endsWith('.birthDate') ? 'marriage:booking.hint.birthDate' : undefined),
  submitLabel: 'marriage:booking.submit',
  submitHint: false,
  notices: {
    taken: { key: 'marriage:booking.slotTaken', field: 'start', step: 'slot' },
    again: { key: 'marriage:booking.phones.again', step: 'phones' },
  },
  booking,
  submit,
  confirmation: { blocks: confirmationBlocks, again: 'marriage:booking.confirmation.newBooking' },
};
