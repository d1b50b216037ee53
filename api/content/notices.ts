/**
 * Notices (通知公告, docs/decisions/056): written, reviewed and published with the guides'
 * lifecycle (api/domain/content/editorial.ts, docs/decisions/052). A content editor opens a new
 * notice's draft (or a published one's, to correct it), a second editor approves it (never their
 * own), it is published now or at a moment (by whichever process's pass claims it first, once) and
 * may be withdrawn with a reason and a note that stays at its address. Each step and its audit
 * entry are one transaction; a publication or withdrawal bumps the `notices` content version in
 * it, so every process's page cache follows.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ZodError } from 'zod';
import { appendAudit } from '../db/audit.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { bumpContentVersion } from '../db/content-state.repo.ts';
import {
  claimNoticeDraft,
  dueNoticeDrafts,
  insertNoticeDraft,
  insertNoticeVersion,
  listAllNotices,
  listNoticeDrafts,
  listPublishedNotices,
  markNoticeWithdrawn,
  noticeVersions,
  readNoticeDraft,
  readPublishedNotice,
  updateNoticeDraft,
  type NoticeFilter,
  type PublishedNoticeRow,
  type StoredNoticeDraft,
} from '../db/notices.repo.ts';
import type { Database } from '../db/schema.ts';
import {
  approveDraft,
  cancelSchedule,
  changeDraft,
  openDraft,
  publishDraft,
  scheduleDraft,
  sendBackDraft,
  submitDraft,
  type ChangeNote,
  type EditorialDraft,
  type EditorialRefusal,
} from '../domain/content/editorial.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { LanguageDiff } from '../domain/guides/guide-diff.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { changedNoticeLanguages, diffNotice, newNoticeId, NoticeContentSchema, type NoticeContent, type WithdrawNotice } from '../domain/notices/notice.ts';
import type { ContentVersionProbe } from './content-version.ts';

/** The role editorial actions are taken and audited in. */
const CONTENT_EDITOR = 'content-editor';

export interface NoticeDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
  /** This process's view of the content version: expired after a publication so it reads it at once. */
  contentVersion?: ContentVersionProbe | undefined;
  /** What a notice may be tied to: a registry office's id, a published guide's slug. */
  references: { office: (id: string) => boolean; service: (slug: string) => Promise<boolean> };
  randomBytes: (size: number) => Uint8Array;
}

/** The content refused: the schema's issues, or an office or service that does not exist. */
export type NoticeContentRefusal = { ok: false; reason: 'invalid'; error: ZodError } | { ok: false; reason: 'unknown_office' } | { ok: false; reason: 'unknown_service' };

export type NoticeRefusal =
  | EditorialRefusal
  | NoticeContentRefusal
  | { ok: false; reason: 'notice_not_found' }
  | { ok: false; reason: 'no_draft' }
  | { ok: false; reason: 'draft_changed'; currentVersion: number }
  /** A correction of a published notice says what it changed. */
  | { ok: false; reason: 'change_note_required' }
  /** The approved draft is the published notice as it is. */
  | { ok: false; reason: 'no_changes' };

export type NoticeDraftAnswer = { ok: true; draft: StoredNoticeDraft } | NoticeRefusal;

interface Actor {
  member: { id: string };
  origin: string | null;
}

const audit = (trx: Transaction<Database>, deps: Pick<NoticeDeps, 'kind'>, actorId: string | null, action: string, id: string, at: Date, origin: string | null, details?: Record<string, unknown>) =>
  appendAudit(trx, deps.kind, { at, actorId, actorRole: CONTENT_EDITOR, action, recordType: 'notice', recordId: id, origin, ...(details ? { details } : {}) });

async function checkContent(deps: NoticeDeps, input: unknown): Promise<{ ok: true; content: NoticeContent } | NoticeContentRefusal> {
  const parsed = NoticeContentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const content = parsed.data;
  if (content.office !== null && !deps.references.office(content.office)) return { ok: false, reason: 'unknown_office' };
  if (content.service !== null && !(await deps.references.service(content.service))) return { ok: false, reason: 'unknown_service' };
  return { ok: true, content };
}

