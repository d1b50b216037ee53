/**
 * How a value a case's step recorded is written for a person, wherever a timeline shows it (the
 * applicant's status page, the staff workbench): whole fen as money (relief keeps its amounts in
 * fen), whole yuan as money, a month (YYYY-MM) as the language writes it, or a choice by its name
 * (`<key prefix>.<value>` in the service's words). A service says which of its fields are which
 * (`CaseService.recordedValues`); any other value is shown as recorded.
 */
import { dynamicKey, type Translate } from '../i18n/index.ts';

export type ValueFormat = 'fen' | 'yuan' | 'month' | { choice: string };

/** The fields of a service's steps that are written other than as recorded, by field. */
export type RecordedValues = Readonly<Record<string, ValueFormat>>;

export interface ValueWriter {
  t: Translate;
  /** A calendar month (YYYY-MM) as the reader's language writes it. */
  formatMonth(month: string): string;
  /** An amount in whole fen as the reader's language writes money (1,700 元 / ¥1,700). */
  formatYuan(fen: number): string;
}

/** A recorded value in the reader's words; one that does not read as its format is shown as recorded. */
export function valueText({ t, formatMonth, formatYuan }: ValueWriter, format: ValueFormat | undefined, value: string): string {
  if (format === undefined) return value;
  if (typeof format === 'object') return t(dynamicKey`${format.choice}.${value}`, { defaultValue: value });
  if (format === 'month') return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? formatMonth(value) : value;
  const amount = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(amount)) return value;
  return formatYuan(format === 'fen' ? amount : amount * 100);
}
