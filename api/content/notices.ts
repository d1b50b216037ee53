/**
 * Notices (通知公告, docs/decisions/056): a kind of the editorial engine (api/engine/editorial/,
 * docs/decisions/057), written, reviewed and published with the guides' lifecycle. What is the
 * notices' own is here: a new notice's draft under a fresh id, the office and service it may be tied
 * to checked, a correction's change note required, a version written and the notice moved to it
 * (a withdrawn one put back) with the `notices` content version bumped in the publishing
 * transaction, so every process's page cache follows; and withdrawal, the public reads, the
 * reviewer's diff and the editors' list.
 */
import { z } from 'zod';
import { appendAudit } from '../db/audit.repo.ts';
import { bumpContentVersion } from '../db/content-state.repo.ts';
import { insertNoticeVersion, listAllNotices, listPublishedNotices, markNoticeWithdrawn, noticeVersions, readPublishedNotice, type NoticeFilter, type PublishedNoticeRow } from '../db/notices.repo.ts';
import type { ChangeNote, EditorialDraft } from '../domain/content/editorial.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { LanguageDiff } from '../domain/guides/guide-diff.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { changedNoticeLanguages, diffNotice, newNoticeId, NoticeContentSchema, type NoticeContent, type WithdrawNotice } from '../domain/notices/notice.ts';
import {
  actOnDraft,
  CONTENT_EDITOR,
  createDraft,
  listDrafts,
  publishDueDrafts,
  publishNow,
  readDraft,
  scheduledKind,
  type ContentRefusal,
  type DraftAction,
  type EditorialActor,
  type EditorialDeps,
  type EditorialKind,
  type StoredDraft,
} from '../engine/editorial/editorial-engine.ts';

export interface NoticeDeps extends EditorialDeps {
  /** What a notice may be tied to: a registry office's or funeral home's id, a published guide's slug. */
  references: { office: (id: string) => boolean; service: (slug: string) => Promise<boolean> };
  randomBytes: (size: number) => Uint8Array;
}

/** The published version a notice's draft corrects; null for a notice not yet published. */
const BaseVersionSchema = z.number().int().nullable();
export type StoredNoticeDraft = StoredDraft<NoticeContent, number | null>;

/** Notices as a kind of edited content: what the engine asks of them. */
export const noticeKind: EditorialKind<NoticeContent, number | null, { id: string; version: number }, NoticeDeps> = {
  name: 'notice',
  content: NoticeContentSchema,
  base: BaseVersionSchema,
  checkContent: async (deps, _id, content) => {
    if (content.office !== null && !deps.references.office(content.office)) return { ok: false, reason: 'content_refused', field: 'content.office', code: 'unknown_office', message: 'errors.notices.unknownOffice' };
    if (content.service !== null && !(await deps.references.service(content.service))) return { ok: false, reason: 'content_refused', field: 'content.service', code: 'unknown_service', message: 'errors.notices.unknownService' };
    return { ok: true, content };
  },
  published: async (deps, id) => {
    const published = await readPublishedNotice(deps.db, id);
    return published ? { content: published.content, base: published.version } : undefined;
  },
  openDetails: (base) => ({ baseVersion: base }),
  // A new notice always; a correction when its content differs, or a withdrawn notice put back.
  hasChanges: async (deps, draft) => {
    const published = await readPublishedNotice(deps.db, draft.key);
    return !published || published.withdrawn !== null || JSON.stringify(published.content) !== JSON.stringify(draft.content);
  },
  // A first publication has nothing before it to say what changed; a correction says what it changed.
  changeNoteRequired: async (deps, draft) => (await readPublishedNotice(deps.db, draft.key)) !== undefined,
  publish: async (trx, draft, { change, by, at }) => {
    const before = await readPublishedNotice(trx, draft.key);
    const changed = changedNoticeLanguages(before?.content, draft.content);
    const version = await insertNoticeVersion(trx, { id: draft.key, content: draft.content, changeNote: change?.note ?? null, changeKind: change?.kind ?? null, publishedBy: by, approvedBy: draft.approvedBy, changed }, at);
    await bumpContentVersion(trx, 'notices', at);
    return { published: { id: draft.key, version }, details: { version, languages: changed } };
  },
};

/** The notices' kind as the scheduled pass knows it. */
export const scheduledNotices = scheduledKind(noticeKind);