/** A new notice's draft, written by `actor`; audited. */
export async function createNotice(deps: NoticeDeps, actor: Actor, input: unknown): Promise<{ ok: true; draft: StoredNoticeDraft } | NoticeContentRefusal> {
  const checked = await checkContent(deps, input);
  if (!checked.ok) return checked;
  const at = deps.now();
  // A collision of four random characters on one day is unlikely; a second draw settles it.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const id = newNoticeId(chinaDate(at), deps.randomBytes(4));
    if (await readPublishedNotice(deps.db, id)) continue;
    const draft = { id, ...openDraft(actor.member.id), content: checked.content, baseVersion: null, createdAt: at.toISOString() };
    const created = await deps.db.transaction().execute(async (trx) => {
      const inserted = await insertNoticeDraft(trx, draft);
      if (inserted) await audit(trx, deps, actor.member.id, 'notice.draft.create', id, at, actor.origin);
      return inserted;
    });
    if (!created) continue;
    const stored = await readNoticeDraft(deps.db, id);
    if (stored) return { ok: true, draft: stored };
  }
  throw new Error('could not draw a free notice id');
}

export async function readNoticeDraftOf(deps: Pick<NoticeDeps, 'db'>, id: string): Promise<NoticeDraftAnswer> {
  const draft = await readNoticeDraft(deps.db, id);
  return draft ? { ok: true, draft } : { ok: false, reason: 'no_draft' };
}

/** Opens a published notice's draft to correct it (or gives the one already open). */
export async function openNoticeDraft(deps: NoticeDeps, actor: Actor, id: string): Promise<NoticeDraftAnswer & { created?: boolean }> {
  const existing = await readNoticeDraft(deps.db, id);
  if (existing) return { ok: true, draft: existing, created: false };
  const published = await readPublishedNotice(deps.db, id);
  if (!published) return { ok: false, reason: 'notice_not_found' };
  const at = deps.now();
  const draft = { id, ...openDraft(actor.member.id), content: published.content, baseVersion: published.version, createdAt: at.toISOString() };
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertNoticeDraft(trx, draft);
    if (inserted) await audit(trx, deps, actor.member.id, 'notice.draft.open', id, at, actor.origin, { baseVersion: published.version });
    return inserted;
  });
  const stored = await readNoticeDraft(deps.db, id);
  return stored ? { ok: true, draft: stored, created } : { ok: false, reason: 'no_draft' };
}

/** One lifecycle step if the draft is still at `expected`: the conditional update and its audit entry in one transaction. */
async function step(deps: NoticeDeps, actor: Actor, id: string, expected: number, action: string, decide: (draft: StoredNoticeDraft) => { ok: true; draft: EditorialDraft } | EditorialRefusal, content?: NoticeContent, details?: Record<string, unknown>): Promise<NoticeDraftAnswer> {
  const current = await readNoticeDraft(deps.db, id);
  if (!current) return { ok: false, reason: 'no_draft' };
  if (current.lockVersion !== expected) return { ok: false, reason: 'draft_changed', currentVersion: current.lockVersion };
  const decided = decide(current);
  if (!decided.ok) return decided;
  const at = deps.now();
  const written = await deps.db.transaction().execute(async (trx) => {
    const version = await updateNoticeDraft(trx, id, expected, decided.draft, at, content);
    if (version !== undefined) await audit(trx, deps, actor.member.id, action, id, at, actor.origin, { state: decided.draft.state, version, ...details });
    return version;
  });
  const now = await readNoticeDraft(deps.db, id);
  if (!now) return { ok: false, reason: 'no_draft' };
  if (written === undefined) return { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion };
  return { ok: true, draft: now };
}

/** Saves the draft's content (the schema and the references checked); any change returns it to draft. */
export async function saveNoticeDraft(deps: NoticeDeps, actor: Actor, id: string, input: { version: number; content: unknown }): Promise<NoticeDraftAnswer> {
  const checked = await checkContent(deps, input.content);
  if (!checked.ok) return checked;
  return step(deps, actor, id, input.version, 'notice.draft.save', (draft) => changeDraft(draft, actor.member.id), checked.content);
}

export type NoticeAction = { action: 'submit' } | { action: 'approve' } | { action: 'send-back'; comment: string } | { action: 'schedule'; at: Date; change: ChangeNote | null } | { action: 'cancel-schedule' };

const AUDIT_ACTION: Record<NoticeAction['action'], string> = {
  submit: 'notice.submit',
  approve: 'notice.approve',
  'send-back': 'notice.send-back',
  schedule: 'notice.schedule',
  'cancel-schedule': 'notice.schedule.cancel',
};

/** Whether publishing the draft would change anything: a new notice always, a correction when its content differs. */
async function publishable(deps: NoticeDeps, draft: StoredNoticeDraft, change: ChangeNote | null): Promise<NoticeRefusal | undefined> {
  const published = await readPublishedNotice(deps.db, draft.id);
  if (!published) return undefined;
  if (change === null) return { ok: false, reason: 'change_note_required' };
  if (JSON.stringify(published.content) === JSON.stringify(draft.content) && !published.withdrawn) return { ok: false, reason: 'no_changes' };
  return undefined;
}

