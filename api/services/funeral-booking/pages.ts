/**
 * What the generic journey pages (site/pages/apply/[service]/, docs/decisions/028, 034) need of the
 * funeral services booking (docs/decisions/063): its journey and schema, its words, the family's
 * phone confirmed on the confirm-phones page, the booking sent to POST /funeral/bookings and what
 * its answer means (a time taken meanwhile: choose another, the rest kept), and the confirmation:
 * each item with its price, what is waived and why, and the amount to pay.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import { bookingAnswerRows } from '../funeral/booking-case.ts';
import { funeralHomeOn } from '../funeral/public-view.ts';
import { funeralBookingSchema, rowsOf, type FuneralBooking } from '../funeral/booking.schema.ts';
import type { ConfirmationBlock, JourneyPages, PageCall, PhoneRules, SubmitHook } from '../service-package.ts';
import { funeralReceiptDownload, keptReceipt } from './downloads.ts';
import { bookingFrom, CONTACT, contactPhone, contactPhoneOf, FUNERAL_BOOKING_SERVICE, funeralBookingJourney, NOT_IN_BOOKING, phoneProof } from './journey.ts';

const phones: PhoneRules = contactPhoneOf.rules;

/** The operation is outside the typed client's chain (api/app.ts); the client builds its path all the same. */
interface FuneralBookingsClient {
  funeral: { bookings: { $post(args: { json: unknown }, options: { headers: Record<string, string> }): Promise<Response> } };
}

interface Booked {
  trackingNumber: string;
  home: string;
  homePhone: string;
  lines: { item: string; name: string; unit: string; unitFen: number; quantity: number; chargedFen: number; waivedFen: number; reason: string; reasonCode: unknown; pricedLater: boolean }[];
  slots: unknown[];
  transport: unknown;
  chargedFen: number;
  waivedFen: number;
  toPayFen: number;
  toPay: string;
  exemption: { outcome: string; reason: string; reasonCode: unknown; missing: string[]; claim: { ground: string; waivedFen: number; toPayFen: number } | null };
}

/** The field of each slot's step: where "taken meanwhile" sends the reader back. */
const STEP_OF_FIELD: Readonly<Record<string, string>> = { 'cremation.start': 'cremation', 'hall.start': 'hall', 'storage.from': 'storage' };
/** Its notice there (JourneyPages.notices), next to the field. */
const NOTICE_OF_FIELD: Readonly<Record<string, string>> = { 'cremation.start': 'takenCremation', 'hall.start': 'takenHall', 'storage.from': 'takenStorage' };

const submit: SubmitHook = {
  send: (call, answers, key) =>
    (call.api as unknown as FuneralBookingsClient).funeral.bookings.$post({ json: { ...bookingFrom(answers), phoneProof: phoneProof(answers, call.now) ?? '' } }, { headers: { 'idempotency-key': key } }),
  outcome(answer, answers) {
    if (answer.ok) {
      const booked = answer.body as Booked;
      // What the confirmation shows: the items, their amounts and reasons, the totals; nothing personal.
      const keep: Record<string, string> = { home: answers['home'] ?? '', toPay: booked.toPay, exemption: booked.exemption.reason, waived: String(booked.waivedFen), lines: String(booked.lines.length) };
      booked.lines.forEach((line, index) => {
        keep[`line.${index}.name`] = line.name;
        keep[`line.${index}.charged`] = String(line.chargedFen);
        keep[`line.${index}.waived`] = String(line.waivedFen);
        keep[`line.${index}.reason`] = line.reason;
        keep[`line.${index}.later`] = line.pricedLater ? 'yes' : '';
      });
      // The receipt's data, made into a PDF in the reader's language when asked for (downloads.ts).
      // A draft's answer is a short text (drafts.routes.ts): one part a key.
      Object.assign(keep, keptReceipt({ home: booked.home, homePhone: booked.homePhone, lines: booked.lines.map(({ reason: _said, ...line }) => line), slots: booked.slots, transport: booked.transport, exemption: { reasonCode: booked.exemption.reasonCode } }));
      keep['homePhone'] = booked.homePhone;
      // The claim the booking opened (docs/decisions/075): what confirming it would waive, and where to send the proof.
      if (booked.exemption.claim) {
        keep['claimWaived'] = String(booked.exemption.claim.waivedFen);
        keep['claimToPay'] = String(booked.exemption.claim.toPayFen);
        keep['trackingNumber'] = booked.trackingNumber;
      }
      return { kind: 'submitted', trackingNumber: booked.trackingNumber, acceptanceDue: null, smsTo: contactPhone(answers), keep };
    }
    const full = answer.code === 'slot_full' ? answer.fields[0]?.field : undefined;
    if (full && STEP_OF_FIELD[full]) {
      // Taken while the family was checking: choose another time there; everything else is kept.
      const rest: Record<string, string> = { ...answers };
      delete rest[full];
      return { kind: 'ask-again', step: STEP_OF_FIELD[full] ?? 'cremation', answers: rest, notice: NOTICE_OF_FIELD[full] ?? 'takenCremation' };
    }
    if (answer.fields.some((field) => field.field === 'contact.phone')) {
      const rest: Record<string, string> = { ...answers };
      delete rest[`phoneProof.${CONTACT}`];
      delete rest[`phoneCodeSent.${CONTACT}`];
      return { kind: 'ask-again', step: 'phones', answers: rest, notice: 'again' };
    }
    return { kind: 'refused', status: answer.status, fields: answer.fields, message: answer.message };
  },
};