/** A new notice's draft, written by `actor` under a fresh id; audited (`notice.draft.create`). */
export async function createNotice(deps: NoticeDeps, actor: EditorialActor, input: unknown): Promise<{ ok: true; draft: StoredNoticeDraft } | ContentRefusal> {
  const at = deps.now();
  // A collision of four random characters on one day is unlikely; a second draw settles it.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const id = newNoticeId(chinaDate(at), deps.randomBytes(4));
    if (await readPublishedNotice(deps.db, id)) continue;
    const created = await createDraft(noticeKind, deps, actor, id, input, null);
    if (created.ok || created.reason === 'invalid' || created.reason === 'content_refused') return created;
  }
  throw new Error('could not draw a free notice id');
}

export type NoticeContentRefusal = ContentRefusal;
export type NoticeAction = DraftAction;

/** Publishes an approved draft now: live on the notices page, the home page, the feed and its office's or service's pages. */
export const publishNoticeDraft = (deps: NoticeDeps, actor: EditorialActor, id: string, version: number, change: ChangeNote | null) => publishNow(noticeKind, deps, actor, id, version, change);
export const actOnNoticeDraft = (deps: NoticeDeps, actor: EditorialActor, id: string, version: number, action: DraftAction) => actOnDraft(noticeKind, deps, actor, id, version, action);

/** The scheduled pass's notices alone (tests; a process runs every kind's in one pass: api/content/editorial-kinds.ts). */
export async function publishDueNotices(deps: EditorialDeps): Promise<number> {
  return (await publishDueDrafts(deps, [scheduledNotices])).notice ?? 0;
}

export type WithdrawResult = { ok: true } | { ok: false; reason: 'notice_not_found' } | { ok: false; reason: 'already_withdrawn' };

/** Takes a published notice off the lists and the feed; its address answers 410 with the note. */
export async function withdrawNotice(deps: EditorialDeps, actor: EditorialActor, id: string, input: WithdrawNotice): Promise<WithdrawResult> {
  const published = await readPublishedNotice(deps.db, id);
  if (!published) return { ok: false, reason: 'notice_not_found' };
  if (published.withdrawn) return { ok: false, reason: 'already_withdrawn' };
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await markNoticeWithdrawn(trx, id, { at, by: actor.member.id, reason: input.reason, note: input.note });
    await bumpContentVersion(trx, 'notices', at);
    await appendAudit(trx, deps.kind, { at, actorId: actor.member.id, actorRole: CONTENT_EDITOR, action: 'notice.withdraw', recordType: 'notice', recordId: id, origin: actor.origin, details: { reason: input.reason, note: input.note } });
  });
  deps.contentVersion?.expire();
  return { ok: true };
}

export type NoticeDiffResult = { ok: true; languages: LanguageDiff[]; publishedVersion: number | null } | { ok: false; reason: 'no_draft' };

/** What the draft changes against the published notice (all of it, for a new one): the reviewer's view. */
export async function noticeDraftDiff(deps: Pick<EditorialDeps, 'db'>, id: string): Promise<NoticeDiffResult> {
  const draft = await readDraft(noticeKind, deps, id);
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
export async function editorsNotices(deps: Pick<EditorialDeps, 'db'>): Promise<EditorsNotice[]> {
  const [published, drafts] = await Promise.all([listAllNotices(deps.db), listDrafts(noticeKind, deps)]);
  const entries = new Map<string, EditorsNotice>();
  for (const draft of drafts) {
    entries.set(draft.key, {
      id: draft.key,
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
export async function publishedNotices(deps: Pick<EditorialDeps, 'db'>, filter: NoticeFilter, page: number, perPage: number) {
  return listPublishedNotices(deps.db, filter, { offset: (page - 1) * perPage, limit: perPage });
}

export type PublicNoticeResult = { ok: true; notice: PublishedNoticeRow } | { ok: false; reason: 'notice_not_found' } | { ok: false; reason: 'withdrawn'; at: string; note: Partial<Record<Locale, string>> };

/** One published notice, or its withdrawal (410 with the note), or nothing. */
export async function publicNotice(deps: Pick<EditorialDeps, 'db'>, id: string): Promise<PublicNoticeResult> {
  const notice = await readPublishedNotice(deps.db, id);
  if (!notice) return { ok: false, reason: 'notice_not_found' };
  if (notice.withdrawn) return { ok: false, reason: 'withdrawn', at: notice.withdrawn.at, note: notice.withdrawn.note };
  return { ok: true, notice };
}

/** Every version of a notice, for the editors' history. */
export const noticeHistory = (deps: Pick<EditorialDeps, 'db'>, id: string) => noticeVersions(deps.db, id);
