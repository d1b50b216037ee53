/**
 * The rules of a 补正 answer (docs/decisions/039): which transition it is, the note's edges, how many
 * files one answer may carry over the case's others, and what the timeline records of it.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswerFiles, filesLeft, SUPPLEMENT_NOTE_MAX, SupplementNote, supplementDetails, supplementLimits, supplementTransition } from '../../api/domain/cases/supplement.ts';
import { DEFAULT_FILE_LIMITS } from '../../api/engine/files/upload-policy.ts';
import { oldAgeAllowanceWorkflow } from '../../api/services/old-age-allowance/workflow.ts';
import { marriageAppointmentWorkflow } from '../../api/services/marriage/workflow.ts';

describe('answering a request for documents', () => {
  it('is the applicant’s provide-documents, only from a state it leaves, only in a service that has it', () => {
    expect(supplementTransition(oldAgeAllowanceWorkflow, 'awaiting-documents')?.resumesClock).toBe(true);
    expect(supplementTransition(oldAgeAllowanceWorkflow, 'accepted')).toBeUndefined();
    expect(supplementTransition(marriageAppointmentWorkflow, 'booked')).toBeUndefined();
    // A workflow whose answer only staff record (at the counter) takes none from the applicant.
    const staffOnly = { transitions: oldAgeAllowanceWorkflow.transitions.map((transition) => (transition.name === 'provide-documents' ? { ...transition, by: ['intake' as const] } : transition)) };
    expect(supplementTransition(staffOnly, 'awaiting-documents')).toBeUndefined();
  });

  it.each([
    ['absent', undefined, { ok: true, note: undefined }],
    ['empty', '', { ok: true, note: undefined }],
    ['spaces only', '   ', { ok: true, note: undefined }],
    ['trimmed', '  见第二页 ', { ok: true, note: '见第二页' }],
    ['at the limit', '字'.repeat(SUPPLEMENT_NOTE_MAX), { ok: true, note: '字'.repeat(SUPPLEMENT_NOTE_MAX) }],
    ['over the limit', '字'.repeat(SUPPLEMENT_NOTE_MAX + 1), { ok: false }],
    ['a line break', '第一行\n第二行', { ok: false }],
    ['a control character', 'a\u0007b', { ok: false }],
  ] as const)('takes a note %s as the rule says', (_name, note, expected) => {
    const parsed = SupplementNote.safeParse({ note });
    expect(parsed.success).toBe(expected.ok);
    if (parsed.success && expected.ok) expect(parsed.data.note).toBe(expected.note);
  });

  it.each([
    [0, 0, { code: 'none' }],
    [1, 0, undefined],
    [20, 0, undefined],
    [21, 0, { code: 'too-many', maxFiles: 20 }],
    [3, 17, undefined],
    [4, 17, { code: 'too-many', maxFiles: 20 }],
    [1, 20, { code: 'too-many', maxFiles: 20 }],
  ] as const)('takes %i files on a case holding %i as the limits say', (count, held, expected) => {
    expect(checkAnswerFiles(count, DEFAULT_FILE_LIMITS, held)).toEqual(expected);
  });

  it('reads a service’s own limits over the engine’s, and never offers fewer than no files', () => {
    expect(supplementLimits(undefined)).toEqual(DEFAULT_FILE_LIMITS);
    expect(supplementLimits({ maxFiles: 5, accept: ['pdf'] })).toMatchObject({ maxFiles: 5, accept: ['pdf'], maxFileBytes: DEFAULT_FILE_LIMITS.maxFileBytes });
    expect(filesLeft(supplementLimits({ maxFiles: 5 }), 7)).toBe(0);
  });

  it('records the note when there is one and the files by name', () => {
    expect(supplementDetails({ note: '见第二页' }, ['银行卡.pdf', 'scan.png'])).toEqual({ note: '见第二页', providedFiles: ['银行卡.pdf', 'scan.png'] });
    expect(supplementDetails({}, ['scan.png'])).toEqual({ providedFiles: ['scan.png'] });
  });
});
