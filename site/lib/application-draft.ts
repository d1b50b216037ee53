/**
 * An application in progress lives in one cookie, sealed (AES-256-GCM) with the portal's key: the
 * journey works without JavaScript and across several server processes, and nothing personal is
 * stored on the server before the applicant submits. The cookie is HttpOnly, SameSite=Lax and
 * lasts 24 hours from the last answer. After submission it keeps only the tracking number, so the
 * confirmation page survives a reload and a repeated submit finds the case already made.
 */
import { randomUUID } from 'node:crypto';
import type { AstroGlobal } from 'astro';
import { z } from 'zod';

const DRAFT_MAX_AGE_S = 24 * 60 * 60;

const DraftSchema = z.object({
  service: z.string(),
  /** The Idempotency-Key of this application: a double click or a resubmit never makes a second case. */
  key: z.string().min(8).max(100),
  answers: z.record(z.string(), z.string().max(400)),
  submitted: z.object({ trackingNumber: z.string(), acceptanceDue: z.string().nullable(), smsTo: z.string() }).optional(),
});
export type ApplicationDraft = z.infer<typeof DraftSchema>;

type Astro = Pick<AstroGlobal, 'locals' | 'cookies' | 'url'>;

const cookieName = (service: string) => `draft_${service.replace(/[^a-z0-9]/g, '_')}`;

export function readDraft(astro: Astro, service: string): ApplicationDraft | undefined {
  const token = astro.cookies.get(cookieName(service))?.value;
  if (!token) return undefined;
  const parsed = DraftSchema.safeParse(astro.locals.portal.drafts.open(token));
  return parsed.success && parsed.data.service === service ? parsed.data : undefined;
}

export function newDraft(service: string): ApplicationDraft {
  return { service, key: randomUUID(), answers: {} };
}

export function writeDraft(astro: Astro, draft: ApplicationDraft): void {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(astro.url.hostname) && astro.url.protocol === 'http:';
  astro.cookies.set(cookieName(draft.service), astro.locals.portal.drafts.seal(draft), {
    httpOnly: true,
    sameSite: 'lax',
    secure: !local,
    path: '/',
    maxAge: DRAFT_MAX_AGE_S,
  });
}

export function clearDraft(astro: Astro, service: string): void {
  astro.cookies.delete(cookieName(service), { path: '/' });
}