export async function actOnNoticeDraft(deps: NoticeDeps, actor: Actor, id: string, version: number, action: NoticeAction): Promise<NoticeDraftAnswer> {
  const by = actor.member.id;
  if (action.action === 'schedule') {
    const draft = await readNoticeDraft(deps.db, id);
    const refused = draft && draft.state === 'approved' ? await publishable(deps, draft, action.change) : undefined;
    if (refused) return refused;
  }
  const decide = (draft: StoredNoticeDraft) => {
    switch (action.action) {
      case 'submit':
        return submitDraft(draft, by);
      case 'approve':
        return approveDraft(draft, by);
      case 'send-back':
        return sendBackDraft(draft, by, action.comment);
      case 'schedule':
        return scheduleDraft(draft, by, action.change, action.at, deps.now());
      case 'cancel-schedule':
        return cancelSchedule(draft);
    }
  };
  const details = action.action === 'send-back' ? { comment: action.comment } : action.action === 'schedule' ? { at: action.at.toISOString(), change: action.change } : undefined;
  return step(deps, actor, id, version, AUDIT_ACTION[action.action], decide, undefined, details);
}

/**
 * In the publishing transaction: claims the draft (deleted if still in `state` at its version),
 * writes the next version, moves the notice to it, bumps the content version and audits. False
 * when another process got there first.
 */
async function publishInTransaction(trx: Transaction<Database>, deps: Pick<NoticeDeps, 'kind'>, draft: StoredNoticeDraft, state: EditorialDraft['state'], change: ChangeNote | null, by: string, at: Date, origin: string | null, scheduled: boolean): Promise<boolean> {
  if (!(await claimNoticeDraft(trx, draft.id, draft.lockVersion, state))) return false;
  const before = await readPublishedNotice(trx, draft.id);
  const changed = changedNoticeLanguages(before?.content, draft.content);
  const version = await insertNoticeVersion(trx, { id: draft.id, content: draft.content, changeNote: change?.note ?? null, changeKind: change?.kind ?? null, publishedBy: by, approvedBy: draft.approvedBy, changed }, at);
  await bumpContentVersion(trx, 'notices', at);
  await audit(trx, deps, by, 'notice.publish', draft.id, at, origin, { version, change, scheduled, approvedBy: draft.approvedBy, languages: changed });
  return true;
}

export type NoticePublishResult = { ok: true; id: string; version: number } | NoticeRefusal;

/** Publishes an approved draft now: live on the notices page, the home page, the feed and its office's or service's pages. */
export async function publishNoticeDraft(deps: NoticeDeps, actor: Actor, id: string, version: number, change: ChangeNote | null): Promise<NoticePublishResult> {
  const draft = await readNoticeDraft(deps.db, id);
  if (!draft) return { ok: false, reason: 'no_draft' };
  if (draft.lockVersion !== version) return { ok: false, reason: 'draft_changed', currentVersion: draft.lockVersion };
  const decided = publishDraft(draft, actor.member.id, change);
  if (!decided.ok) return decided;
  const refused = await publishable(deps, draft, change);
  if (refused) return refused;
  const at = deps.now();
  const published = await deps.db.transaction().execute((trx) => publishInTransaction(trx, deps, draft, 'approved', change, actor.member.id, at, actor.origin, false));
  if (!published) {
    const now = await readNoticeDraft(deps.db, id);
    return now ? { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion } : { ok: false, reason: 'no_draft' };
  }
  deps.contentVersion?.expire();
  const notice = await readPublishedNotice(deps.db, id);
  return { ok: true, id, version: notice?.version ?? 1 };
}

/**
 * The scheduled-publishing pass's notices: every scheduled draft whose moment has come, each in its
 * own transaction that first claims it. Of two processes' passes at once, one publishes each.
 */
export async function publishDueNotices(deps: Pick<NoticeDeps, 'db' | 'kind' | 'now' | 'contentVersion'>): Promise<number> {
  const at = deps.now();
  let published = 0;
  for (const draft of await dueNoticeDrafts(deps.db, at)) {
    const change: ChangeNote | null = draft.changeNote && draft.changeKind ? { note: draft.changeNote, kind: draft.changeKind } : null;
    const by = draft.scheduledBy ?? draft.lastChangedBy;
    const done = await deps.db.transaction().execute((trx) => publishInTransaction(trx, deps, draft, 'scheduled', change, by, at, null, true));
    if (done) published += 1;
  }
  if (published > 0) deps.contentVersion?.expire();
  return published;
}

