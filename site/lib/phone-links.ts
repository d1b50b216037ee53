/**
 * Every phone number a page shows is a tel: link, so that a phone dials it with one tap (a funeral
 * home's 24-hour line was once plain text at line 114 of 152). Guide fields, guide bodies, the
 * footer pages and translated sentences ("拨打服务热线 12345") all pass through here.
 *
 * What counts as a phone number in running text, and what does not:
 * - a number with its area code, written with a separator: 0571-88880000, 0000-12345678;
 * - a government service line (123xx: 12345, 12315, 12385, 12349 …);
 * - a 400/800 number: 400-123-4567;
 * - 110, 119, 120 and 122 only where the text says to call them ("拨打 110", "call 110"): alone,
 *   three digits are as often an amount (¥110) or an article;
 * - not an amount (12300 元), a date (2026-01-01), a document number or part of a longer number;
 * - not a mobile number: this portal shows mobiles only as examples of the format to type
 *   ("例如 13812345678") or masked (138****5678), and neither is anyone's to call.
 */

export interface TextPart {
  text: string;
  /** Set when the part is a phone number: the tel: address that dials it. */
  tel?: string;
}

const DIAL_WORDS = '(?:拨打|请打|打|报警|电话|call|dial|ring|phone|on)';
const PHONE = new RegExp(
  [
    // Not part of a longer run of digits or Latin letters (an ID or tracking number), nor a decimal.
    '(?<![A-Za-z0-9+.-])',
    '(?:',
    '0\\d{2,3}[- ]\\d{7,8}', // area code and number
    '|[48]00[- ]?\\d{3}[- ]?\\d{4}', // 400 / 800
    '|123\\d{2}', // government service lines
    `|(?<=${DIAL_WORDS}[\\s:：]{0,2})(?:110|119|120|122)`, // emergency numbers where the text says to call them
    ')',
    // Not followed by more digits, letters or a hyphen, nor by a unit that makes it an amount or a date.
    '(?![A-Za-z0-9-]|\\s?(?:元|yuan|%|年|月|日|号)|[.,]\\d)',
  ].join(''),
  'gi',
);

/** The tel: address of a written number: its digits (and a leading +); separators are only for reading. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** Text split into plain parts and phone numbers, in order; joined, the parts' texts are the text. */
export function splitPhoneNumbers(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], tel: telHref(match[0]) });
    last = match.index + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}

/**
 * Rendered HTML (a guide's body, a footer page) with each phone number in its text made a tel:
 * link. Only text between tags changes; attributes, and text already inside a link, are left alone.
 */
export function linkPhoneNumbersInHtml(html: string): string {
  let insideLink = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((piece, index) => {
      if (index % 2 === 1) {
        if (/^<a[\s>]/i.test(piece)) insideLink += 1;
        else if (/^<\/a\s*>/i.test(piece)) insideLink = Math.max(0, insideLink - 1);
        return piece;
      }
      if (insideLink > 0) return piece;
      return splitPhoneNumbers(piece)
        .map((part) => (part.tel ? `<a href="${part.tel}">${part.text}</a>` : part.text))
        .join('');
    })
    .join('');
}
