/**
 * The applicant answers a request for documents (补正) from the status page or the API
 * (docs/decisions/039): the same two factors as every step of the status page, then, all or nothing,
 * the files become the case's, the `provide-documents` step is recorded (the note and the files'
 * names in its details), the paused time limits resume, the step is audited and the applicant is
 * texted as the workflow says. Each file is checked, processed, scanned and stored before the
 * transaction; if the transaction does not commit, their contents are released and nothing is left.
 */
import type { Transaction } from 'kysely';
import { ZodError } from 'zod';
import { CaseChangedError, findCaseByTrackingNumber, saveTransition } from '../db/cases.repo.ts';
import { ownerFiles } from '../db/files.repo.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate, chinaMinute } from '../domain/calendar/china-time.ts';
import { checkAnswerFiles, SUPPLEMENT_PURPOSE, SUPPLEMENT_TRANSITION, SupplementNote, supplementDetails, supplementLimits, supplementTransition } from '../domain/cases/supplement.ts';
import { applyTransition } from '../domain/workflow/workflow.ts';
import { keepPrepared, prepareUpload, recordPrepared, releasePrepared, type FileEngineDeps, type PreparedFile } from '../engine/files/files.ts';
import type { FileRefusal } from '../engine/files/upload-policy.ts';
import { BUILT_IN_SERVICES } from '../services/registry.ts';
import { matchingCase, progressOf, stepToSave, type CaseDeps, type LookupResult } from './case-service.ts';

/** A file as the answer brings it: the name the sender gave and the bytes. */
export interface AnswerFile {
  name: string;
  content: Buffer;
}

export type SupplementResult =
  | LookupResult
  /** The case is not waiting for documents, or its service takes no answer from the applicant. */
  | { ok: false; reason: 'not_answerable' }
  /** Someone changed the case meanwhile (a member of staff recorded documents received at the counter). */
  | { ok: false; reason: 'changed' }
  | { ok: false; reason: 'invalid'; error: ZodError }
  /** No file, or more than the case has room for. */
  | { ok: false; reason: 'files'; refusal: { code: 'none' } | FileRefusal }
  /** One file the upload policy refuses, by the name it was sent with. */
  | { ok: false; reason: 'file'; refusal: FileRefusal; name: string };

/** Thrown inside the transaction to undo it when a file finds no room on the case. */
class NoRoom extends Error {
  readonly refusal: FileRefusal;
  constructor(refusal: FileRefusal) {
    super('the case has no room for a file');
    this.refusal = refusal;
  }
}

export async function answerDocumentRequest(
  deps: CaseDeps & FileEngineDeps,
  key: { trackingNumber: string; secondFactor: string },
  answer: { note: unknown; files: readonly AnswerFile[] },
  origin: string | null,
  /** Tests only: runs inside the transaction after everything is written, to fail it there. */
  beforeCommit?: () => void,
): Promise<SupplementResult> {
  const match = await matchingCase(deps, key.trackingNumber, key.secondFactor);
  if (!match.ok) return match;
  const stored = match.stored;
  const service = (deps.services ?? BUILT_IN_SERVICES).get(stored.service);
  if (!service || !supplementTransition(service.workflow, stored.snapshot.state)) return { ok: false, reason: 'not_answerable' };
  const note = SupplementNote.safeParse({ note: answer.note });
  if (!note.success) return { ok: false, reason: 'invalid', error: note.error };
  const now = deps.now();
  const outcome = applyTransition(service.workflow, stored.snapshot, SUPPLEMENT_TRANSITION, { kind: 'applicant' }, {}, { today: chinaDate(now), time: chinaMinute(now), calendar: deps.calendar });
  if (!outcome.ok) return { ok: false, reason: 'not_answerable' };
  const owner = { kind: 'case' as const, id: stored.id };
  const limits = supplementLimits(service.supplementLimits);
  const tooMany = checkAnswerFiles(answer.files.length, limits, (await ownerFiles(deps.db, owner)).length);
  if (tooMany) return { ok: false, reason: 'files', refusal: tooMany };

  const prepared: PreparedFile[] = [];
  for (const file of answer.files) {
    const ready = await prepareUpload(deps, { purpose: SUPPLEMENT_PURPOSE, name: file.name, content: file.content, limits });
    if (!ready.ok) {
      await releasePrepared(deps, prepared);
      return { ok: false, reason: 'file', refusal: ready.refusal, name: file.name };
    }
    prepared.push(ready.file);
  }
  const result = { ...outcome.result, event: { ...outcome.result.event, input: supplementDetails(note.data, prepared.map((file) => file.name)) } };
  const recordFiles = async (trx: Transaction<Database>) => {
    for (const file of prepared) {
      const recorded = await recordPrepared(trx, deps.kind, owner, file, limits);
      if (!recorded.ok) throw new NoRoom(recorded.refusal);
    }
  };
  try {
    await saveTransition(
      deps.db,
      deps.kind,
      stepToSave(deps, service, stored, result, { kind: 'applicant', id: null, role: null }, { at: now, origin, details: { files: prepared.map((file) => file.id).join(',') }, andThen: recordFiles }),
      beforeCommit,
    );
  } catch (error) {
    await releasePrepared(deps, prepared);
    if (error instanceof NoRoom) return { ok: false, reason: 'files', refusal: error.refusal };
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    throw error;
  }
  await keepPrepared(deps, prepared);
  const answered = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!answered) throw new Error('an answered case disappeared');
  return { ok: true, ...(await progressOf(deps, answered)) };
}
