/**
 * A 补正 answer's rules (docs/decisions/039): the applicant answers a request for documents with one
 * or more files and an optional short note. Which transition it is, what the note may be, how many
 * files one answer may carry, and what the timeline records of it (the files by name, never their
 * content). Pure: no I/O, no clock.
 */
import { z } from 'zod';
import type { ServiceDefinition, TransitionDefinition } from '../workflow/workflow.ts';
import { DEFAULT_FILE_LIMITS, limitsFor, type FileLimits } from '../../engine/files/upload-policy.ts';
import { textLine } from '../text.ts';

/** The workflow transition an applicant takes to answer 补正 (its name is shared by every service that offers it). */
export const SUPPLEMENT_TRANSITION = 'provide-documents';
/** What the files of an answer are given for, as the file engine records them on the case. */
export const SUPPLEMENT_PURPOSE = 'supplement';
/** A note is a line said beside the files ("the bank card is on page 2"), not a letter: the request's text is the staff's. */
export const SUPPLEMENT_NOTE_MAX = 200;

/** The note: optional; an empty one is no note. */
export const SupplementNote = z.object({
  note: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), textLine().trim().max(SUPPLEMENT_NOTE_MAX).optional()),
});
export type SupplementNote = z.infer<typeof SupplementNote>;

/** The transition by which the applicant answers 补正 in `state`, when the service's workflow has one. */
export function supplementTransition(workflow: Pick<ServiceDefinition, 'transitions'>, state: string): TransitionDefinition | undefined {
  return workflow.transitions.find((transition) => transition.name === SUPPLEMENT_TRANSITION && transition.by.includes('applicant') && transition.from.includes(state));
}

/** The limits of an answer's files: the service's over the engine's defaults, counted over all the case's files. */
export function supplementLimits(overrides: Partial<FileLimits> | undefined): FileLimits {
  return limitsFor(overrides ?? {}, DEFAULT_FILE_LIMITS);
}

/** The most any of these services' answers may weigh, in whole MB: what a refused answer over every limit is told. */
export function largestSupplementMegabytes(overrides: readonly (Partial<FileLimits> | undefined)[]): number {
  const largest = Math.max(supplementLimits(undefined).maxTotalBytes, ...overrides.map((limits) => supplementLimits(limits).maxTotalBytes));
  return Math.floor(largest / (1024 * 1024));
}

/** How many more files the case may take (what the page offers, and what one answer may carry). */
export function filesLeft(limits: FileLimits, caseFiles: number): number {
  return Math.max(0, limits.maxFiles - caseFiles);
}

/**
 * Why an answer's files cannot be taken before any is read: none chosen, or more than the case has
 * room for (each file's own checks and the total size come after, with the file engine).
 */
export function checkAnswerFiles(count: number, limits: FileLimits, caseFiles: number): { code: 'none' } | { code: 'too-many'; maxFiles: number } | undefined {
  if (count === 0) return { code: 'none' };
  if (count > filesLeft(limits, caseFiles)) return { code: 'too-many', maxFiles: limits.maxFiles };
  return undefined;
}

/**
 * What of an answer's record is sealed in its timeline event (docs/decisions/049): the applicant's
 * own words and the names their files came with (a name often says whose document it is). The
 * answer's transition has no input of its own to carry meta `sealed`, so its record names them here.
 */
export const SUPPLEMENT_SEALED_DETAILS: readonly (keyof ReturnType<typeof supplementDetails>)[] = ['note', 'providedFiles'];

/** What the timeline records of an answer: the note when there is one, and the files by the names they are served with. */
export function supplementDetails(note: SupplementNote, fileNames: readonly string[]): { note?: string; providedFiles: string[] } {
  return { ...(note.note ? { note: note.note } : {}), providedFiles: [...fileNames] };
}
