/**
 * A day as people type it, for every form that asks one (a date of death, of a burial, of what
 * happened): the shapes people write in China, 全角 digits included, read as YYYY-MM-DD. Pure: the
 * caller says what today is.
 */
import { z } from 'zod';
import { textLine } from '../text.ts';

/** A day as people type it: 2026-12-01, 2026-12-1, 2026/12/1, 2026.12.1 or 2026年12月1日 (全角 too) → YYYY-MM-DD; undefined when no real day. */
export function parseDay(typed: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(typed.normalize('NFKC').trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A day as people type it (parseDay), not after `today`: a date of death, of a burial, of what happened. */
export function pastDay(today: string, messages: { required: string; future: string }) {
  return textLine({ error: messages.required }).transform((typed, context) => {
    const day = parseDay(typed);
    if (!day) context.addIssue({ code: 'custom', message: messages.required });
    else if (day > today) context.addIssue({ code: 'custom', message: messages.future });
    return day ?? z.NEVER;
  });
}
