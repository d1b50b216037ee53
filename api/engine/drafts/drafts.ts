/**
 * Applications in progress, kept on the server (docs/decisions/033): the use cases the draft routes
 * call. The browser holds a random reference (never the draft's id, which names its files and is
 * the submission's Idempotency-Key); the database holds its keyed hash, the answers encrypted, and,
 * once the applicant asks to come back later, the keyed hash of a resume code.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../db/connect.ts';
import { abandonedDraftFileOwners, deleteDraft, deleteExpiredDraft, draftByReference, draftByResumeCode, expiredDrafts, giveReference, insertDraft, resumeDraft, setResumeCode, touchDraft, type StoredDraft } from '../../db/drafts.repo.ts';
import { enqueueNotification } from '../../db/cases.repo.ts';
import type { Database } from '../../db/schema.ts';
import { hitRateLimit } from '../../db/request-guards.repo.ts';
import { OUTBOX_RECIPIENT_CONTEXT, OUTBOX_SECRET_PARAM_CONTEXT } from '../../notifications/delivery.ts';
import { maskPhone, type FieldCrypto } from '../../platform/field-crypto.ts';
import type { Locale } from '../../i18n/index.ts';
import { deleteOwnerFiles, type FileEngineDeps } from '../files/files.ts';
import {
  DRAFT_RULES,
  draftExpiresAt,
  formatResumeCode,
  normaliseIdNumber,
  normaliseResumeCode,
  phoneToText,
  referenceLapsesAt,
  resumeCodeFrom,
  type DraftPolicy,
} from './draft-rules.ts';

export interface DraftDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  now: () => Date;
  randomBytes: (size: number) => Uint8Array;
  /** Each service's draft policy (the portal's service registry satisfies it; the engine names no service). */
  services: { get(service: string): { drafts?: DraftPolicy } | undefined };
}

const REFERENCE_CONTEXT = 'drafts.reference';
const RESUME_CODE_CONTEXT = 'drafts.resume_code';
const ANSWERS_CONTEXT = 'drafts.answers';
const IDENTITY_CONTEXT = 'drafts.identity';

export type Answers = Record<string, string>;

/** What the confirmation of a submitted draft shows (the draft keeps nothing else once it is a case). */
export interface Submitted {
  trackingNumber: string;
  acceptanceDue: string | null;
  /** The masked phone the submission's text went to. */
  smsTo: string;
}

/** What a draft holds, encrypted as one value: the answers, and once submitted what its confirmation shows. */
interface Content {
  answers: Answers;
  submitted?: Submitted;
}

/** A draft as its holder sees it. */
export interface DraftView {
  service: string;
  /** The draft's id: the submission's Idempotency-Key and the owner of its files. */
  key: string;
  answers: Answers;
  /** When the reference lapses unless used again. */
  lapsesAt: string;
  /** When the draft is deleted, answers and files, unless saved again. */
  expiresAt: string;
  /** Once the draft became a case: what its confirmation shows (its answers are then only a booking's public details, or none). */
  submitted?: Submitted;
}

const policyOf = (deps: Pick<DraftDeps, 'services'>, service: string): DraftPolicy | undefined => deps.services.get(service)?.drafts;
const referenceHash = (deps: DraftDeps, reference: string) => deps.crypto.lookupHash(reference, REFERENCE_CONTEXT);
const codeHash = (deps: DraftDeps, code: string) => deps.crypto.lookupHash(code, RESUME_CODE_CONTEXT);
const idleSince = (now: Date) => new Date(now.getTime() - DRAFT_RULES.idleMs).toISOString();
const newReference = (deps: DraftDeps) => Buffer.from(deps.randomBytes(32)).toString('base64url');

const sealContent = (deps: Pick<DraftDeps, 'crypto'>, content: Content) => deps.crypto.encrypt(JSON.stringify(content), ANSWERS_CONTEXT);
const contentOf = (deps: Pick<DraftDeps, 'crypto'>, row: StoredDraft): Content => JSON.parse(deps.crypto.decrypt(row.answers_enc, ANSWERS_CONTEXT)) as Content;