/** Where the booking opened a fee exemption claim: what confirming it would waive and pay, and the status page to send the proof on (docs/decisions/075). */
function claimBlocks(call: PageCall, kept: FlatAnswers): ConfirmationBlock[] {
  const waived = Number(kept['claimWaived']);
  const toPay = Number(kept['claimToPay']);
  if (kept['claimWaived'] === undefined || !Number.isSafeInteger(waived) || !Number.isSafeInteger(toPay)) return [];
  const t = translator(call.lang);
  return [
    { kind: 'paragraph', text: t('funeral:exemption.claim.track.confirmation', { waived: formatYuan(waived, call.lang), toPay: formatYuan(toPay, call.lang) }), testId: 'claim-if-confirmed' },
    { kind: 'link', path: `/track?number=${encodeURIComponent(kept['trackingNumber'] ?? '')}`, text: t('funeral:exemption.claim.track.sendProof'), testId: 'claim-send-proof' },
  ];
}

async function confirmationBlocks(call: PageCall, kept: FlatAnswers): Promise<ConfirmationBlock[]> {
  const t = translator(call.lang);
  const count = Number(kept['lines'] ?? '0');
  const rows = Array.from({ length: Number.isInteger(count) ? Math.min(count, 20) : 0 }, (_, index) => {
    const later = kept[`line.${index}.later`] === 'yes';
    const charged = formatYuan(Number(kept[`line.${index}.charged`] ?? '0'), call.lang);
    const waived = formatYuan(Number(kept[`line.${index}.waived`] ?? '0'), call.lang);
    return {
      label: kept[`line.${index}.name`] ?? '',
      value: later ? t('funeral:funeralBooking.receipt.pricedLater') : t('funeral-booking:journey.confirmation.line', { charged, waived, reason: kept[`line.${index}.reason`] ?? '' }),
    };
  });
  return [
    { kind: 'paragraph', text: t(dynamicKey`funeral:homes.${kept['home'] ?? ''}.name`) },
    { kind: 'paragraph', text: t('funeral-booking:journey.confirmation.phone', { phone: kept['homePhone'] ?? '' }), testId: 'home-phone' },
    { kind: 'link', path: '/apply/funeral-booking/download/receipt', text: t('funeral-booking:journey.confirmation.receipt'), download: true, testId: 'receipt-link' },
    { kind: 'heading', text: t('funeral-booking:journey.confirmation.pricesTitle') },
    { kind: 'summary', rows },
    { kind: 'heading', text: t('funeral-booking:journey.confirmation.exemptionTitle') },
    { kind: 'paragraph', text: kept['exemption'] ?? '', testId: 'exemption-reason' },
    { kind: 'paragraph', text: t('funeral-booking:journey.confirmation.toPay', { amount: kept['toPay'] ?? '' }), testId: 'to-pay' },
    ...claimBlocks(call, kept),
    { kind: 'paragraph', text: t('funeral-booking:journey.confirmation.next') },
  ];
}

export const funeralBookingPages: JourneyPages<FuneralBooking> = {
  service: FUNERAL_BOOKING_SERVICE,
  journey: funeralBookingJourney,
  messages: 'funeral-booking:journey',
  // The chosen home's 24-hour line at the top of every page: a family may need the body collected now.
  helpline: (answers, data, lang) => {
    const home = answers['home'] ? funeralHomeOn(data.rules, answers['home'], data.today, lang) : undefined;
    return home?.phone ? { label: translator(lang)('funeral-booking:journey.helpline', { home: home.name }), phone: home.phone } : undefined;
  },
  startNeeds: ['deceased', 'certificate', 'phone'],
  guide: 'basic-funeral-services',
  // The schema at the day's start: "in the past" to the minute is the booking's to say (the API's answer, next to the field).
  schema: (today, data) => funeralBookingSchema({ moment: { today, time: '00:00' }, rows: rowsOf(data.rules) }),
  fieldSchemas: {},
  notInSchema: NOT_IN_BOOKING,
  checkboxLabels: {
    'claims.relief': 'funeral-booking:journey.claimsLabel.relief',
    'claims.youfu': 'funeral-booking:journey.claimsLabel.youfu',
  },
  applicationFrom: bookingFrom,
  answerRows: (booking, lang) => bookingAnswerRows(booking, lang),
  smsTo: (booking) => booking.contact.phone,
  submitLabel: 'funeral-booking:journey.submit',
  submitHint: false,
  notices: {
    takenCremation: { key: 'funeral:funeralBooking.errors.slot.full', field: 'cremation.start', step: 'cremation' },
    takenHall: { key: 'funeral:funeralBooking.errors.slot.full', field: 'hall.start', step: 'hall' },
    takenStorage: { key: 'funeral:funeralBooking.errors.slot.full', field: 'storage.from', step: 'storage' },
    again: { key: 'funeral-booking:journey.phones.again', step: 'phones' },
  },
  booking: {
    offices: async () => [],
    days: async () => [],
    slots: async () => [],
    async stepProblems(call, step, answers) {
      const t = translator(call.lang);
      if (step === 'phones' && !phoneProof(answers, call.now)) return [{ field: `phoneCode.${CONTACT}`, message: t('errors.verification.proofMissing', { field: t('funeral-booking:fields.contact.phone') }) }];
      return [];
    },
    phones,
  },
  submit,
  downloads: { receipt: funeralReceiptDownload },
  confirmation: { blocks: confirmationBlocks, again: 'funeral-booking:journey.confirmation.again' },
};
