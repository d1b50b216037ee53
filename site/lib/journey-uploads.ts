/**
 * An upload step's files through the API (docs/decisions/031): the pages read and change data only
 * through it. The draft's files are owned by the draft's key, which the page reads from the draft
 * its reference opens (docs/decisions/033); the reader's cookie holds only that reference.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { draftReference } from './application-draft.ts';
import { serviceRegistry } from '../../api/services/registry.ts';

type Astro = Pick<AstroGlobal, 'locals' | 'cookies'>;
/** Which draft: its service (whose cookie holds the reference) and its key (which names its files). */
type DraftOf = { service: string; key: string };
const header = (astro: Astro, draft: DraftOf) => ({ 'draft-reference': draftReference(astro, draft.service) });

/** A file as an upload step lists it. */
export interface ListedFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

const Listing = z.object({ files: z.array(z.object({ id: z.string(), purpose: z.string(), name: z.string(), mediaType: z.string(), size: z.number() })) });

/** The draft's files given for `purpose`, oldest first. */
export async function draftFiles(astro: Astro, draft: DraftOf, purpose: string): Promise<ListedFile[]> {
  const response = await astro.locals.portal.api.drafts[':key'].files.$get({ param: { key: draft.key }, header: header(astro, draft) });
  if (!response.ok) throw new Error(`listing a draft's files answered ${response.status}`);
  const { files } = Listing.parse(await response.json());
  return files.filter((file) => file.purpose === purpose).map(({ id, name, mediaType, size }) => ({ id, name, mediaType, size }));
}

/** Sends one file; a refusal comes back as the message to put next to the field. */
export async function uploadDraftFile(astro: Astro, upload: { service: string; key: string; purpose: string; file: File }): Promise<{ ok: true } | { ok: false; status: number; message: string }> {
  const form = new FormData();
  form.set('service', upload.service);
  form.set('purpose', upload.purpose);
  form.set('file', upload.file, upload.file.name);
  // The reference goes in `init` too: a body of its own makes the client drop the operation's headers.
  const response = await astro.locals.portal.api.drafts[':key'].files.$post({ param: { key: upload.key }, header: header(astro, upload) }, { init: { body: form, headers: header(astro, upload) } });
  if (response.status === 201) return { ok: true };
  const body = (await response.json()) as { error: { message: string; fields?: { field: string; message: string }[] } };
  return { ok: false, status: response.status, message: body.error.fields?.find((field) => field.field === 'file')?.message ?? body.error.message };
}

/** Removes one of the draft's files (one already gone is no error: the list shows what is left). */
export async function removeDraftFile(astro: Astro, draft: DraftOf, fileId: string): Promise<void> {
  const response = await astro.locals.portal.api.drafts[':key'].files[':fileId'].$delete({ param: { key: draft.key, fileId }, header: header(astro, draft) });
  const status: number = response.status;
  if (status !== 204 && status !== 404) throw new Error(`removing a draft's file answered ${response.status}`);
}

/** A document the portal holds itself for the answers so far (docs/decisions/074): the upload purpose it stands for, and where it was recorded, in the reader's language. */
export interface OnRecord {
  purpose: string;
  place: string;
}

const Found = z.object({ found: z.array(z.object({ purpose: z.string(), place: z.string() })) });

/**
 * What the portal already holds for the draft's answers as saved (the API looks, with both of the
 * deceased's numbers): none for a service that looks for nothing, or when the lookup is refused:
 * the upload is then asked as usual, and the submission looks again.
 */
export async function evidenceOnRecord(astro: Astro, service: string): Promise<OnRecord[]> {
  const given = astro.locals.portal.services;
  const registered = serviceRegistry(Object.fromEntries(given.map((package_) => [package_.id, package_.caseService]))).get(service);
  if (!registered?.evidenceOnRecord) return [];
  const response = await astro.locals.portal.api.drafts.current['evidence-on-record'].$get({ header: { 'draft-reference': draftReference(astro, service) } });
  // Too many lookups from this client, or the draft's reference lapsed meanwhile: the upload as usual.
  if (response.status === 429 || response.status === 404) return [];
  if (!response.ok) throw new Error(`looking for documents on record answered ${response.status}`);
  return Found.parse(await response.json()).found;
}
