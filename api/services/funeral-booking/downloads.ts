/**
 * The receipt a booked family can download from the confirmation (its registration's `downloads`,
 * served by the generic pages at /apply/funeral-booking/download/receipt to the draft's holder):
 * the booking engine's receipt PDF (api/engine/booking/receipt-pdf.ts) in the reader's language,
 * made from what the draft kept after booking — the home, the items with their prices, what was
 * waived and why, the slots and the transport window; never a name, number, phone or address.
 */
import { z } from 'zod';
import type { FlatAnswers } from '../../domain/journey.ts';
import { PRICE_UNITS } from '../funeral/catalogue.ts';
import { funeralReceipt, slotLabel } from '../funeral/booking-receipt.ts';
import type { ReasonKey } from '../funeral/fee-exemption.ts';
import type { DownloadCall, JourneyDownload } from '../service-package.ts';

/** The draft's keys that keep the receipt's data (JSON, a part each: a draft's answer is a short text) after booking. */
const HEAD = 'receipt.head';
const SLOTS = 'receipt.slots';
const LINE = 'receipt.line.';

const Reason = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) });
/** What the confirmation keeps for the receipt: the API's answer, public details only. */
export const KeptReceiptSchema = z.object({
  home: z.string(),
  homePhone: z.string(),
  lines: z.array(z.object({ item: z.string(), name: z.string(), unit: z.enum(PRICE_UNITS), unitFen: z.number().int(), quantity: z.number().int(), chargedFen: z.number().int(), waivedFen: z.number().int(), reasonCode: Reason, pricedLater: z.boolean() })),
  slots: z.array(z.object({ kind: z.string(), date: z.string(), start: z.string(), end: z.string() })),
  transport: z.object({ date: z.string(), from: z.string(), to: z.string() }).nullable(),
  exemption: z.object({ reasonCode: Reason }),
});
export type KeptReceipt = z.infer<typeof KeptReceiptSchema>;

/** The receipt's data as the draft keeps it. */
export function keptReceipt(receipt: { home: string; homePhone: string; lines: unknown[]; slots: unknown[]; transport: unknown; exemption: unknown }): Record<string, string> {
  const kept: Record<string, string> = { [HEAD]: JSON.stringify({ home: receipt.home, homePhone: receipt.homePhone, transport: receipt.transport, exemption: receipt.exemption }), [SLOTS]: JSON.stringify(receipt.slots) };
  receipt.lines.forEach((line, index) => {
    kept[`${LINE}${index}`] = JSON.stringify(line);
  });
  return kept;
}

function receiptFrom(kept: FlatAnswers): unknown {
  const lines = Object.keys(kept)
    .filter((key) => key.startsWith(LINE))
    .sort((a, b) => Number(a.slice(LINE.length)) - Number(b.slice(LINE.length)))
    .map((key) => JSON.parse(kept[key] ?? 'null') as unknown);
  const head = JSON.parse(kept[HEAD] ?? 'null') as Record<string, unknown> | null;
  return head ? { ...head, lines, slots: JSON.parse(kept[SLOTS] ?? '[]') as unknown } : null;
}

const statusUrlOf = (call: DownloadCall, trackingNumber: string) => `${call.origin}${call.lang === 'en' ? '/en' : ''}/track?number=${encodeURIComponent(trackingNumber)}`;
const reasonOf = (reason: z.infer<typeof Reason>) => ({ key: reason.key as ReasonKey, values: reason.values });

export async function funeralReceiptDownload(call: DownloadCall, kept: FlatAnswers, submitted: { trackingNumber: string }): Promise<JourneyDownload | undefined> {
  let parsed: KeptReceipt;
  try {
    const checked = KeptReceiptSchema.safeParse(receiptFrom(kept));
    if (!checked.success) return undefined;
    parsed = checked.data;
  } catch {
    return undefined;
  }
  const { trackingNumber } = submitted;
  const content = funeralReceipt({
    lang: call.lang,
    trackingNumber,
    home: parsed.home,
    homePhone: parsed.homePhone,
    // A basic item is named by the law in the reader's language; an optional one by the name kept.
    lines: parsed.lines.map((line) => ({ ...line, name: line.name, reason: reasonOf(line.reasonCode) })),
    exemption: reasonOf(parsed.exemption.reasonCode),
    transport: parsed.transport ?? undefined,
    slots: parsed.slots.map((slot) => ({ label: slotLabel(slot.kind, call.lang), date: slot.date, start: slot.start, end: slot.end })),
    statusUrl: statusUrlOf(call, trackingNumber),
    issuedAt: call.now,
  });
  // PDFKit, fontkit and their parsers (~3 MB of heap) load with the first receipt, not with every start (docs/decisions/078).
  const { appointmentReceiptPdf } = await import('../../engine/booking/receipt-pdf.ts');
  return { body: await appointmentReceiptPdf(content), contentType: 'application/pdf', filename: `funeral-booking-${trackingNumber}.pdf` };
}
