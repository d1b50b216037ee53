/**
 * The funeral fee exemption's manual claim, end to end (docs/decisions/075): where a booking's
 * exemption could not be decided from what the portal holds (a 低保/特困 decision it did not make,
 * a 优抚 status it holds no records of), the booking opened a claim (funeral_exemption_claims);
 * the family sends its proof from the status page, authorised as every step there is (the tracking
 * number with the family's phone or the deceased's ID number); the funeral area's reviewer of the
 * home's district reads the claim and its files (each look audited) and confirms it — the booking's
 * lines then waived as the pure rule recomputes them from the stored lines (confirmedWaiver), never
 * from what a client sends — or refuses it with a reason the family reads. Each step is one
 * transaction with its case event (shown on the status page), its audit entry and, for a decision,
 * the family's text. A claim is decided once: the decision names the version the reviewer read.
 */
import type { Transaction } from 'kysely';
import { ZodError } from 'zod';
import { appendAudit } from '../../db/audit.repo.ts';
import { enqueueNotification, findCaseByTrackingNumber, insertEvent } from '../../db/cases.repo.ts';
import { claimLinesOf, claimOfCase, claimsOfHomes, decideClaim, markClaimSent, waiveLines, type StoredClaim } from '../../db/funeral-claims.repo.ts';
import { ownerFiles } from '../../db/files.repo.ts';
import { funeralBookingByTracking } from '../../db/funeral-home-day.repo.ts';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { checkAnswerFiles } from '../../domain/cases/supplement.ts';
import { checkTrackingNumber, formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { maskDocumentNumber } from '../../domain/identity/id-document.ts';
import type { StaffMember } from '../../domain/staff/staff.ts';
import { FILE_NAME_CONTEXT, keepPrepared, prepareUpload, readFile, recordPrepared, releasePrepared, type FileEngineDeps, type PreparedFile, type StoredFile } from '../../engine/files/files.ts';
import type { FileRefusal } from '../../engine/files/upload-policy.ts';
import { formatYuan } from '../../i18n/index.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../../notifications/delivery.ts';
import { ANSWERS_CONTEXT, matchingCase, progressOf, type CaseDeps, type LookupResult } from '../../cases/case-service.ts';
import { ClaimConfirmationSchema, ClaimRefusalSchema, EXEMPTION_CLAIM_UPLOAD_PURPOSE, ExemptionClaimSchema, type ClaimStatus } from './fee-exemption-claim.ts';
import { CLAIM_EVENTS, CLAIM_LIMITS, CLAIM_NOTE_CONTEXT, CLAIM_REFUSAL_CONTEXT, isGround, LIVE_STATES, waiverOf } from './exemption-claim-view.ts';
import type { FuneralBooking } from './booking.schema.ts';
import { FUNERAL_BOOKING_SERVICE, funeralBookingWorkflow } from './booking-workflow.ts';
import { FUNERAL_HOMES } from './homes.ts';

/** A file as the proof brings it: the name the sender gave and the bytes. */
export interface ProofFile {
  name: string;
  content: Buffer;
}

export type SendProofResult =
  | LookupResult
  /** The case has no claim open for a proof: none called for, sent already, decided, or the booking cancelled. */
  | { ok: false; reason: 'not_claimable' }
  | { ok: false; reason: 'invalid'; error: ZodError }
  /** No file, or more than the claim takes. */
  | { ok: false; reason: 'files'; refusal: { code: 'none' } | FileRefusal }
  /** One file the upload policy refuses (the wrong type, too big, infected…), by the name it was sent with. */
  | { ok: false; reason: 'file'; refusal: FileRefusal; name: string };

const answersOf = (deps: Pick<CaseDeps, 'crypto'>, answersEnc: string) => JSON.parse(deps.crypto.decrypt(answersEnc, ANSWERS_CONTEXT)) as FuneralBooking;

class NotOpen extends Error {}
class NoRoom extends Error {
  readonly refusal: FileRefusal;
  constructor(refusal: FileRefusal) {
    super('the case has no room for a file');
    this.refusal = refusal;
  }
}

/**
 * The family sends the proof (files) with the ground and an optional note. All or nothing: each file
 * checked, processed, scanned and stored before the transaction; in it the claim moves open → sent,
 * the files become the case's, the event and the audit entry are written. Only an open claim takes
 * a proof, once: a second sending is 409, as is a claim of a cancelled booking.
 */
export async function sendClaimProof(deps: CaseDeps & FileEngineDeps, key: { trackingNumber: string; secondFactor: string }, answer: { ground: unknown; note: unknown; files: readonly ProofFile[] }, origin: string | null): Promise<SendProofResult> {
  const match = await matchingCase(deps, key.trackingNumber, key.secondFactor);
  if (!match.ok) return match;
  const stored = match.stored;
  if (stored.service !== FUNERAL_BOOKING_SERVICE || !LIVE_STATES.includes(stored.snapshot.state)) return { ok: false, reason: 'not_claimable' };
  const claim = await claimOfCase(deps.db, stored.id);
  if (claim?.status !== 'open') return { ok: false, reason: 'not_claimable' };
  // An empty note is no note (a form sends the field empty).
  const note = typeof answer.note === 'string' && answer.note.trim() === '' ? undefined : answer.note;
  const parsed = ExemptionClaimSchema.safeParse({ ground: answer.ground === '' ? undefined : answer.ground, note });
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const owner = { kind: 'case' as const, id: stored.id };
  const tooMany = checkAnswerFiles(answer.files.length, CLAIM_LIMITS, (await ownerFiles(deps.db, owner)).length);
  if (tooMany) return { ok: false, reason: 'files', refusal: tooMany };

  const prepared: PreparedFile[] = [];
  for (const file of answer.files) {
    const ready = await prepareUpload(deps, { purpose: EXEMPTION_CLAIM_UPLOAD_PURPOSE, name: file.name, content: file.content, limits: CLAIM_LIMITS });
    if (!ready.ok) {
      await releasePrepared(deps, prepared);
      return { ok: false, reason: 'file', refusal: ready.refusal, name: file.name };
    }
    prepared.push(ready.file);
  }
  const at = deps.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const noteEnc = parsed.data.note ? deps.crypto.encrypt(parsed.data.note, CLAIM_NOTE_CONTEXT) : null;
      if (!(await markClaimSent(trx, stored.id, parsed.data.ground, noteEnc, at))) throw new NotOpen();
      for (const file of prepared) {
        const recorded = await recordPrepared(trx, deps.kind, owner, file, CLAIM_LIMITS);
        if (!recorded.ok) throw new NoRoom(recorded.refusal);
      }
      await claimEvent(trx, stored.id, stored.snapshot.state, CLAIM_EVENTS.sent, { kind: 'applicant', id: null, role: null }, at);
      await appendAudit(trx, deps.kind, { at, actorId: null, actorRole: null, action: 'funeral.claim-sent', recordType: 'case', recordId: stored.id, origin, details: { files: prepared.map((file) => file.id).join(','), ground: parsed.data.ground } });
    });
  } catch (error) {
    await releasePrepared(deps, prepared);
    if (error instanceof NotOpen) return { ok: false, reason: 'not_claimable' };
    if (error instanceof NoRoom) return { ok: false, reason: 'files', refusal: error.refusal };
    throw error;
  }
  await keepPrepared(deps, prepared);
  const sent = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!sent) throw new Error('a case with a claim sent disappeared');
  return { ok: true, ...(await progressOf(deps, sent)) };
}

