/**
 * The staff pages' calls to the guide editor's API (docs/decisions/052), in process through
 * `apiFetch` (these operations are outside the typed client's type, which is at the compiler's
 * limit), each answer typed by its route's schema.
 */
import type { AstroGlobal } from 'astro';
import type { EditorsGuidesView, GuideDiffView, GuideDraftView, GuideHistoryView } from '../../api/routes/guide-editing.routes.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { EditorsGuidesView, GuideDiffView, GuideDraftView, GuideHistoryView };

export interface ApiRefusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  fields: { field: string; code: string; message: string }[];
  currentVersion?: number;
}

async function call<T>(astro: Astro, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ ok: true; status: number; body: T } | ApiRefusal> {
  const response = await astro.locals.portal.apiFetch(path, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
  });
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, body: (await response.json()) as T };
  const body = (await response.json().catch(() => ({ error: { code: 'unknown', message: '' } }))) as { error: { code: string; message: string; fields?: ApiRefusal['fields'] }; currentVersion?: number };
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message, fields: body.error.fields ?? [], ...(body.currentVersion === undefined ? {} : { currentVersion: body.currentVersion }) };
}

const at = (slug: string) => `/staff/guides/${encodeURIComponent(slug)}`;

export const editorsGuides = (astro: Astro) => call<EditorsGuidesView>(astro, '/staff/guides');
export const guideDraft = (astro: Astro, slug: string) => call<GuideDraftView>(astro, `${at(slug)}/draft`);
export const openGuideDraft = (astro: Astro, slug: string) => call<GuideDraftView>(astro, `${at(slug)}/draft`, { method: 'POST' });
export const saveGuideDraft = (astro: Astro, slug: string, version: number, content: GuideDraftView['content']) => call<GuideDraftView>(astro, `${at(slug)}/draft`, { method: 'PUT', body: { version, content } });
export const guideDraftStep = (astro: Astro, slug: string, step: 'submit' | 'approve' | 'send-back' | 'schedule' | 'cancel-schedule', body: Record<string, unknown>) =>
  call<GuideDraftView>(astro, `${at(slug)}/draft/${step}`, { method: 'POST', body });
export const publishGuideDraft = (astro: Astro, slug: string, body: Record<string, unknown>) => call<{ slug: string; languages: string[] }>(astro, `${at(slug)}/draft/publish`, { method: 'POST', body });
export const unpublishGuide = (astro: Astro, slug: string, body: Record<string, unknown>) => call<GuideHistoryView>(astro, `${at(slug)}/unpublish`, { method: 'POST', body });
export const guideHistory = (astro: Astro, slug: string) => call<GuideHistoryView>(astro, `${at(slug)}/history`);
export function guideDiff(astro: Astro, slug: string, from?: string, to?: string) {
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  return call<GuideDiffView>(astro, `${at(slug)}/diff${query ? `?${query}` : ''}`);
}

/** A date and time typed in China time (2027-01-01 09:00) as an instant with its offset, or undefined. */
export function chinaDateTime(value: string): string | undefined {
  const match = /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})\s*$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}T${(match[2] ?? '').padStart(2, '0')}:${match[3]}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}
