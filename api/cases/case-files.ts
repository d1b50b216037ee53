/**
 * A member of staff opens a file of a case (docs/decisions/026): only a member who may see the
 * case's personal values whole (caseForWholeValues), only a file of that case, and every look is in
 * the audit chain (`case.file.view`, with the file's id) before the content leaves.
 */
import { appendAudit } from '../db/audit.repo.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import { readFile, type FileEngineDeps, type StoredFile } from '../engine/files/files.ts';
import { caseForWholeValues, type CaseWorkDeps } from './case-work.ts';

export type CaseFileResult = { ok: true; file: StoredFile } | { ok: false; reason: 'not_found' | 'not_permitted' };

export async function openCaseFile(deps: CaseWorkDeps & FileEngineDeps, member: StaffMember, trackingInput: string, fileId: string, origin: string | null): Promise<CaseFileResult> {
  const found = await caseForWholeValues(deps, member, trackingInput);
  if (!found.ok) return found;
  // A file of another case, or of none, is answered like an unknown one.
  const file = await readFile(deps, { kind: 'case', id: found.caseId }, fileId);
  if (!file) return { ok: false, reason: 'not_found' };
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, {
      at: deps.now(),
      actorId: member.id,
      actorRole: member.roles.join(','),
      action: 'case.file.view',
      recordType: 'case',
      recordId: found.caseId,
      origin,
      details: { file: file.info.id },
    }),
  );
  return { ok: true, file };
}
