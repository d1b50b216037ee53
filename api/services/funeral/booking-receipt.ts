/**
 * What a funeral booking's receipt (回执) says, in the reader's language (docs/decisions/063): the
 * tracking number, the home with its 24-hour phone, each item with its price, quantity and amount,
 * what the fee exemption waived and why, the total to pay, the transport request and the booked
 * slots. Nothing personal: no name, ID number, certificate number, phone or address (the QR code
 * opens the status page, where the phone or ID number is still asked for). Pure: the lines come in.
 */
import type { ReceiptContent, ReceiptRow } from '../../engine/booking/receipt-pdf.ts';
import { dynamicKey, formatDayWithWeekday, formatYuan, translator, type Locale } from '../../i18n/index.ts';
import { isBasicService, type PriceUnit } from './catalogue.ts';
import { reasonText } from './fee-exemption-words.ts';
import type { ExemptionReason } from './fee-exemption.ts';
import { homeName, itemName, priceText } from './words.ts';

export interface ReceiptLine {
  item: string;
  /** An optional service's own name, in the reader's language (a basic item is named by the law). */
  name?: string | undefined;
  unit: PriceUnit;
  unitFen: number;
  quantity: number;
  chargedFen: number;
  waivedFen: number;
  reason: ExemptionReason;
  pricedLater: boolean;
}

export interface FuneralReceiptInput {
  lang: Locale;
  trackingNumber: string;
  home: string;
  homePhone: string;
  lines: readonly ReceiptLine[];
  /** The decision's own reason (the ground, or why nothing is waived). */
  exemption: ExemptionReason;
  transport?: { date: string; from: string; to: string } | undefined;
  /** Booked slots, each with its label (the resource's kind in words). */
  slots: readonly { label: string; date: string; start: string; end: string }[];
  statusUrl: string;
  issuedAt: Date;
}

export function funeralReceipt(input: FuneralReceiptInput): ReceiptContent {
  const { lang } = input;
  const t = translator(lang);
  const charged = input.lines.reduce((sum, line) => sum + line.chargedFen, 0);
  const waived = input.lines.reduce((sum, line) => sum + line.waivedFen, 0);
  const lineRow = (line: ReceiptLine): ReceiptRow => ({
    label: isBasicService(line.item) ? itemName(line.item, lang) : (line.name ?? line.item),
    lines: line.pricedLater
      ? [`${t('funeral:funeralBooking.receipt.price')} ${priceText(line.unitFen, line.unit, lang)}`, t('funeral:funeralBooking.receipt.pricedLater')]
      : [
          `${t('funeral:funeralBooking.receipt.price')} ${priceText(line.unitFen, line.unit, lang)} × ${line.quantity} = ${formatYuan(line.chargedFen, lang)}`,
          `${t('funeral:funeralBooking.receipt.waived')} ${formatYuan(line.waivedFen, lang)}: ${reasonText(line.reason, lang)}`,
        ],
  });
  return {
    lang,
    issuer: `${t('site.bureau')} · ${t('site.name')}`,
    title: t('funeral:funeralBooking.receipt.title'),
    numberLabel: t('funeral:funeralBooking.receipt.trackingNumber'),
    trackingNumber: input.trackingNumber,
    rows: [
      { label: t('funeral:funeralBooking.receipt.home'), lines: [homeName(input.home, lang), `${t('funeral:funeralBooking.receipt.phone')} ${input.homePhone}`] },
      ...(input.transport ? [{ label: itemName('body-transport', lang), lines: [t('funeral:funeralBooking.receipt.transport', { date: formatDayWithWeekday(input.transport.date, lang), window: t('funeral:funeralBooking.window', { from: input.transport.from, to: input.transport.to }) })] }] : []),
      ...input.slots.map((slot) => ({ label: slot.label, lines: [t('funeral:funeralBooking.receipt.slot', { date: formatDayWithWeekday(slot.date, lang), start: slot.start, end: slot.end })] })),
      ...input.lines.map(lineRow),
      {
        label: t('funeral:funeralBooking.receipt.exemption'),
        lines: [reasonText(input.exemption, lang), `${t('funeral:funeralBooking.receipt.total')} ${formatYuan(charged, lang)}`, `${t('funeral:funeralBooking.receipt.waivedTotal')} ${formatYuan(waived, lang)}`, `${t('funeral:funeralBooking.receipt.toPay')} ${formatYuan(charged - waived, lang)}`],
      },
      { label: t('funeral:funeralBooking.receipt.toPay'), lines: [formatYuan(charged - waived, lang), t('funeral:funeralBooking.receipt.note')], link: input.statusUrl },
    ],
    qr: { url: input.statusUrl, caption: t('funeral:funeralBooking.receipt.scan') },
    issuedAt: input.issuedAt,
  };
}

/** A resource's kind in words, for a slot's label. */
export const slotLabel = (kind: string, lang: Locale): string =>
  kind === 'cremation' ? itemName('cremation', lang) : kind === 'storage' ? itemName('body-storage', lang) : translator(lang)(dynamicKey`funeral:funeralBooking.hallKind.${kind}`);