/**
 * What the submission's transaction writes over the draft it made a case of (cases/case-service.ts):
 * the answers gone, the confirmation's words kept a day, so that its reference (a reload, a second
 * click with the cookies it left with) finds the confirmation and not a new application.
 */
export function submittedDraft(deps: Pick<DraftDeps, 'crypto'>, submitted: Submitted, now: Date): { contentEnc: string; submittedAt: string; expiresAt: string } {
  return { contentEnc: sealContent(deps, { answers: {}, submitted }), submittedAt: now.toISOString(), expiresAt: draftExpiresAt('short', now).toISOString() };
}

function viewOf(deps: DraftDeps, row: StoredDraft, lastSeen: Date, expiresAt: string, content: Content = contentOf(deps, row)): DraftView {
  return {
    service: row.service,
    key: row.id,
    answers: content.answers,
    ...(content.submitted ? { submitted: content.submitted } : {}),
    // The reference cannot outlive its draft; a submitted draft's lives as long as the draft.
    lapsesAt: content.submitted ? expiresAt : new Date(Math.min(referenceLapsesAt(lastSeen).getTime(), Date.parse(expiresAt))).toISOString(),
    expiresAt,
  };
}

export type CreateResult = { ok: true; reference: string; draft: DraftView } | { ok: false; reason: 'no_such_service' };

/** A new, empty draft of `service`, and the reference its holder keeps. */
export async function createDraft(deps: DraftDeps, service: string, answers: Answers = {}): Promise<CreateResult> {
  const policy = policyOf(deps, service);
  if (!policy) return { ok: false, reason: 'no_such_service' };
  const now = deps.now();
  const reference = newReference(deps);
  const row: StoredDraft = {
    id: randomUUID(),
    service,
    reference_hash: referenceHash(deps, reference),
    answers_enc: sealContent(deps, { answers }),
    resume_code_hash: null,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: draftExpiresAt(policy.length, now, Object.keys(answers).length > 0).toISOString(),
    submitted_at: null,
  };
  await insertDraft(deps.db, row);
  return { ok: true, reference, draft: viewOf(deps, row, now, row.expires_at) };
}

/**
 * A draft made for its applicant by another submission, with what that submission already holds (a
 * bundle's item applied for later: docs/decisions/076), to be written in that submission's
 * transaction. No one holds a reference to it: `reopenDraft` gives one to whoever the maker lets in
 * (the bundle's applicant, by the bundle's own second factor). Kept as its service keeps drafts.
 * Undefined for a service that keeps none.
 */
export function prefilledDraft(deps: Pick<DraftDeps, 'crypto' | 'services'>, service: string, answers: Answers, now: Date): StoredDraft | undefined {
  const policy = policyOf(deps, service);
  if (!policy) return undefined;
  return {
    id: randomUUID(),
    service,
    reference_hash: null,
    answers_enc: sealContent(deps, { answers }),
    resume_code_hash: null,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: draftExpiresAt(policy.length, now, Object.keys(answers).length > 0).toISOString(),
    submitted_at: null,
  };
}

/**
 * A new reference to the draft `id` while it is neither submitted nor expired (the caller has
 * decided who may have it: docs/decisions/076); any earlier reference stops working, as a resume's.
 */
export async function reopenDraft(deps: DraftDeps, id: string): Promise<{ ok: true; reference: string; draft: DraftView } | { ok: false; reason: 'not_found' }> {
  const now = deps.now();
  const reference = newReference(deps);
  const row = await giveReference(deps.db, id, referenceHash(deps, reference), now.toISOString());
  if (!row) return { ok: false, reason: 'not_found' };
  return { ok: true, reference, draft: viewOf(deps, row, now, row.expires_at) };
}

export type OpenResult = { ok: true; draft: DraftView } | { ok: false; reason: 'not_found' };

/**
 * The draft a reference opens, counted as used (the reader is on a page of it): its reference lives
 * another 30 minutes. A reference that lapsed, was replaced or never existed finds nothing.
 */