/** A claim's step on the case's timeline: it does not move the booking (booked stays booked), so from and to are its state. */
async function claimEvent(trx: Transaction<Database>, caseId: string, state: string, transition: string, actor: { kind: 'applicant' | 'staff'; id: string | null; role: string | null }, at: Date, details?: Record<string, string>) {
  await insertEvent(trx, caseId, { event: { transition, from: state, to: state, visibility: 'applicant', input: details } }, actor, at);
}

// ——— Staff: the funeral area's reviewer of the home's district ———

/**
 * The homes whose claims a member reviews: those of their offices' districts, for a reviewer of the
 * funeral area (docs/access-control.md). The booking's case belongs to the home's district's
 * office, as the home's day does (docs/decisions/072); a claim is a decision about public money, so
 * it is the reviewer's (审核), not the intake clerk's who runs the home's day.
 */
export function claimHomesOf(member: StaffMember): string[] {
  if (!member.roles.includes('reviewer') || !member.serviceAreas.includes(funeralBookingWorkflow.serviceArea)) return [];
  return FUNERAL_HOMES.filter((home) => member.offices.includes(home.district)).map((home) => home.id);
}

export interface ClaimQueueItem {
  trackingNumber: string;
  home: string;
  ground: string;
  status: string;
  sentAt: string | null;
  decidedAt: string | null;
}

