/**
 * How staff pages write the values they show: an office or a service area by its name in the
 * reader's language (never its id), and a machine date or month in a timeline's details as people
 * write it. Names are in the i18n resources (staff.office.<id>, staff.serviceArea.<id>).
 */
import { dynamicKey, formatYuan } from '../../api/i18n/index.ts';
import { valueText, type ValueFormat } from '../../api/services/recorded-values.ts';
import type { PageContext } from './page-context.ts';

type Writer = Pick<PageContext, 't' | 'formatDate' | 'formatMonth' | 'lang'>;

export const officeLabel = ({ t }: Pick<PageContext, 't'>, office: string): string => t(dynamicKey`staff.office.${office}`, { defaultValue: office });

export const serviceAreaLabel = ({ t }: Pick<PageContext, 't'>, area: string): string => t(dynamicKey`staff.serviceArea.${area}`, { defaultValue: area });

/**
 * A detail of a timeline event (what a step recorded: a reason, an amount, a first month, a new
 * day): written as its service says the field is (`format`: an amount kept in fen as money, as on
 * the status page: api/services/recorded-values.ts); otherwise a value that is wholly a day
 * (YYYY-MM-DD) or a month (YYYY-MM) was written by the portal, not typed as text, and is written as
 * a date; anything else is shown as recorded.
 */
export function detailText(writer: Writer, value: string, format?: ValueFormat): string {
  if (format !== undefined) return valueText({ ...writer, formatYuan: (fen) => formatYuan(fen, writer.lang) }, format, value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return writer.formatDate(value);
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return writer.formatMonth(value);
  return value;
}
