/**
 * An application in progress is kept on the server, through the API (docs/decisions/033): the
 * browser holds only the draft's reference, a random secret in an HttpOnly cookie, which lapses 30
 * minutes after the draft was last used (the server's `last_seen`, not the cookie's age). The
 * answers are encrypted in the database and deleted when the draft expires (30 days for a journey
 * with a task list, 1 day otherwise) or becomes a case.
 *
 * After submission the answers are gone: the draft keeps only what the confirmation page shows (the
 * tracking number, a booking's public details) for a day, so a reload shows it again and a repeated
 * submit, even with the cookies it left with, finds the case already made.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';

/** The reference cookie outlives the idle lapse on purpose: the start page can then say the application timed out. */
const REFERENCE_MAX_AGE_S = 30 * 24 * 60 * 60;

const SubmittedSchema = z.object({ trackingNumber: z.string(), acceptanceDue: z.string().nullable(), smsTo: z.string() });
const ServerDraft = z.object({ service: z.string(), key: z.string(), answers: z.record(z.string(), z.string()), lapsesAt: z.string(), expiresAt: z.string(), submitted: SubmittedSchema.optional() });
const Opened = z.object({ reference: z.string(), draft: ServerDraft });

export interface ApplicationDraft {
  service: string;
  /** The Idempotency-Key of this application (a double click or a resubmit never makes a second case) and the key of its files. */
  key: string;
  answers: Record<string, string>;
  submitted?: z.infer<typeof SubmittedSchema>;
  /** When the reference lapses unless used again; absent once submitted. */
  lapsesAt?: string;
  /** When the draft is deleted unless saved again. */
  expiresAt?: string;
}

type Astro = Pick<AstroGlobal, 'locals' | 'cookies' | 'url'>;

const slug = (service: string) => service.replace(/[^a-z0-9]/g, '_');
/** The reference's cookie (the name the sealed draft had: a browser's old cookie simply fails to open). */
export const referenceCookieName = (service: string) => `draft_${slug(service)}`;

/** A reader's cookie as the portal sets them: HttpOnly, SameSite=Lax, Secure but on this machine's own http address (a tool's answers use it too: site/lib/journey-tools.ts). */
export function cookieOptions(astro: Pick<AstroGlobal, 'url'>, maxAge: number) {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(astro.url.hostname) && astro.url.protocol === 'http:';
  return { httpOnly: true, sameSite: 'lax' as const, secure: !local, path: '/', maxAge };
}

const referenceOf = (astro: Pick<AstroGlobal, 'cookies'>, service: string): string | undefined => astro.cookies.get(referenceCookieName(service))?.value || undefined;

/** The reader's reference to their draft of `service` ('' when none): what the API's draft operations take in `draft-reference`. */
export const draftReference = (astro: Pick<AstroGlobal, 'cookies'>, service: string): string => referenceOf(astro, service) ?? '';

/** The draft of `service` this reader holds: the submitted one's confirmation, or the live one on the server (its reference counts as used). */
export async function readDraft(astro: Astro, service: string): Promise<ApplicationDraft | undefined> {
  const reference = referenceOf(astro, service);
  if (!reference) return undefined;
  const response = await astro.locals.portal.api.drafts.current.$get({ header: { 'draft-reference': reference } });
  // 404: lapsed, replaced by a resume, or never was; 422: not a reference at all.
  if (!response.ok) return undefined;
  const draft = ServerDraft.parse(await response.json());
  return draft.service === service ? draft : undefined;
}

/** Whether this reader had a draft of `service` whose reference no longer opens it (timed out): the start page says so, showing nothing of it. */
export async function draftLapsed(astro: Astro, service: string): Promise<boolean> {
  return referenceOf(astro, service) !== undefined && (await readDraft(astro, service)) === undefined;
}

/** Starts a draft on the server and gives the reader its reference. */
export async function newDraft(astro: Astro, service: string): Promise<ApplicationDraft> {
  const response = await astro.locals.portal.api.drafts.$post({ json: { service } });
  if (response.status !== 201) throw new Error(`starting a draft answered ${response.status}`);
  const opened = Opened.parse(await response.json());
  holdReference(astro, service, opened.reference);
  return opened.draft;
}

/** Keeps a draft's reference in the reader's cookie (a new draft, or one resumed with its code). */
export function holdReference(astro: Astro, service: string, reference: string): void {
  astro.cookies.set(referenceCookieName(service), reference, cookieOptions(astro, REFERENCE_MAX_AGE_S));
}