/** The QUEUE's filter: what waits for a reviewer (sent), what was decided, or every claim with a proof. */
export const CLAIM_QUEUE_FILTERS = ['sent', 'decided', 'all'] as const;
export type ClaimQueueFilter = (typeof CLAIM_QUEUE_FILTERS)[number];
const STATUSES_OF: Record<ClaimQueueFilter, readonly ClaimStatus[]> = { sent: ['sent'], decided: ['confirmed', 'refused'], all: ['sent', 'confirmed', 'refused'] };

/** The member's claims (no personal data: a claim by its tracking number, home and ground), undefined for a member who reviews none. */
export async function claimQueue(deps: Pick<CaseDeps, 'db'>, member: StaffMember, filter: ClaimQueueFilter): Promise<{ homes: string[]; claims: ClaimQueueItem[] } | undefined> {
  const homes = claimHomesOf(member);
  if (homes.length === 0) return undefined;
  const rows = await claimsOfHomes(deps.db, homes, STATUSES_OF[filter], 200);
  return { homes, claims: rows.map((row) => ({ trackingNumber: formatTrackingNumber(row.trackingNumber), home: row.home, ground: row.ground, status: row.status, sentAt: row.sentAt, decidedAt: row.decidedAt })) };
}

export interface ClaimReview {
  trackingNumber: string;
  home: string;
  state: string;
  ground: string;
  status: string;
  /** What the reviewer sends back with a decision: a page read before another decision cannot decide. */
  version: number;
  deceased: { name: string; idNumber: string; diedOn: string };
  note: string | null;
  refusal: string | null;
  sentAt: string | null;
  decidedAt: string | null;
  /** Each line with what it was charged and what confirming waives (or waived), with the reason as a key and values. */
  lines: { item: string; chargedFen: number; waivedFen: number; reason: { key: string; values: Record<string, string | number> } }[];
  chargedFen: number;
  waivedFen: number;
  toPayFen: number;
  files: { id: string; name: string; mediaType: string; size: number }[];
}

export type ClaimReviewResult = { ok: true; review: ClaimReview } | { ok: false; reason: 'not_permitted' | 'not_found' };

type Found = { ok: true; booking: NonNullable<Awaited<ReturnType<typeof funeralBookingByTracking>>>; claim: StoredClaim; answers: FuneralBooking; trackingNumber: string; lang: string } | { ok: false; reason: 'not_permitted' | 'not_found' };

/** A claim of one of the member's homes, by its booking's tracking number; another home's or none is not found, as a case outside the member's office is. */
async function reviewable(deps: CaseDeps, member: StaffMember, tracking: string): Promise<Found> {
  const homes = claimHomesOf(member);
  if (homes.length === 0) return { ok: false, reason: 'not_permitted' };
  const number = checkTrackingNumber(tracking);
  if (!number.ok) return { ok: false, reason: 'not_found' };
  const booking = await funeralBookingByTracking(deps.db, number.value);
  if (!booking || !homes.includes(booking.home)) return { ok: false, reason: 'not_found' };
  const claim = await claimOfCase(deps.db, booking.caseId);
  // A claim still waiting for its proof has nothing to review yet.
  if (!claim || claim.status === 'open') return { ok: false, reason: 'not_found' };
  const stored = await findCaseByTrackingNumber(deps.db, number.value);
  if (!stored) return { ok: false, reason: 'not_found' };
  return { ok: true, booking, claim, answers: answersOf(deps, stored.answersEnc), trackingNumber: formatTrackingNumber(number.value), lang: stored.lang };
}

