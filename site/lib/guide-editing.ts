/**
 * The staff pages' calls to the guide editor's API (docs/decisions/052), each answer typed by its
 * route's schema; the draft operations are every kind's (editorial-drafts.ts, docs/decisions/057).
 */
import type { AstroGlobal } from 'astro';
import type { EditorsGuidesView, GuideDiffView, GuideDraftView, GuideHistoryView } from '../../api/routes/guide-editing.routes.ts';
import { call, draftCalls } from './editorial-drafts.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { EditorsGuidesView, GuideDiffView, GuideDraftView, GuideHistoryView };

export { chinaDateTime, type ApiRefusal } from './editorial-drafts.ts';

const at = (slug: string) => `/staff/guides/${encodeURIComponent(slug)}`;

export const editorsGuides = (astro: Astro) => call<EditorsGuidesView>(astro, '/staff/guides');
const drafts = (slug: string) => draftCalls<GuideDraftView, { slug: string; languages: string[] }>(at(slug));
export const guideDraft = (astro: Astro, slug: string) => drafts(slug).read(astro);
export const saveGuideDraft = (astro: Astro, slug: string, version: number, content: GuideDraftView['content']) => drafts(slug).save(astro, version, content);
export const unpublishGuide = (astro: Astro, slug: string, body: Record<string, unknown>) => call<GuideHistoryView>(astro, `${at(slug)}/unpublish`, { method: 'POST', body });
export const guideHistory = (astro: Astro, slug: string) => call<GuideHistoryView>(astro, `${at(slug)}/history`);
export function guideDiff(astro: Astro, slug: string, from?: string, to?: string) {
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  return call<GuideDiffView>(astro, `${at(slug)}/diff${query ? `?${query}` : ''}`);
}