/**
 * Saves the draft's answers on the server. A submitted draft keeps only what its confirmation shows
 * (the application's submission already wrote that in its transaction; a booking, made by its own
 * route, ends its draft here).
 */
export async function writeDraft(astro: Astro, draft: ApplicationDraft): Promise<void> {
  const reference = referenceOf(astro, draft.service);
  if (!reference) throw new Error('saving a draft the reader holds no reference to');
  const response = await astro.locals.portal.api.drafts.current.$put({ header: { 'draft-reference': reference }, json: { answers: draft.answers, ...(draft.submitted ? { submitted: draft.submitted } : {}) } });
  if (!response.ok) throw new Error(`saving a draft answered ${response.status}`);
}

/** Forgets the reader's draft of `service` (after its confirmation, to apply again). */
export function clearDraft(astro: Astro, service: string): void {
  astro.cookies.delete(referenceCookieName(service), { path: '/' });
}

/** The resume code for "save and come back later", or why there is none. */
export async function saveForLater(astro: Astro, service: string): Promise<{ ok: true; code: string; expiresAt: string; sentTo: string | null } | { ok: false; status: number; message: string }> {
  const reference = referenceOf(astro, service);
  if (!reference) return { ok: false, status: 404, message: '' };
  const response = await astro.locals.portal.api.drafts.current['resume-code'].$post({ header: { 'draft-reference': reference } });
  const body: unknown = await response.json();
  if (response.status === 201) return { ok: true, ...z.object({ code: z.string(), expiresAt: z.string(), sentTo: z.string().nullable() }).parse(body) };
  return { ok: false, status: response.status, message: z.object({ error: z.object({ message: z.string() }) }).safeParse(body).data?.error.message ?? '' };
}

/** The timeout warning's "continue": the reference lives on; how long from now, or undefined when it already lapsed. */
export async function extendDraft(astro: Astro, service: string): Promise<number | undefined> {
  const reference = referenceOf(astro, service);
  if (!reference) return undefined;
  const response = await astro.locals.portal.api.drafts.current.extend.$post({ header: { 'draft-reference': reference } });
  if (!response.ok) return undefined;
  const { lapsesAt } = z.object({ lapsesAt: z.string() }).parse(await response.json());
  return Math.max(0, Date.parse(lapsesAt) - Date.now());
}

export type ResumeAnswer =
  | { ok: true; service: string }
  | { ok: false; status: number; message: string; fields: { field: string; message: string }[] };

/** Opens a saved draft with its resume code and the ID number, and gives this reader its new reference. */
export async function resumeDraft(astro: Astro, code: string, idNumber: string): Promise<ResumeAnswer> {
  const response = await astro.locals.portal.api.drafts.resume.$post({ json: { code, idNumber } });
  const body: unknown = await response.json();
  if (response.ok) {
    const opened = Opened.parse(body);
    holdReference(astro, opened.draft.service, opened.reference);
    return { ok: true, service: opened.draft.service };
  }
  const error = z.object({ error: z.object({ message: z.string(), fields: z.array(z.object({ field: z.string(), message: z.string() })).optional() }) }).safeParse(body).data?.error;
  return { ok: false, status: response.status, message: error?.message ?? '', fields: error?.fields ?? [] };
}

/**
 * Continues a bundle's item applied for later (docs/decisions/076): its journey's draft, prefilled
 * from the bundle, given to this reader — who holds the bundle's own sent draft (`from`: the
 * bundle's service, its confirmation page) or its tracking number and second factor (its status
 * page). The item's service is told by the API; undefined when there is no draft to continue.
 */
export async function continueBundleItem(
  astro: Astro,
  item: string,
  by: { from: string } | { trackingNumber: string; secondFactor: string; lookupToken: string },
): Promise<{ service: string } | undefined> {
  const response =
    'from' in by
      ? await astro.locals.portal.api.drafts.current.parts[':item'].draft.$post({ param: { item }, header: { 'draft-reference': draftReference(astro, by.from) } })
      : await astro.locals.portal.api.track.parts[':item'].draft.$post({ param: { item }, json: { trackingNumber: by.trackingNumber, secondFactor: by.secondFactor, ...(by.lookupToken ? { lookupToken: by.lookupToken } : {}) } });
  if (response.status !== 200) return undefined;
  const opened = z.object({ reference: z.string(), draft: z.object({ service: z.string() }) }).parse(await response.json());
  holdReference(astro, opened.draft.service, opened.reference);
  return { service: opened.draft.service };
}
