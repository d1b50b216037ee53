/**
 * An appointment receipt (预约回执) as a one-page A4 PDF: already-translated lines in, bytes out. No
 * request, database, environment or clock here; the caller decides what goes on the page, and so
 * decides that nothing personal does (see appointment-receipt.ts).
 *
 * PDFKit lays out the page and embeds Noto Sans SC, subset to the glyphs the page uses, so Chinese
 * prints on a machine without any Chinese font and the file stays small (about 30 KB; ADR 008). The
 * QR code's modules come from uqr and are drawn as filled squares, sharp at any printer resolution.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { encode } from 'uqr';
import type { Locale } from '../../i18n/index.ts';

export interface ReceiptRow {
  label: string;
  /** Each on a line of its own (an office's name, address and phone). */
  lines: readonly string[];
  /** Items under the lines, each with a bullet and wrapped beside it (what to bring). */
  list?: readonly string[];
  /** An address to print small under the lines, and to open when the PDF is read on screen. */
  link?: string;
}

export interface ReceiptContent {
  lang: Locale;
  /** Who issues it: the bureau and the portal. */
  issuer: string;
  title: string;
  numberLabel: string;
  trackingNumber: string;
  rows: readonly ReceiptRow[];
  /** The status page for this appointment, and the words under its QR code. */
  qr: { url: string; caption: string };
  /** The file's creation date in its metadata. */
  issuedAt: Date;
}

export interface ReceiptFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

let fonts: ReceiptFonts | undefined;

/**
 * The full TrueType files (TrueType, not the web font packages' WOFF/WOFF2: PDFKit reads those far
 * slower or cannot subset them), read on the first receipt and kept: about 21 MB of memory.
 */
export function receiptFonts(): ReceiptFonts {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const file = (path: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-sans-sc/${path}`));
    fonts = { regular: file('400Regular/NotoSansSC_400Regular.ttf'), bold: file('700Bold/NotoSansSC_700Bold.ttf') };
  }
  return fonts;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const QR_SIZE = 120;
const LABEL_WIDTH = 118;
const BULLET_INDENT = 12;
const INK = '#1a1a1a';
const MUTED = '#555555';

/** A QR code's dark modules as rectangles, a row's adjacent modules merged (fewer operators, no seams between them). */
export function qrRectangles(text: string): { size: number; rects: Array<{ row: number; column: number; length: number }> } {
  // Level M survives a crease or a smudge on a printed page; the URL is short enough for a small code.
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  const rects: Array<{ row: number; column: number; length: number }> = [];
  data.forEach((modules, row) => {
    let column = 0;
    while (column < size) {
      if (!modules[column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < size && modules[column]) column += 1;
      rects.push({ row, column: start, length: column - start });
    }
  });
  return { size, rects };
}

export function appointmentReceiptPdf(content: ReceiptContent, receiptFontFiles: ReceiptFonts = receiptFonts()): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    pdfVersion: '1.7',
    lang: content.lang,
    displayTitle: true,
    info: { Title: `${content.title} ${content.trackingNumber}`, Author: content.issuer, CreationDate: content.issuedAt },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('regular', receiptFontFiles.regular);
  doc.registerFont('bold', receiptFontFiles.bold);
  const left = PAGE.margin;
  // Noto Sans SC sets quotes and apostrophes full width, right in Chinese; English text takes the
  // font's proportional forms instead ("pwid"), or “this” reads as “ this ”.
  const features: PDFKit.Mixins.OpenTypeFeatures[] = content.lang === 'en' ? ['pwid'] : [];

  doc.font('regular').fontSize(11).fillColor(MUTED).text(content.issuer, left, PAGE.margin, { width: CONTENT_WIDTH, features });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(22).fillColor(INK).text(content.title, { width: CONTENT_WIDTH, features });
  const ruleY = doc.y + 8;
  doc.moveTo(left, ruleY).lineTo(left + CONTENT_WIDTH, ruleY).lineWidth(1).strokeColor(INK).stroke();

  // The number to the left, large, and the QR code to the right of it.
  const blockTop = ruleY + 20;
  const numberWidth = CONTENT_WIDTH - QR_SIZE - 28;
  doc.font('regular').fontSize(12).fillColor(MUTED).text(content.numberLabel, left, blockTop, { width: numberWidth, features });
  doc.moveDown(0.2);
  doc.font('bold').fontSize(32).fillColor(INK).text(content.trackingNumber, { width: numberWidth, characterSpacing: 1.5 });
  const numberBottom = doc.y;

  const qrLeft = left + CONTENT_WIDTH - QR_SIZE;
  const { size, rects } = qrRectangles(content.qr.url);
  const module = QR_SIZE / size;
  for (const rect of rects) doc.rect(qrLeft + rect.column * module, blockTop + rect.row * module, rect.length * module, module);
  doc.fillColor('#000000').fill();
  doc.font('regular').fontSize(9).fillColor(MUTED).text(content.qr.caption, qrLeft - 20, blockTop + QR_SIZE + 8, { width: QR_SIZE + 40, align: 'center', features });
  const qrBottom = doc.y;

  let y = Math.max(numberBottom, qrBottom) + 24;
  for (const row of content.rows) {
    doc.font('bold').fontSize(11).fillColor(MUTED).text(row.label, left, y + 2, { width: LABEL_WIDTH - 12, features });
    const labelBottom = doc.y;
    doc.font('regular').fontSize(13).fillColor(INK);
    row.lines.forEach((line, index) => {
      doc.text(line, left + LABEL_WIDTH, index === 0 ? y : undefined, { width: CONTENT_WIDTH - LABEL_WIDTH, lineGap: 2, features });
    });
    if (row.list && row.list.length > 0) {
      // Smaller than the lines, so that the longest list (two people with long document names and
      // their statements) still leaves the receipt one page (tests/unit/appointment-receipt.test.ts).
      doc.moveDown(0.2).fontSize(10);
      for (const item of row.list) {
        const top = doc.y;
        doc.text('•', left + LABEL_WIDTH, top, { width: BULLET_INDENT });
        doc.text(item, left + LABEL_WIDTH + BULLET_INDENT, top, { width: CONTENT_WIDTH - LABEL_WIDTH - BULLET_INDENT, features });
        doc.moveDown(0.1);
      }
    }
    if (row.link) {
      doc.moveDown(0.2).font('regular').fontSize(10).fillColor(MUTED).text(row.link, left + LABEL_WIDTH, undefined, { width: CONTENT_WIDTH - LABEL_WIDTH, link: row.link });
    }
    y = Math.max(doc.y, labelBottom) + 14;
    doc.moveTo(left, y - 7).lineTo(left + CONTENT_WIDTH, y - 7).lineWidth(0.5).strokeColor('#cccccc').stroke();
  }

  doc.end();
  return finished;
}