const auditEntry = (member: StaffMember, at: Date, action: string, caseId: string, origin: string | null, details?: Record<string, unknown>) => ({
  at,
  actorId: member.id,
  actorRole: member.roles.join(','),
  action,
  recordType: 'case',
  recordId: caseId,
  origin,
  ...(details ? { details } : {}),
});

/**
 * The claim for its reviewer: the deceased (the name, the ID number masked), the family's note, the
 * lines with what confirming waives, the proof files. The look is audited as a look at the case
 * (`case.view`), so the case's record of access lists it.
 */
export async function reviewClaim(deps: CaseDeps, member: StaffMember, tracking: string, origin: string | null): Promise<ClaimReviewResult> {
  const found = await reviewable(deps, member, tracking);
  if (!found.ok) return found;
  const { booking, claim, answers } = found;
  const stored = await claimLinesOf(deps.db, booking.caseId);
  const ground = isGround(claim.ground) ? claim.ground : 'relief';
  const waiver = claim.status === 'sent' ? waiverOf(deps, answers, ground, stored) : undefined;
  const lines = waiver
    ? waiver.lines.map((line) => ({ item: line.item, chargedFen: line.chargedFen, waivedFen: line.waivedFen, reason: line.reason }))
    : stored.map((line) => ({ item: line.item, chargedFen: line.chargedFen, waivedFen: claim.status === 'confirmed' ? line.waivedFen : 0, reason: { key: claim.status === 'confirmed' && line.waivedFen > 0 ? 'waived' : 'noGround', values: { item: line.item } } }));
  const files = (await ownerFiles(deps.db, { kind: 'case', id: booking.caseId }))
    .filter((file) => file.purpose === EXEMPTION_CLAIM_UPLOAD_PURPOSE)
    .map((file) => ({ id: file.id, name: deps.crypto.decrypt(file.name_enc, FILE_NAME_CONTEXT), mediaType: file.media_type, size: Number(file.size) }));
  const at = deps.now();
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.kind, auditEntry(member, at, 'case.view', booking.caseId, origin, { claim: true })));
  const chargedFen = lines.reduce((sum, line) => sum + line.chargedFen, 0);
  const waivedFen = lines.reduce((sum, line) => sum + line.waivedFen, 0);
  return {
    ok: true,
    review: {
      trackingNumber: found.trackingNumber,
      home: booking.home,
      state: booking.state,
      ground: claim.ground,
      status: claim.status,
      version: claim.version,
      deceased: { name: answers.deceased.name, idNumber: maskDocumentNumber(answers.deceased.idNumber), diedOn: answers.deceased.diedOn },
      note: claim.noteEnc ? deps.crypto.decrypt(claim.noteEnc, CLAIM_NOTE_CONTEXT) : null,
      refusal: claim.refusalEnc ? deps.crypto.decrypt(claim.refusalEnc, CLAIM_REFUSAL_CONTEXT) : null,
      sentAt: claim.sentAt,
      decidedAt: claim.decidedAt,
      lines,
      chargedFen,
      waivedFen,
      toPayFen: chargedFen - waivedFen,
      files,
    },
  };
}

export type ClaimFileResult = { ok: true; file: StoredFile } | { ok: false; reason: 'not_permitted' | 'not_found' };

/** A proof file for its reviewer: only a file of the claim's case given as the proof; every opening audited as a case file's (`case.file.view`). */
export async function claimFile(deps: CaseDeps & FileEngineDeps, member: StaffMember, tracking: string, fileId: string, origin: string | null): Promise<ClaimFileResult> {
  const found = await reviewable(deps, member, tracking);
  if (!found.ok) return found;
  const file = await readFile(deps, { kind: 'case', id: found.booking.caseId }, fileId);
  if (!file || file.info.purpose !== EXEMPTION_CLAIM_UPLOAD_PURPOSE) return { ok: false, reason: 'not_found' };
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.kind, auditEntry(member, deps.now(), 'case.file.view', found.booking.caseId, origin, { file: file.info.id })));
  return { ok: true, file };
}

export type ClaimDecision = { kind: 'confirm'; input: unknown } | { kind: 'refuse'; input: unknown };

