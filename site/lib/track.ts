/** The status page's view of the API: look up progress, withdraw. */
import type { AstroGlobal } from 'astro';
import type { CaseProgress } from '../../api/cases/case-service.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type ProgressView = CaseProgress;

export type TrackAnswer =
  | { ok: true; progress: ProgressView }
  | { ok: false; status: number; message: string; field?: string };

async function answer(response: Response): Promise<TrackAnswer> {
  if (response.status === 200) return { ok: true, progress: (await response.json()) as ProgressView };
  const body = (await response.json().catch(() => ({ error: { message: '' } }))) as { error: { message: string; fields?: { field: string; message: string }[] } };
  const field = body.error.fields?.[0];
  return { ok: false, status: response.status, message: field?.message ?? body.error.message, ...(field ? { field: field.field } : {}) };
}

export async function lookUp(astro: Astro, trackingNumber: string, secondFactor: string): Promise<TrackAnswer> {
  return answer(await astro.locals.portal.api.track.$post({ json: { trackingNumber, secondFactor } }));
}

export async function withdraw(astro: Astro, trackingNumber: string, secondFactor: string): Promise<TrackAnswer> {
  return answer(await astro.locals.portal.api.track.withdraw.$post({ json: { trackingNumber, secondFactor } }));
}

export async function reschedule(astro: Astro, trackingNumber: string, secondFactor: string, date: string, start: string): Promise<TrackAnswer> {
  return answer(await astro.locals.portal.api.track.reschedule.$post({ json: { trackingNumber, secondFactor, date, start } }));
}
