/**
 * Amounts of money as people type them and as relief stores them (issue 14): typed leniently
 * (全角 digits, thousands commas, spaces, a ¥ sign, 元, 万, a decimal point to the fen) and kept
 * exactly, as a whole number of fen, so that incomes add up and the 低保 amount
 * ((standard − income per head) × members) is worked out without any floating-point rounding.
 * Pure: no I/O.
 */
import { z } from 'zod';
import type { MessageKey } from '../../i18n/index.ts';
import { textLine } from '../../domain/text.ts';
import { MAX_AMOUNT_YUAN, YUAN_DECIMALS } from './figures.ts';

/** Fen in a yuan. */
export const FEN_PER_YUAN = 100;
/** The largest amount accepted, in fen. */
export const MAX_AMOUNT_FEN = MAX_AMOUNT_YUAN * FEN_PER_YUAN;

/** Why a typed amount is refused. */
export type AmountRefusal = 'empty' | 'notANumber' | 'negative' | 'tooManyDecimals' | 'tooLarge';

export type ParsedAmount = { ok: true; fen: number } | { ok: false; reason: AmountRefusal };

/** Each refusal's message, in the service's namespace (typed: a key that is not in the resources fails the type check). */
export const AMOUNT_MESSAGES: Readonly<Record<AmountRefusal, MessageKey>> = {
  empty: 'social-relief:errors.amount.empty',
  notANumber: 'social-relief:errors.amount.notANumber',
  negative: 'social-relief:errors.amount.negative',
  tooManyDecimals: 'social-relief:errors.amount.tooManyDecimals',
  tooLarge: 'social-relief:errors.amount.tooLarge',
};

/** 万 is ten thousand yuan: a figure in 万 may have four more places than one in yuan (1.2345万 = 12,345 元). */
const WAN_PLACES = 4;

/**
 * Digits in groups of three after the first, separated by commas ("12,345,678"), or digits with no
 * comma at all. A comma anywhere else ("12,50") is refused rather than guessed at: in some places it
 * is a decimal comma, and reading it as a thousands separator would store a hundred times the amount.
 */
const WHOLE = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

/**
 * A typed amount in fen, or why it is refused. Accepted: 全角 digits and signs (NFKC), spaces
 * anywhere (also the ideographic space), a leading ¥ or ￥, a trailing 元 or 万 or 万元, thousands
 * commas (半角 or 全角), a decimal point with at most two places (six after 万: still whole fen).
 * "0" is an amount (no income of that kind); "" is not.
 */
export function parseAmount(typed: string): ParsedAmount {
  // NFKC turns 全角 digits, ，．－ and the ideographic space into their 半角 forms, and ￥ into ¥.
  let text = typed.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return { ok: false, reason: 'empty' };
  if (/^[-\u2212]/.test(text)) return { ok: false, reason: 'negative' };
  text = text.replace(/^(?:¥|RMB)/i, '');
  let places: number = YUAN_DECIMALS;
  const unit = /(万元|万|元)$/.exec(text)?.[1];
  if (unit) {
    text = text.slice(0, -unit.length);
    if (unit !== '元') places = YUAN_DECIMALS + WAN_PLACES;
  }
  if (/^[-\u2212]/.test(text)) return { ok: false, reason: 'negative' };
  const match = /^([\d,]*)(?:\.(\d*))?$/.exec(text);
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  // A point needs a digit beside it: "." alone, or "元" alone, is no amount.
  if (!match || (whole === '' && fraction === '') || (whole !== '' && !WHOLE.test(whole))) return { ok: false, reason: 'notANumber' };
  if (fraction.length > places) return { ok: false, reason: 'tooManyDecimals' };
  const digits = `${whole.replaceAll(',', '')}${fraction.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  // Compared as digits before Number(): a pasted run of digits stays exact until it is refused.
  if (digits.length > String(MAX_AMOUNT_FEN).length) return { ok: false, reason: 'tooLarge' };
  const fen = Number(digits);
  if (fen > MAX_AMOUNT_FEN) return { ok: false, reason: 'tooLarge' };
  return { ok: true, fen };
}

/**
 * The one amount field of relief's forms and API: a string as typed (or a JSON number, read as its
 * decimal text) → whole fen. Its messages are the service's translation keys, so the page and the
 * API say the same thing next to the field.
 */
export const AmountSchema = z
  .union([textLine({ error: AMOUNT_MESSAGES.empty }), z.number({ error: AMOUNT_MESSAGES.notANumber })], { error: AMOUNT_MESSAGES.empty })
  .transform((input, context) => {
    const parsed = parseAmount(typeof input === 'number' ? String(input) : input);
    if (parsed.ok) return parsed.fen;
    context.addIssue({ code: 'custom', message: AMOUNT_MESSAGES[parsed.reason] });
    return z.NEVER;
  });

/** Amounts are written as the portal writes any (api/i18n: punctuation.yuan). */
export { formatYuan, yuanFigure } from '../../i18n/index.ts';