export type WithdrawResult = { ok: true } | { ok: false; reason: 'notice_not_found' } | { ok: false; reason: 'already_withdrawn' };

/** Takes a published notice off the lists and the feed; its address answers 410 with the note. */
export async function withdrawNotice(deps: NoticeDeps, actor: Actor, id: string, input: WithdrawNotice): Promise<WithdrawResult> {
  const published = await readPublishedNotice(deps.db, id);
  if (!published) return { ok: false, reason: 'notice_not_found' };
  if (published.withdrawn) return { ok: false, reason: 'already_withdrawn' };
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await markNoticeWithdrawn(trx, id, { at, by: actor.member.id, reason: input.reason, note: input.note });
    await bumpContentVersion(trx, 'notices', at);
    await audit(trx, deps, actor.member.id, 'notice.withdraw', id, at, actor.origin, { reason: input.reason, note: input.note });
  });
  deps.contentVersion?.expire();
  return { ok: true };
}

export type NoticeDiffResult = { ok: true; languages: LanguageDiff[]; publishedVersion: number | null } | { ok: false; reason: 'no_draft' };

/** What the draft changes against the published notice (all of it, for a new one): the reviewer's view. */
export async function noticeDraftDiff(deps: Pick<NoticeDeps, 'db'>, id: string): Promise<NoticeDiffResult> {
  const draft = await readNoticeDraft(deps.db, id);
  if (!draft) return { ok: false, reason: 'no_draft' };
  const published = await readPublishedNotice(deps.db, id);
  return { ok: true, languages: diffNotice(published?.content, draft.content), publishedVersion: published?.version ?? null };
}

export interface EditorsNotice {
  id: string;
  title: string;
  date: string;
  published: { version: number; at: string; withdrawnAt: string | null } | null;
  draft: { state: EditorialDraft['state']; version: number; updatedAt: string; scheduledAt: string | null } | null;
  englishMissing: boolean;
}

/** Every notice, published or still a draft, for the editors' list: drafts first, then by date. */
export async function editorsNotices(deps: Pick<NoticeDeps, 'db'>): Promise<EditorsNotice[]> {
  const [published, drafts] = await Promise.all([listAllNotices(deps.db), listNoticeDrafts(deps.db)]);
  const entries = new Map<string, EditorsNotice>();
  for (const draft of drafts) {
    entries.set(draft.id, {
      id: draft.id,
      title: draft.content['zh-CN'].title,
      date: draft.content.date,
      published: null,
      draft: { state: draft.state, version: draft.lockVersion, updatedAt: draft.updatedAt, scheduledAt: draft.scheduledAt },
      englishMissing: draft.content.en === null,
    });
  }
  for (const notice of published) {
    const existing = entries.get(notice.id);
    const stamp = { version: notice.version, at: notice.updatedAt, withdrawnAt: notice.withdrawn?.at ?? null };
    if (existing) existing.published = stamp;
    else entries.set(notice.id, { id: notice.id, title: notice.content['zh-CN'].title, date: notice.content.date, published: stamp, draft: null, englishMissing: notice.content.en === null });
  }
  return [...entries.values()];
}

/** Published notices, newest first, a page at a time (withdrawn ones left out). */
export async function publishedNotices(deps: Pick<NoticeDeps, 'db'>, filter: NoticeFilter, page: number, perPage: number) {
  return listPublishedNotices(deps.db, filter, { offset: (page - 1) * perPage, limit: perPage });
}

export type PublicNoticeResult = { ok: true; notice: PublishedNoticeRow } | { ok: false; reason: 'notice_not_found' } | { ok: false; reason: 'withdrawn'; at: string; note: Partial<Record<Locale, string>> };

/** One published notice, or its withdrawal (410 with the note), or nothing. */
export async function publicNotice(deps: Pick<NoticeDeps, 'db'>, id: string): Promise<PublicNoticeResult> {
  const notice = await readPublishedNotice(deps.db, id);
  if (!notice) return { ok: false, reason: 'notice_not_found' };
  if (notice.withdrawn) return { ok: false, reason: 'withdrawn', at: notice.withdrawn.at, note: notice.withdrawn.note };
  return { ok: true, notice };
}

/** Every version of a notice, for the editors' history. */
export const noticeHistory = (deps: Pick<NoticeDeps, 'db'>, id: string) => noticeVersions(deps.db, id);
