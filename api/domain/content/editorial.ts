/**
 * The editorial lifecycle of published content (docs/decisions/052), as GOV.UK's publishing tools
 * keep it: a draft is changed, submitted for review, approved by a second person ("2i"), then
 * published at once or at a scheduled time, when it supersedes the version before; a published
 * piece can be unpublished with a reason, either redirected to another or left at its address with
 * a "withdrawn" notice.
 *
 * Pure: no SQL, no HTTP, no clock (the moment is an argument). It names no kind of content, so that
 * notices can use it as guides do (docs/decisions/056); the content itself travels beside the draft, not in it.
 */
import { z } from 'zod';
import type { Locale } from '../guides/guide.schema.ts';
import { textLine, textLines } from '../text.ts';

/** Where a draft stands. Published is not a draft's state: publishing turns the draft into a version. */
export const DRAFT_STATES = ['draft', 'submitted', 'approved', 'scheduled'] as const;
export const DraftStateSchema = z.enum(DRAFT_STATES);
export type DraftState = z.infer<typeof DraftStateSchema>;

/** A major change is shown to readers on the public page (更新记录); a minor one (a typo, a link) only to staff. */
export const CHANGE_KINDS = ['major', 'minor'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

export interface EditorialDraft {
  state: DraftState;
  /** Who opened the draft. */
  createdBy: string;
  /** Who last changed its content: they may not approve it. */
  lastChangedBy: string;
  /** Who submitted it for review (null until submitted): they may not approve it either. */
  submittedBy: string | null;
  approvedBy: string | null;
  /** The reviewer's words when sending it back (null otherwise). */
  reviewComment: string | null;
  /** Set when scheduled: the publication's note (in each language), kind and moment (ISO). */
  changeNote: Record<Locale, string> | null;
  changeKind: ChangeKind | null;
  scheduledAt: string | null;
  scheduledBy: string | null;
}

export type EditorialRefusal =
  /** The action is not one the draft's state allows (submit a submitted draft, publish an unapproved one…). */
  | { ok: false; reason: 'wrong_state'; state: DraftState }
  /** The reviewer changed or submitted the draft themselves. */
  | { ok: false; reason: 'self_approval' }
  /** A scheduled moment not after now. */
  | { ok: false; reason: 'schedule_in_past' };

export type EditorialResult = { ok: true; draft: EditorialDraft } | EditorialRefusal;

const refuse = (state: DraftState): EditorialRefusal => ({ ok: false, reason: 'wrong_state', state });

/** A new draft, opened from the published version by `actor`. */
export function openDraft(actor: string): EditorialDraft {
  return { state: 'draft', createdBy: actor, lastChangedBy: actor, submittedBy: null, approvedBy: null, reviewComment: null, changeNote: null, changeKind: null, scheduledAt: null, scheduledBy: null };
}

/**
 * A change to the content. Whatever the state, the draft goes back to draft: what a reviewer
 * approved is not what would be published any more (a schedule is cancelled with it).
 */
export function changeDraft(draft: EditorialDraft, actor: string): EditorialResult {
  return { ok: true, draft: { ...draft, state: 'draft', lastChangedBy: actor, submittedBy: null, approvedBy: null, changeNote: null, changeKind: null, scheduledAt: null, scheduledBy: null } };
}

export function submitDraft(draft: EditorialDraft, actor: string): EditorialResult {
  if (draft.state !== 'draft') return refuse(draft.state);
  return { ok: true, draft: { ...draft, state: 'submitted', submittedBy: actor, reviewComment: null } };
}

/** Whether `actor` may review the draft: not its last author, not who submitted it. */
export function mayReview(draft: EditorialDraft, actor: string): boolean {
  return draft.lastChangedBy !== actor && draft.submittedBy !== actor;
}

export function approveDraft(draft: EditorialDraft, actor: string): EditorialResult {
  if (draft.state !== 'submitted') return refuse(draft.state);
  if (!mayReview(draft, actor)) return { ok: false, reason: 'self_approval' };
  return { ok: true, draft: { ...draft, state: 'approved', approvedBy: actor } };
}

/** The reviewer returns it to its author with a comment (shown on the draft until it is submitted again). */
export function sendBackDraft(draft: EditorialDraft, actor: string, comment: string): EditorialResult {
  if (draft.state !== 'submitted') return refuse(draft.state);
  if (!mayReview(draft, actor)) return { ok: false, reason: 'self_approval' };
  return { ok: true, draft: { ...draft, state: 'draft', submittedBy: null, reviewComment: comment } };
}

/** What a publication changed, for readers in their language (major) or for staff (minor). */
export const ChangeNoteSchema = z.object({
  note: z.object({ 'zh-CN': textLines().trim().min(2).max(500), en: textLines().trim().min(2).max(500) }),
  kind: ChangeKindSchema,
});
export type ChangeNote = z.infer<typeof ChangeNoteSchema>;

/**
 * Only an approved draft publishes; the result is what the version records. A change note is null
 * only for a first publication (a notice's: there is nothing before it to say what changed).
 */
export function publishDraft<C extends ChangeNote | null>(draft: EditorialDraft, actor: string, change: C): { ok: true; publishedBy: string; change: C } | EditorialRefusal {
  if (draft.state !== 'approved') return refuse(draft.state);
  return { ok: true, publishedBy: actor, change };
}

export function scheduleDraft(draft: EditorialDraft, actor: string, change: ChangeNote | null, at: Date, now: Date): EditorialResult {
  if (draft.state !== 'approved') return refuse(draft.state);
  if (at.getTime() <= now.getTime()) return { ok: false, reason: 'schedule_in_past' };
  return { ok: true, draft: { ...draft, state: 'scheduled', changeNote: change?.note ?? null, changeKind: change?.kind ?? null, scheduledAt: at.toISOString(), scheduledBy: actor } };
}

/** Back to approved: it can be published now or scheduled again. */
export function cancelSchedule(draft: EditorialDraft): EditorialResult {
  if (draft.state !== 'scheduled') return refuse(draft.state);
  return { ok: true, draft: { ...draft, state: 'approved', changeNote: null, changeKind: null, scheduledAt: null, scheduledBy: null } };
}

/** A scheduled draft whose moment has come: the background pass publishes it with its note. */
export function isDue(draft: Pick<EditorialDraft, 'state' | 'scheduledAt'>, now: Date): boolean {
  return draft.state === 'scheduled' && draft.scheduledAt !== null && Date.parse(draft.scheduledAt) <= now.getTime();
}

/** What each state allows, for the pages (the API decides again). */
export function actionsFor(draft: EditorialDraft, actor: string): { save: boolean; submit: boolean; review: boolean; publish: boolean; cancelSchedule: boolean } {
  return {
    save: true,
    submit: draft.state === 'draft',
    review: draft.state === 'submitted' && mayReview(draft, actor),
    publish: draft.state === 'approved',
    cancelSchedule: draft.state === 'scheduled',
  };
}

/**
 * Unpublishing: a reason always (for the record); then either another piece readers are sent to
 * (301), or a notice that stays at the address (410) saying why it was withdrawn, in each language.
 */
export const UnpublishSchema = z
  .object({
    reason: textLines().trim().min(2).max(500),
    redirectTo: textLine()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(80)
      .optional(),
    notice: z.object({ 'zh-CN': textLines().trim().min(2).max(500), en: textLines().trim().min(2).max(500) }).optional(),
  })
  .refine((value) => (value.redirectTo === undefined) !== (value.notice === undefined), { message: 'errors.guideEditor.redirectOrNotice', path: ['redirectTo'] });
export type Unpublish = z.infer<typeof UnpublishSchema>;

export type UnpublishCheck = { ok: true } | { ok: false; reason: 'redirect_to_itself' } | { ok: false; reason: 'unknown_redirect' };

/** A redirect leads to another piece that is published, never to itself. */
export function checkUnpublish(slug: string, input: Unpublish, published: ReadonlySet<string>): UnpublishCheck {
  if (input.redirectTo === undefined) return { ok: true };
  if (input.redirectTo === slug) return { ok: false, reason: 'redirect_to_itself' };
  if (!published.has(input.redirectTo)) return { ok: false, reason: 'unknown_redirect' };
  return { ok: true };
}

export interface PublishedNote {
  note: string | null;
  kind: ChangeKind | null;
  publishedAt: string;
}

/** The change history readers see (更新记录): major changes with a note, newest first. */
export function publicChangeHistory<N extends PublishedNote>(notes: readonly N[]): N[] {
  return notes.filter((entry) => entry.kind === 'major' && entry.note).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}