export type ClaimDecisionResult =
  | { ok: true; status: 'confirmed' | 'refused'; waivedFen: number }
  | { ok: false; reason: 'not_permitted' | 'not_found' }
  | { ok: false; reason: 'invalid'; error: ZodError }
  /** Decided already (a second decision), or changed since the reviewer read it (a stale version). */
  | { ok: false; reason: 'decided' | 'changed' }
  /** The booking was cancelled, or no scheme covers the ground on the day of death: nothing to waive. */
  | { ok: false; reason: 'not_possible' };

class Changed extends Error {}

/**
 * The reviewer's decision, once, in one transaction: the claim decided at the version read, on
 * confirmation the booking's lines waived as the rule recomputes them, the case event the family
 * sees, the audit entry and the family's text.
 */
export async function decideExemptionClaim(deps: CaseDeps, member: StaffMember, tracking: string, decision: ClaimDecision, origin: string | null): Promise<ClaimDecisionResult> {
  const parsed = decision.kind === 'confirm' ? ClaimConfirmationSchema.safeParse(decision.input) : ClaimRefusalSchema.safeParse(decision.input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const refusal = decision.kind === 'refuse' ? ClaimRefusalSchema.safeParse(decision.input).data?.reason : undefined;
  const found = await reviewable(deps, member, tracking);
  if (!found.ok) return found;
  const { booking, claim, answers } = found;
  if (claim.status !== 'sent') return { ok: false, reason: 'decided' };
  if (claim.version !== parsed.data.version) return { ok: false, reason: 'changed' };
  if (!LIVE_STATES.includes(booking.state) || !isGround(claim.ground)) return { ok: false, reason: 'not_possible' };
  const stored = await claimLinesOf(deps.db, booking.caseId);
  const waiver = decision.kind === 'confirm' ? waiverOf(deps, answers, claim.ground, stored) : undefined;
  if (decision.kind === 'confirm' && !waiver) return { ok: false, reason: 'not_possible' };
  const at = deps.now();
  const status = decision.kind === 'confirm' ? 'confirmed' : 'refused';
  const waivedFen = waiver?.waivedFen ?? 0;
  const lang = found.lang === 'en' ? 'en' : 'zh-CN';
  try {
    await deps.db.transaction().execute(async (trx) => {
      const decided = await decideClaim(trx, { caseId: booking.caseId, version: claim.version, status, decidedOn: chinaDate(at), by: member.id, refusalEnc: refusal ? deps.crypto.encrypt(refusal, CLAIM_REFUSAL_CONTEXT) : null }, at);
      if (!decided) throw new Changed();
      if (waiver) {
        const byLine = stored.map((line, index) => ({ line: line.line, waivedFen: waiver.lines[index]?.waivedFen ?? 0, reason: JSON.stringify(waiver.lines[index]?.reason ?? { key: 'noGround', values: {} }) }));
        await waiveLines(trx, booking.caseId, byLine, claim.ground);
      }
      const actor = { kind: 'staff' as const, id: member.id, role: member.roles.join(',') };
      await claimEvent(trx, booking.caseId, booking.state, status === 'confirmed' ? CLAIM_EVENTS.confirmed : CLAIM_EVENTS.refused, actor, at, status === 'confirmed' ? { waived: String(waivedFen) } : undefined);
      await appendAudit(trx, deps.kind, auditEntry(member, at, status === 'confirmed' ? 'funeral.claim-confirm' : 'funeral.claim-refuse', booking.caseId, origin, { ground: claim.ground, waivedFen }));
      const params = { trackingNumber: found.trackingNumber, waived: formatYuan(waivedFen, lang) };
      await enqueueNotification(trx, booking.caseId, { channel: 'sms', template: status === 'confirmed' ? 'case.funeralClaimConfirmed' : 'case.funeralClaimRefused', lang, recipientEnc: deps.crypto.encrypt(answers.contact.phone, OUTBOX_RECIPIENT_CONTEXT), params }, at);
    });
  } catch (error) {
    // Someone decided (or the family's claim changed) between the read and the write.
    if (error instanceof Changed) return { ok: false, reason: (await claimOfCase(deps.db, booking.caseId))?.status === 'sent' ? 'changed' : 'decided' };
    throw error;
  }
  return { ok: true, status, waivedFen };
}
