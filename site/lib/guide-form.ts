/**
 * The guide editor's form (docs/decisions/052): one language of a guide's draft as plain form
 * fields, without JavaScript. Lists of things (materials, steps, legal bases, locations) are rows
 * named `materials.0.name`…, with a hidden count: "add another row" sends the form back with one
 * more empty row, a row's "remove" box or an all-empty row drops it on save. Lists of words
 * (aliases, phrases, conditions) are one a line. What the form does not edit (the slug, life event,
 * order, urgent numbers, the apply mode and path, related guides) is kept from the draft, and so is
 * the promised time limit of a guide whose service sets it (docs/decisions/060).
 */
import { ZodError } from 'zod';
import type { GuideLanguageContent } from '../../api/domain/guides/guide-diff.ts';
import { GuideLanguageContentSchema } from '../../api/domain/guides/guide-diff.ts';
import type { GuideFrontmatter } from '../../api/domain/guides/guide.schema.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import type { Locale } from '../../api/i18n/index.ts';

export const ROW_LISTS = {
  materials: ['name', 'form', 'copies', 'issuer', 'officeLooksUp', 'required', 'note'],
  steps: ['title', 'detail'],
  legalBasis: ['document', 'articles', 'note'],
  locations: ['name', 'address', 'hours', 'note'],
} as const;
export type RowList = keyof typeof ROW_LISTS;
export const ROW_LIST_NAMES = Object.keys(ROW_LISTS) as RowList[];
/** Check boxes among the rows' fields. */
const ROW_CHECKBOXES = new Set(['officeLooksUp', 'required']);
export const LINE_LISTS = ['aliases', 'phrases', 'eligibility'] as const;
export const TEXT_FIELDS = ['title', 'summary', 'summaryPlain', 'matterType', 'timeLimits.statutory', 'timeLimits.promised', 'fees.detail', 'consultPhone', 'complaintPhone', 'apply.note', 'updated'] as const;
export const MATERIAL_FORMS = ['original', 'copy', 'original-and-copy', 'electronic', 'form-provided'] as const;

export interface GuideFormState {
  /** Every field's value as the form holds it, by its name. */
  values: Record<string, string>;
  /** How many rows each list shows. */
  rows: Record<RowList, number>;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'boolean' ? (value ? 'yes' : '') : String(value));

export function contentToForm(content: GuideLanguageContent): GuideFormState {
  const f = content.frontmatter;
  const values: Record<string, string> = {
    title: f.title,
    summary: f.summary,
    summaryPlain: f.summaryPlain ?? '',
    matterType: f.matterType,
    'timeLimits.statutory': f.timeLimits.statutory,
    'timeLimits.promised': f.timeLimits.promised,
    'fees.free': f.fees.free ? 'yes' : '',
    'fees.detail': f.fees.detail,
    consultPhone: f.consultPhone,
    complaintPhone: f.complaintPhone,
    'apply.note': f.apply.note ?? '',
    updated: f.updated,
    body: content.body,
  };
  for (const list of LINE_LISTS) values[list] = f[list].join('\n');
  const rows = { materials: f.materials.length, steps: f.steps.length, legalBasis: f.legalBasis.length, locations: f.locations.length };
  for (const list of ROW_LIST_NAMES) {
    f[list].forEach((row, index) => {
      for (const field of ROW_LISTS[list]) values[`${list}.${index}.${field}`] = text((row as Record<string, unknown>)[field]);
    });
  }
  return { values, rows };
}

const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * Reads the form sent: the values as typed (to show again), the rows, and the candidate content
 * (the draft's frontmatter with the form's fields over it) for the schema to check. `addRow`: the
 * list whose "add another row" was pressed. `serviceSetsPromised`: the guide's service sets its
 * 承诺时限, so the form has no such field and the draft's text is kept as it was, whatever is sent.
 */
