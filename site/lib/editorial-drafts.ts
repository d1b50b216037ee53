/**
 * The staff pages' side of the editorial engine (docs/decisions/057): the calls every kind's draft
 * page makes to its draft operations (at the kind's own API address), and the one handler of the
 * steps its plain forms post — open, submit, approve, send back, publish now, schedule, cancel a
 * schedule, and discard (after a confirmation that works without JavaScript) — with the API's
 * refusals mapped to the forms' fields and what was typed kept.
 */
import type { AstroGlobal } from 'astro';
import type { Translate } from '../../api/i18n/index.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export interface ApiRefusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  fields: { field: string; code: string; message: string }[];
  currentVersion?: number;
}

/** One call to the API in process (these operations are outside the typed client's type, which is at the compiler's limit). */
export async function call<T>(astro: Astro, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ ok: true; status: number; body: T } | ApiRefusal> {
  const response = await astro.locals.portal.apiFetch(path, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
  });
  if (response.status === 204) return { ok: true, status: 204, body: undefined as T };
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, body: (await response.json()) as T };
  const body = (await response.json().catch(() => ({ error: { code: 'unknown', message: '' } }))) as { error: { code: string; message: string; fields?: ApiRefusal['fields'] }; currentVersion?: number };
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message, fields: body.error.fields ?? [], ...(body.currentVersion === undefined ? {} : { currentVersion: body.currentVersion }) };
}

/** A date and time typed in China time (2027-01-01 09:00) as an instant with its offset, or undefined. */
export function chinaDateTime(value: string): string | undefined {
  const match = /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})\s*$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}T${(match[2] ?? '').padStart(2, '0')}:${match[3]}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

export type DraftStep = 'submit' | 'approve' | 'send-back' | 'schedule' | 'cancel-schedule';

/** The draft operations of one piece, at its API address (`/staff/guides/{slug}`). */
export function draftCalls<View, Published>(piece: string) {
  return {
    read: (astro: Astro) => call<View>(astro, `${piece}/draft`),
    open: (astro: Astro) => call<View>(astro, `${piece}/draft`, { method: 'POST' }),
    save: (astro: Astro, version: number, content: unknown) => call<View>(astro, `${piece}/draft`, { method: 'PUT', body: { version, content } }),
    step: (astro: Astro, step: DraftStep, body: Record<string, unknown>) => call<View>(astro, `${piece}/draft/${step}`, { method: 'POST', body }),
    publish: (astro: Astro, body: Record<string, unknown>) => call<Published>(astro, `${piece}/draft/publish`, { method: 'POST', body }),
    discard: (astro: Astro, version: number) => call<undefined>(astro, `${piece}/draft?version=${encodeURIComponent(String(version))}`, { method: 'DELETE' }),
  };
}

const STEPS = ['open', 'submit', 'approve', 'send-back', 'publish', 'schedule', 'cancel-schedule', 'discard'] as const;
type PostedStep = (typeof STEPS)[number];

/** What the page says after each step (`?done=`). */
const DONE_AFTER: Record<PostedStep, string> = { open: '', submit: 'submitted', approve: 'approved', 'send-back': 'sentBack', publish: 'published', schedule: 'scheduled', 'cancel-schedule': 'cancelled', discard: 'discarded' };

export type StepValues = Record<'noteZh' | 'noteEn' | 'kind' | 'at' | 'comment', string>;
export const EMPTY_STEP_VALUES: StepValues = { noteZh: '', noteEn: '', kind: 'major', at: '', comment: '' };

export type StepOutcome = { ok: true; step: PostedStep; done: string } | { ok: false; refusal: ApiRefusal; problems: { field: string; message: string }[]; values: StepValues };

/**
 * Handles a step the draft page's forms posted. `optionalChange`: a kind whose first publication
 * says nothing of what changed (notices) sends no change note when both notes are empty.
 */
export async function handleDraftStep(astro: Astro & Pick<AstroGlobal, 'request'>, options: { piece: string; t: Translate; optionalChange: boolean }): Promise<StepOutcome> {
  const { t } = options;
  const calls = draftCalls<unknown, unknown>(options.piece);
  const form = await astro.request.formData().catch(() => new FormData());
  const field = (name: string) => String(form.get(name) ?? '').slice(0, 2000);
  const step = STEPS.find((candidate) => candidate === field('action'));
  const version = Number(field('version')) || 0;
  const values: StepValues = { noteZh: field('noteZh'), noteEn: field('noteEn'), kind: field('kind') || 'major', at: field('at'), comment: field('comment') };
  const noted = values.noteZh.trim() !== '' || values.noteEn.trim() !== '';
  const change = options.optionalChange && !noted ? null : { note: { 'zh-CN': values.noteZh, en: values.noteEn }, kind: values.kind };
  const fieldRefusal = (name: string, message: string): ApiRefusal => ({ ok: false, status: 422, code: 'validation_failed', message: t('errors.badRequest'), fields: [{ field: name, code: 'invalid', message }] });
  let answer: { ok: true } | ApiRefusal = { ok: false, status: 422, code: 'unknown', message: t('errors.badRequest'), fields: [] };
  if (step === 'open') answer = await calls.open(astro);
  else if (step === 'submit' || step === 'approve' || step === 'cancel-schedule') answer = await calls.step(astro, step, { version });
  else if (step === 'send-back') answer = await calls.step(astro, 'send-back', { version, comment: values.comment });
  else if (step === 'publish') answer = await calls.publish(astro, { version, change });
  else if (step === 'schedule') {
    const at = chinaDateTime(values.at);
    answer = at ? await calls.step(astro, 'schedule', { version, change, at }) : fieldRefusal('at', t('guideEditor.scheduleHint'));
  } else if (step === 'discard') answer = await calls.discard(astro, version);
  if (answer.ok && step) return { ok: true, step, done: DONE_AFTER[step] };
  const refusal = answer.ok ? fieldRefusal('action', t('errors.badRequest')) : answer;
  // A note's field (change.note.zh-CN; `change` itself when a required note is missing) by the form's names; the rest above the forms.
  const formField = (name: string) => (name === 'change' || name.startsWith('change.note.zh') ? 'noteZh' : name.startsWith('change.note.en') ? 'noteEn' : name.startsWith('change.kind') ? 'kind' : name);
  return { ok: false, refusal, problems: refusal.fields.map((problem) => ({ field: formField(problem.field), message: problem.message })), values };
}

/** The messages the page shows after a step, by `?done=` (the scheduled one names its moment, so the page says it). */
export const DONE_MESSAGES = { submitted: 'guideEditor.submitted', approved: 'guideEditor.approved', sentBack: 'guideEditor.sentBack', cancelled: 'guideEditor.cancelled', discarded: 'editorial.discarded' } as const;
