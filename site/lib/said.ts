/**
 * Words a service hands the pages as data (api/services/decision-aid.ts `Said`), said in the
 * reader's language: each value in turn, other words translated, days and months written as the
 * language writes them, amounts in fen as money.
 */
import { formatYuan, keyFrom } from '../../api/i18n/index.ts';
import { isSaid, type AidCell, type Said, type SaidValue } from '../../api/services/decision-aid.ts';
import type { PageContext } from './page-context.ts';

type Context = Pick<PageContext, 't' | 'lang' | 'formatDate' | 'formatMonth'>;

function valueText(context: Context, value: SaidValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('key' in value) return say(context, value);
  if ('date' in value) return context.formatDate(value.date);
  if ('month' in value) return context.formatMonth(value.month);
  return formatYuan(value.fen, context.lang);
}

export function say(context: Context, words: Said): string {
  const values = Object.fromEntries(Object.entries(words.values ?? {}).map(([name, value]) => [name, valueText(context, value)]));
  return context.t(keyFrom(words.key), values);
}

/** A cell of an aid: its words, or its text as given (already masked where the reader may not see it whole). */
export const cellText = (context: Context, cell: AidCell): string => (isSaid(cell) ? say(context, cell) : cell.text);