export async function openDraft(deps: DraftDeps, reference: string, change: { answers?: Answers; submitted?: Submitted } = {}): Promise<OpenResult> {
  const now = deps.now();
  const hash = referenceHash(deps, reference);
  const row = await draftByReference(deps.db, hash, idleSince(now), now.toISOString());
  if (!row) return { ok: false, reason: 'not_found' };
  const policy = policyOf(deps, row.service);
  const stored = contentOf(deps, row);
  // Once submitted, only what the confirmation shows may be written (a booking's public details).
  const content: Content = change.answers ? { answers: change.answers, ...((change.submitted ?? stored.submitted) ? { submitted: change.submitted ?? stored.submitted } : {}) } : stored;
  const hasAnswers = Object.keys(content.answers).length > 0;
  let expiresAt = row.expires_at;
  // Saving keeps the draft its whole time again from now; using one with no answers yet keeps it as long as its reference.
  if (content.submitted) expiresAt = change.submitted && !stored.submitted ? draftExpiresAt('short', now).toISOString() : row.expires_at;
  else if (policy && change.answers) expiresAt = draftExpiresAt(policy.length, now, hasAnswers).toISOString();
  else if (policy && !hasAnswers) expiresAt = draftExpiresAt(policy.length, now, false).toISOString();
  const answersEnc = change.answers ? sealContent(deps, content) : undefined;
  const submittedAt = change.submitted && !row.submitted_at ? now.toISOString() : undefined;
  const touched = await touchDraft(deps.db, row.id, hash, idleSince(now), {
    lastSeenAt: now.toISOString(),
    ...(answersEnc ? { answersEnc } : {}),
    ...(expiresAt !== row.expires_at ? { expiresAt } : {}),
    ...(submittedAt ? { submittedAt } : {}),
  });
  if (!touched) return { ok: false, reason: 'not_found' };
  return { ok: true, draft: viewOf(deps, row, now, expiresAt, content) };
}

/**
 * Saves the draft's answers (all of them: the pages send what they hold), or, with `submitted`, ends
 * it: what is left is what the confirmation shows (a booking, made by its own route, ends its draft so).
 */
export function saveDraft(deps: DraftDeps, reference: string, answers: Answers, submitted?: Submitted): Promise<OpenResult> {
  return openDraft(deps, reference, { answers, ...(submitted ? { submitted } : {}) });
}

export type SaveForLaterResult =
  | { ok: true; code: string; expiresAt: string; sentTo: string | null }
  | { ok: false; reason: 'not_found' }
  /** The answers have no ID number yet: a code could not be checked against anything. */
  | { ok: false; reason: 'identity_missing' };

/**
 * "Save and come back later": a new resume code (any earlier one stops working), texted to the
 * phone the answers give if there is one. The code is stored hashed; only this answer shows it.
 */
export async function saveForLater(deps: DraftDeps, reference: string, lang: Locale): Promise<SaveForLaterResult> {
  const opened = await openDraft(deps, reference);
  if (!opened.ok) return opened;
  const { draft } = opened;
  if (draft.submitted) return { ok: false, reason: 'not_found' };
  const policy = policyOf(deps, draft.service);
  if (!policy || !normaliseIdNumber(draft.answers[policy.identityPath] ?? '')) return { ok: false, reason: 'identity_missing' };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = resumeCodeFrom(deps.randomBytes(32));
    if (!code || !(await setResumeCode(deps.db, draft.key, codeHash(deps, code)))) continue;
    const phone = phoneToText(draft.answers, policy.phonePaths);
    if (phone) {
      await deps.db.transaction().execute((trx) =>
        enqueueNotification(trx, null, {
          channel: 'sms',
          template: 'draft.resumeCode',
          lang,
          recipientEnc: deps.crypto.encrypt(phone, OUTBOX_RECIPIENT_CONTEXT),
          params: { codeEnc: deps.crypto.encrypt(formatResumeCode(code), OUTBOX_SECRET_PARAM_CONTEXT), until: draft.expiresAt.slice(0, 10) },
        }, deps.now()),
      );
    }
    return { ok: true, code: formatResumeCode(code), expiresAt: draft.expiresAt, sentTo: phone ? maskPhone(phone) : null };
  }
  throw new Error('could not find a free resume code in five tries');
}

export type ResumeResult =
  | { ok: true; reference: string; draft: DraftView }
  /** The code or the ID number is wrong (which one is not said), or the draft expired. */
  | { ok: false; reason: 'no_match' }
  | { ok: false; reason: 'too_many'; retryAt: string };

