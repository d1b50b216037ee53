/**
 * Text as people type it: the one building block for every text input of every schema (forms, API
 * bodies, paths, queries, headers). It refuses what nobody types on purpose, before any other rule
 * of the field runs, with one message naming the field (errors.field.hiddenCharacters):
 *
 * - control characters (C0, DEL, C1): a NUL among them, which PostgreSQL cannot store in text (it
 *   answered 500 where SQLite stored it), and terminal escapes that rewrite what a log reader sees;
 *   text of several lines keeps its tabs and line breaks;
 * - broken UTF-16 (a lone surrogate), which no database would store as it was sent;
 * - in a name, also bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 *   and zero-width characters (U+200B–U+200D, U+2060, U+FEFF): invisible, they reorder or hide what
 *   is shown beside the name (an unterminated U+202E reversed the masked ID number next to it).
 *
 * Each builder returns a Zod string, so a field goes on as before: `textLine(…).trim().max(40)`.
 */
import { z } from 'zod';

export const HIDDEN_CHARACTERS = 'errors.field.hiddenCharacters';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINE_BREAKS_AND_TABS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE_FORMATTING = /[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/;

/** Whether `value` has no control character (tabs and line breaks allowed when `lines`) and is well-formed UTF-16. */
export function isPlainText(value: string, options: { lines?: boolean } = {}): boolean {
  return value.isWellFormed() && !(options.lines ? CONTROL_BUT_LINE_BREAKS_AND_TABS : CONTROL).test(value);
}

/** Whether `value` is plain text of one line with no invisible formatting character either. */
export function isVisibleText(value: string): boolean {
  return isPlainText(value) && !INVISIBLE_FORMATTING.test(value);
}

interface TextOptions {
  /** The message (a translation key) when the value is missing or not a string. */
  error?: string;
}

function text(test: (value: string) => boolean, options: TextOptions) {
  // `abort`: the field's other rules (length, format) would only repeat the complaint.
  return z.string(options.error ? { error: options.error } : undefined).refine(test, { message: HIDDEN_CHARACTERS, abort: true });
}

/** One line of text: a number, a code, a search, a password. */
export function textLine(options: TextOptions = {}) {
  return text((value) => isPlainText(value), options);
}

/** Text of several lines (a reason, a list typed one per line): tabs and line breaks are kept. */
export function textLines(options: TextOptions = {}) {
  return text((value) => isPlainText(value, { lines: true }), options);
}

/** A name read beside other text (a person's, a bank's, a holiday's): one line, nothing invisible. */
export function nameLine(options: TextOptions = {}) {
  return text(isVisibleText, options);
}