export function formToContent(get: (name: string) => string, base: GuideLanguageContent, addRow?: RowList, options: { serviceSetsPromised?: boolean } = {}): GuideFormState & { candidate: { frontmatter: Record<string, unknown>; body: string } } {
  const values: Record<string, string> = {};
  const read = (name: string) => {
    const value = get(name).slice(0, 50_000);
    values[name] = value;
    return value;
  };
  for (const name of [...TEXT_FIELDS, 'fees.free', 'body', ...LINE_LISTS]) read(name);
  if (options.serviceSetsPromised) values['timeLimits.promised'] = base.frontmatter.timeLimits.promised;
  const rows = {} as Record<RowList, number>;
  const lists = {} as Record<RowList, Record<string, unknown>[]>;
  for (const list of ROW_LIST_NAMES) {
    const count = Math.min(Math.max(Number.parseInt(get(`${list}.count`), 10) || 0, 0), 50);
    const kept: Record<string, unknown>[] = [];
    const shown: Record<string, string>[] = [];
    for (let index = 0; index < count; index += 1) {
      const row: Record<string, string> = {};
      for (const field of ROW_LISTS[list]) row[field] = get(`${list}.${index}.${field}`).slice(0, 5_000);
      if (get(`${list}.${index}.remove`) === 'yes') continue;
      const filled = ROW_LISTS[list].some((field) => !ROW_CHECKBOXES.has(field) && field !== 'form' && (row[field] ?? '').trim() !== '');
      shown.push(row);
      if (filled) kept.push(row);
    }
    if (addRow === list) shown.push({});
    shown.forEach((row, index) => {
      for (const field of ROW_LISTS[list]) values[`${list}.${index}.${field}`] = row[field] ?? '';
    });
    rows[list] = shown.length;
    lists[list] = kept;
  }
  const f: GuideFrontmatter = base.frontmatter;
  const lines = (name: string) =>
    (values[name] ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const frontmatter: Record<string, unknown> = {
    ...f,
    title: values.title,
    summary: values.summary,
    summaryPlain: optional(values.summaryPlain ?? ''),
    matterType: values.matterType,
    aliases: lines('aliases'),
    phrases: lines('phrases'),
    eligibility: lines('eligibility'),
    materials: lists.materials.map((row) => ({
      name: row.name,
      form: row.form,
      copies: /^\d+$/.test(String(row.copies ?? '').trim()) ? Number(String(row.copies).trim()) : row.copies,
      issuer: row.issuer,
      officeLooksUp: row.officeLooksUp === 'yes',
      required: row.required === 'yes',
      note: optional(String(row.note ?? '')),
    })),
    steps: lists.steps.map((row) => ({ title: row.title, detail: row.detail })),
    timeLimits: { statutory: values['timeLimits.statutory'], promised: values['timeLimits.promised'] },
    fees: { free: values['fees.free'] === 'yes', detail: values['fees.detail'] },
    legalBasis: lists.legalBasis.map((row) => ({ document: row.document, articles: optional(String(row.articles ?? '')), note: optional(String(row.note ?? '')) })),
    locations: lists.locations.map((row) => ({ name: row.name, address: row.address, hours: row.hours, note: optional(String(row.note ?? '')) })),
    consultPhone: values.consultPhone,
    complaintPhone: values.complaintPhone,
    apply: { ...f.apply, note: optional(values['apply.note'] ?? '') },
    updated: values.updated,
  };
  // Left out rather than sent as undefined: the schema is strict about keys, not about absent optionals.
  for (const key of Object.keys(frontmatter)) if (frontmatter[key] === undefined) delete frontmatter[key];
  return { values, rows, candidate: { frontmatter, body: values.body ?? '' } };
}

/** The form field a problem belongs to: `frontmatter.materials.0.name` → `materials.0.name`; a word list's line → the list. */
export function formFieldOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const inner = parts[0] === 'frontmatter' ? parts.slice(1) : parts;
  const head = inner[0] ?? 'body';
  if ((LINE_LISTS as readonly string[]).includes(head)) return head;
  return inner.join('.');
}

export type GuideFormCheck = { ok: true; content: GuideLanguageContent } | { ok: false; problems: { field: string; message: string }[] };

/** Checks one language's content by the guide's schema: each problem translated, by its form field, the first per field. */
export function checkGuideForm(candidate: unknown, lang: Locale): GuideFormCheck {
  const parsed = GuideLanguageContentSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, content: parsed.data };
  const messages = fieldErrors(parsed.error instanceof ZodError ? parsed.error : new ZodError([]), lang, undefined, 'guideEditor.fields');
  const problems: { field: string; message: string }[] = [];
  parsed.error.issues.forEach((issue, index) => {
    const field = formFieldOf(issue.path);
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: messages[index]?.message ?? '' });
  });
  return { ok: false, problems };
}