/**
 * Opens a saved draft on any device with its resume code and the applicant's ID number. Counted per
 * client and per code before anything is compared (as the status lookup's limits). The code is
 * used up; the draft gets a new reference and the old one stops working.
 */
export async function resumeWithCode(deps: DraftDeps, typedCode: string, typedIdNumber: string, client: string | null): Promise<ResumeResult> {
  const now = deps.now();
  const code = normaliseResumeCode(typedCode);
  const window = { windowMs: DRAFT_RULES.resumeWindowMs, now };
  const clientKey = deps.crypto.lookupHash(client ?? 'unknown', 'drafts.resume_client');
  const limits = [await hitRateLimit(deps.db, `resume:client:${clientKey}`, { ...window, limit: DRAFT_RULES.resumePerClient })];
  if (code) limits.push(await hitRateLimit(deps.db, `resume:code:${codeHash(deps, code)}`, { ...window, limit: DRAFT_RULES.resumePerCode }));
  const refused = limits.filter((limit) => !limit.allowed);
  if (refused.length > 0) return { ok: false, reason: 'too_many', retryAt: refused.map((limit) => limit.resetAt).sort().at(-1) ?? now.toISOString() };
  if (!code) return { ok: false, reason: 'no_match' };
  const row = await draftByResumeCode(deps.db, codeHash(deps, code), now.toISOString());
  const policy = row ? policyOf(deps, row.service) : undefined;
  if (!row || !policy) return { ok: false, reason: 'no_match' };
  const { answers } = contentOf(deps, row);
  // Compared as keyed hashes of equal length: the time taken says nothing about how much matched.
  const given = deps.crypto.lookupHash(normaliseIdNumber(typedIdNumber), IDENTITY_CONTEXT);
  const expected = deps.crypto.lookupHash(normaliseIdNumber(answers[policy.identityPath] ?? ''), IDENTITY_CONTEXT);
  if (given !== expected) return { ok: false, reason: 'no_match' };
  const reference = newReference(deps);
  if (!(await resumeDraft(deps.db, row.id, codeHash(deps, code), referenceHash(deps, reference), now.toISOString()))) return { ok: false, reason: 'no_match' };
  return { ok: true, reference, draft: viewOf(deps, row, now, row.expires_at) };
}

/** The applicant gives up the draft: answers and files are deleted at once. */
export async function discardDraft(deps: DraftDeps & { files: FileEngineDeps }, reference: string): Promise<boolean> {
  const now = deps.now();
  const row = await draftByReference(deps.db, referenceHash(deps, reference), idleSince(now), now.toISOString());
  if (!row || !(await deleteDraft(deps.db, row.id))) return false;
  await deleteOwnerFiles(deps.files, { kind: 'draft', id: row.id });
  return true;
}

/** At most this many drafts a run: a backlog is worked off over a few runs. */
const SWEEP_BATCH = 500;

/**
 * Deletes expired drafts with their files, and draft files no draft has once older than any draft
 * is kept. Safe with several processes at once: each draft is deleted by a conditional delete that
 * only one of them wins, and only the winner deletes its files; deleting an owner's files twice
 * deletes them once (the records go in one statement, a content only when no record names it).
 * @returns how many drafts this run deleted.
 */
export async function sweepExpiredDrafts(deps: Pick<DraftDeps, 'db' | 'now'> & { files: FileEngineDeps }): Promise<number> {
  const now = deps.now().toISOString();
  let deleted = 0;
  for (const draft of await expiredDrafts(deps.db, now, SWEEP_BATCH)) {
    if (!(await deleteExpiredDraft(deps.db, draft.id, now))) continue;
    await deleteOwnerFiles(deps.files, { kind: 'draft', id: draft.id });
    deleted += 1;
  }
  // Files under a key no draft has, older than any draft is kept: nothing could still submit them.
  const before = new Date(deps.now().getTime() - DRAFT_RULES.longKeepMs).toISOString();
  for (const owner of await abandonedDraftFileOwners(deps.db, before, SWEEP_BATCH)) await deleteOwnerFiles(deps.files, { kind: 'draft', id: owner });
  return deleted;
}
