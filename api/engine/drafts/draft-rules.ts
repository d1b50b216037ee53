/**
 * The rules of an application in progress (docs/decisions/033), pure: how long a draft is kept, when
 * the browser's reference to it lapses, when to warn, and what a resume code looks like. No
 * storage, HTTP or clock: `now` comes in.
 */
import type { JourneyDefinition } from '../journey/journey.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const DRAFT_RULES = {
  /** A journey with sections (a task list) is long: answers are kept 30 days from the last save. */
  longKeepMs: 30 * DAY_MS,
  /** Any other journey is short: one day. */
  shortKeepMs: DAY_MS,
  /** The reference in the browser lapses this long after the draft was last used. */
  idleMs: 30 * MINUTE_MS,
  /** The page warns this long before the reference lapses (GOV.UK's timeout warning: at 25 of 30 minutes). */
  warnBeforeMs: 5 * MINUTE_MS,
  /** The resume code's length and alphabet: no 0/O, 1/I/L, 5/S or 2/Z to confuse when read out or typed. */
  resumeCodeLength: 8,
  resumeCodeAlphabet: '34679ABCDEFGHJKMNPQRTUVWXY',
  /** Resume attempts per code per window (what stops guessing the ID number) and per client. */
  resumePerCode: 5,
  resumePerClient: 30,
  resumeWindowMs: 10 * MINUTE_MS,
} as const;

export type DraftLength = 'long' | 'short';

/** What a service's registration says about its drafts. */
export interface DraftPolicy {
  length: DraftLength;
  /** The answer that is the applicant's identity: the ID number asked with the resume code. */
  identityPath: string;
  /** Answers that may hold a mobile phone to text the resume code to, first given first. */
  phonePaths: readonly string[];
}

/** A journey with sections is a long application; the journey decides, not the page. */
export function draftLengthOf(journey: Pick<JourneyDefinition, 'sections'>): DraftLength {
  return journey.sections && journey.sections.length > 0 ? 'long' : 'short';
}

export function draftPolicyOf(journey: Pick<JourneyDefinition, 'sections'>, identity: { identityPath: string; phonePaths: readonly string[] }): DraftPolicy {
  return { length: draftLengthOf(journey), ...identity };
}

/**
 * When a draft saved at `now` is deleted, answers and files. One with no answers yet (a start page
 * opened, a crawler) is worth keeping no longer than its reference lives.
 */
export function draftExpiresAt(length: DraftLength, now: Date, hasAnswers = true): Date {
  if (!hasAnswers) return new Date(now.getTime() + DRAFT_RULES.idleMs);
  return new Date(now.getTime() + (length === 'long' ? DRAFT_RULES.longKeepMs : DRAFT_RULES.shortKeepMs));
}

/** When the reference of a draft last used at `lastSeen` lapses. */
export function referenceLapsesAt(lastSeen: Date): Date {
  return new Date(lastSeen.getTime() + DRAFT_RULES.idleMs);
}

/** Whether a reference last used at `lastSeen` still opens its draft (and the draft itself is not expired). */
export function referenceLive(draft: { lastSeen: Date; expiresAt: Date }, now: Date): boolean {
  return now.getTime() < referenceLapsesAt(draft.lastSeen).getTime() && now.getTime() < draft.expiresAt.getTime();
}

/** When the page warns that the reference is about to lapse. */
export function warnAt(lastSeen: Date): Date {
  return new Date(referenceLapsesAt(lastSeen).getTime() - DRAFT_RULES.warnBeforeMs);
}

/** A resume code from random bytes (one byte a character; bytes past the alphabet's largest multiple are skipped, so every character is equally likely). */
export function resumeCodeFrom(bytes: Uint8Array): string | undefined {
  const alphabet = DRAFT_RULES.resumeCodeAlphabet;
  const usable = 256 - (256 % alphabet.length);
  let code = '';
  for (const byte of bytes) {
    if (byte >= usable) continue;
    code += alphabet[byte % alphabet.length];
    if (code.length === DRAFT_RULES.resumeCodeLength) return code;
  }
  return undefined;
}

/** A code as a person typed it: full-width, lower case, spaces and dashes allowed. Undefined when it cannot be a code. */
export function normaliseResumeCode(typed: string): string | undefined {
  const code = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const alphabet = new Set(DRAFT_RULES.resumeCodeAlphabet);
  return code.length === DRAFT_RULES.resumeCodeLength && [...code].every((c) => alphabet.has(c)) ? code : undefined;
}

/** ABCD-EFGH: as shown and texted, easier to read out. */
export function formatResumeCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** An ID number as compared: full-width and lower-case x folded, spaces dropped. */
export function normaliseIdNumber(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/\s/g, '');
}

/** The first answer at `phonePaths` that is a mainland mobile number, normalised to 11 digits. */
export function phoneToText(answers: Readonly<Record<string, string>>, phonePaths: readonly string[]): string | undefined {
  for (const path of phonePaths) {
    const phone = (answers[path] ?? '').normalize('NFKC').replace(/[\s-]/g, '').replace(/^\+?86/, '');
    if (/^1[3-9]\d{9}$/.test(phone)) return phone;
  }
  return undefined;
}

/** The rules' figures as the words state them (interpolated into the messages, never copied: docs/decisions/037). */
export const DRAFT_FIGURES = {
  longKeepDays: DRAFT_RULES.longKeepMs / DAY_MS,
  shortKeepDays: DRAFT_RULES.shortKeepMs / DAY_MS,
  idleMinutes: DRAFT_RULES.idleMs / MINUTE_MS,
  warnMinutes: DRAFT_RULES.warnBeforeMs / MINUTE_MS,
} as const;
