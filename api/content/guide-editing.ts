/**
 * Staff editing and publishing guides (docs/decisions/052): a draft of both languages opened from
 * the published versions, saved with optimistic locking, submitted, approved by a second editor,
 * published now or at a scheduled moment (by whichever process's pass claims it first, once), and
 * unpublished with a redirect or a notice. The lifecycle's rules are the pure module's
 * (api/domain/content/editorial.ts); this file reads and writes, each change with its audit entry in
 * one transaction, and a publication with the content version bumped in that transaction, so every
 * process's catalogue, page cache and search index follow it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ZodError } from 'zod';
import { appendAudit } from '../db/audit.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { bumpContentVersion } from '../db/content-state.repo.ts';
import { claimGuideDraft, dueGuideDrafts, insertGuideDraft, listGuideDrafts, readGuideDraft, updateGuideDraft, type StoredGuideDraft } from '../db/guide-drafts.repo.ts';
import { clearUnpublished, guideVersionHistory, insertVersion, latestVersionStamps, listUnpublishedGuides, recordUnpublished, type StoredGuideVersion, type UnpublishedGuide } from '../db/guides.repo.ts';
import type { Database } from '../db/schema.ts';
import { editorWarnings, type EditorWarning } from '../domain/guides/editor-checks.ts';
import {
  approveDraft,
  cancelSchedule,
  changeDraft,
  checkUnpublish,
  openDraft,
  publishDraft,
  scheduleDraft,
  sendBackDraft,
  submitDraft,
  type ChangeNote,
  type EditorialDraft,
  type EditorialRefusal,
  type Unpublish,
} from '../domain/content/editorial.ts';
import { diffGuide, GuideContentSchema, type GuideContent, type GuideLanguageContent, type LanguageDiff } from '../domain/guides/guide-diff.ts';
import { renderGuideBody } from '../domain/guides/guide-text.ts';
import { LOCALES, type Locale } from '../domain/guides/guide.schema.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import { serviceTimeLimitsAt } from '../services/guide-time-limits.ts';
import type { ServiceRegistry } from '../services/registry.ts';
import type { ContentVersionProbe } from './content-version.ts';

/** The role editorial actions are taken and audited in. */
export const CONTENT_EDITOR = 'content-editor';

export interface GuideEditingDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
  /** This process's view of the content version: expired after a publication so it reads it at once. */
  contentVersion?: ContentVersionProbe | undefined;
  /** The services this portal runs: a guide for one is checked against its time limits (docs/decisions/060). */
  services?: ServiceRegistry | undefined;
}

export type GuideDraftRefusal =
  | EditorialRefusal
  | { ok: false; reason: 'guide_not_found' }
  | { ok: false; reason: 'no_draft' }
  /** Someone changed the draft since the version the request was made from. */
  | { ok: false; reason: 'draft_changed'; currentVersion: number }
  | { ok: false; reason: 'invalid'; error: ZodError }
  /** The approved draft is the published text in both languages: nothing to publish. */
  | { ok: false; reason: 'no_changes' };

export type DraftAnswer = { ok: true; draft: StoredGuideDraft; warnings: Record<Locale, EditorWarning[]> } | GuideDraftRefusal;

export type UnpublishResult = { ok: true } | { ok: false; reason: 'guide_not_found' } | { ok: false; reason: 'redirect_to_itself' } | { ok: false; reason: 'unknown_redirect' };

interface Actor {
  member: StaffMember;
  origin: string | null;
}

const audit = (trx: Transaction<Database>, deps: GuideEditingDeps, actor: { id: string } | null, action: string, slug: string, at: Date, origin: string | null, details?: Record<string, unknown>) =>
  appendAudit(trx, deps.kind, { at, actorId: actor?.id ?? null, actorRole: CONTENT_EDITOR, action, recordType: 'guide', recordId: slug, origin, ...(details ? { details } : {}) });

/** The newest version of each language of a guide, or undefined when it has none in some language. */
function latestContent(history: readonly StoredGuideVersion[]): { content: GuideContent; versions: Record<Locale, number> } | undefined {
  const latest = (lang: Locale) => history.filter((row) => row.lang === lang).at(-1);
  const zh = latest('zh-CN');
  const en = latest('en');
  if (!zh || !en) return undefined;
  return { content: { 'zh-CN': { frontmatter: zh.frontmatter, body: zh.bodyMd }, en: { frontmatter: en.frontmatter, body: en.bodyMd } }, versions: { 'zh-CN': zh.version, en: en.version } };
}

/** The slugs readers can reach: links and redirects may lead to them. */
async function publishedSlugs(db: Kysely<Database>): Promise<Set<string>> {
  const unpublished = new Set((await listUnpublishedGuides(db)).map((entry) => entry.slug));
  return new Set((await latestVersionStamps(db)).map((stamp) => stamp.slug).filter((slug) => !unpublished.has(slug)));
}

async function warningsFor(deps: GuideEditingDeps, content: GuideContent): Promise<Record<Locale, EditorWarning[]>> {
  const known = await publishedSlugs(deps.db);
  const limits = (lang: Locale) => (deps.services ? (serviceTimeLimitsAt(deps.services, content[lang].frontmatter.apply.path)?.limits ?? []) : []);
  return { 'zh-CN': editorWarnings(content['zh-CN'], 'zh-CN', known, limits('zh-CN')), en: editorWarnings(content.en, 'en', known, limits('en')) };
}

async function answer(deps: GuideEditingDeps, draft: StoredGuideDraft): Promise<DraftAnswer> {
  return { ok: true, draft, warnings: await warningsFor(deps, draft.content) };
}

/** The guide's draft, if one is open. */
export async function readDraft(deps: GuideEditingDeps, slug: string): Promise<DraftAnswer> {
  const draft = await readGuideDraft(deps.db, slug);
  return draft ? answer(deps, draft) : { ok: false, reason: 'no_draft' };
}

/** Opens the guide's draft from its published versions (or gives the one already open). */
export async function openGuideDraft(deps: GuideEditingDeps, actor: Actor, slug: string): Promise<DraftAnswer & { created?: boolean }> {
  const existing = await readGuideDraft(deps.db, slug);
  if (existing) return { ...(await answer(deps, existing)), created: false };
  const latest = latestContent(await guideVersionHistory(deps.db, slug));
  if (!latest) return { ok: false, reason: 'guide_not_found' };
  const at = deps.now();
  const draft = { slug, ...openDraft(actor.member.id), content: latest.content, baseVersions: latest.versions, createdAt: at.toISOString() };
  let created = false;
  await deps.db.transaction().execute(async (trx) => {
    created = await insertGuideDraft(trx, draft);
    if (created) await audit(trx, deps, actor.member, 'guide.draft.open', slug, at, actor.origin, { baseVersions: latest.versions });
  });
  const stored = await readGuideDraft(deps.db, slug);
  if (!stored) return { ok: false, reason: 'no_draft' };
  return { ...(await answer(deps, stored)), created };
}

/**
 * Writes one step of the lifecycle if the draft is still at `expected`: the conditional update and
 * the audit entry in one transaction. The draft as it now is, or why not.
 */
async function step(deps: GuideEditingDeps, actor: Actor, slug: string, expected: number, action: string, decide: (draft: StoredGuideDraft) => { ok: true; draft: EditorialDraft } | EditorialRefusal, content?: GuideContent, details?: Record<string, unknown>): Promise<DraftAnswer> {
  const current = await readGuideDraft(deps.db, slug);
  if (!current) return { ok: false, reason: 'no_draft' };
  if (current.lockVersion !== expected) return { ok: false, reason: 'draft_changed', currentVersion: current.lockVersion };
  const decided = decide(current);
  if (!decided.ok) return decided;
  const at = deps.now();
  const written = await deps.db.transaction().execute(async (trx) => {
    const version = await updateGuideDraft(trx, slug, expected, decided.draft, at, content);
    if (version === undefined) return undefined;
    await audit(trx, deps, actor.member, action, slug, at, actor.origin, { state: decided.draft.state, version, ...details });
    return version;
  });
  const now = await readGuideDraft(deps.db, slug);
  if (!now) return { ok: false, reason: 'no_draft' };
  // Changed between the read and the write (another editor's save won the race).
  if (written === undefined) return { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion };
  return answer(deps, now);
}

/** Saves both languages' content (checked by the guide's schema); any change returns the draft to draft. */
export async function saveGuideDraft(deps: GuideEditingDeps, actor: Actor, slug: string, input: { version: number; content: unknown }): Promise<DraftAnswer> {
  const parsed = GuideContentSchema.safeParse(input.content);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const content = parsed.data;
  // The address names the guide: its text cannot move it under another's name.
  for (const lang of LOCALES) content[lang].frontmatter.slug = slug;
  return step(deps, actor, slug, input.version, 'guide.draft.save', (draft) => changeDraft(draft, actor.member.id), content);
}

export type DraftAction =
  | { action: 'submit' }
  | { action: 'approve' }
  | { action: 'send-back'; comment: string }
  | { action: 'schedule'; at: Date; change: ChangeNote }
  | { action: 'cancel-schedule' };

const AUDIT_ACTION: Record<DraftAction['action'], string> = {
  submit: 'guide.submit',
  approve: 'guide.approve',
  'send-back': 'guide.send-back',
  schedule: 'guide.schedule',
  'cancel-schedule': 'guide.schedule.cancel',
};

export async function actOnGuideDraft(deps: GuideEditingDeps, actor: Actor, slug: string, version: number, action: DraftAction): Promise<DraftAnswer> {
  const id = actor.member.id;
  const decide = (draft: StoredGuideDraft) => {
    switch (action.action) {
      case 'submit':
        return submitDraft(draft, id);
      case 'approve':
        return approveDraft(draft, id);
      case 'send-back':
        return sendBackDraft(draft, id, action.comment);
      case 'schedule':
        return scheduleDraft(draft, id, action.change, action.at, deps.now());
      case 'cancel-schedule':
        return cancelSchedule(draft);
    }
  };
  if (action.action === 'schedule') {
    const draft = await readGuideDraft(deps.db, slug);
    if (draft && !(await hasSomethingToPublish(deps, draft))) return { ok: false, reason: 'no_changes' };
  }
  const details = action.action === 'send-back' ? { comment: action.comment } : action.action === 'schedule' ? { at: action.at.toISOString(), change: action.change } : undefined;
  return step(deps, actor, slug, version, AUDIT_ACTION[action.action], decide, undefined, details);
}

/** The languages whose text differs from their newest version: only they get a new version. */
function changedLanguages(content: GuideContent, history: readonly StoredGuideVersion[]): Locale[] {
  const latest = latestContent(history);
  return LOCALES.filter((lang) => {
    const before: GuideLanguageContent | undefined = latest?.content[lang];
    return !before || JSON.stringify(before.frontmatter) !== JSON.stringify(content[lang].frontmatter) || before.body !== content[lang].body;
  });
}

/**
 * In the publishing transaction: claims the draft (deleted if still in `state` at its version),
 * writes a version of each changed language with its note, puts an unpublished guide back, bumps
 * the content version, and audits. False when another got there first.
 */
async function publishInTransaction(trx: Transaction<Database>, deps: GuideEditingDeps, draft: StoredGuideDraft, state: EditorialDraft['state'], change: ChangeNote, by: { id: string } | null, at: Date, origin: string | null, languages: Locale[], scheduled: boolean): Promise<boolean> {
  if (!(await claimGuideDraft(trx, draft.slug, draft.lockVersion, state))) return false;
  const versions: Partial<Record<Locale, number>> = {};
  for (const lang of languages) {
    const { frontmatter, body } = draft.content[lang];
    versions[lang] = await insertVersion(
      trx,
      { lang, frontmatter, bodyMd: body, bodyHtml: renderGuideBody(body), contentHash: `staff:${at.toISOString()}`, source: 'staff', change: { note: change.note[lang], kind: change.kind, by: by?.id ?? draft.scheduledBy ?? draft.lastChangedBy } },
      at,
    );
  }
  await clearUnpublished(trx, draft.slug);
  await bumpContentVersion(trx, 'guides', at);
  await audit(trx, deps, by, 'guide.publish', draft.slug, at, origin, { versions, change, scheduled, approvedBy: draft.approvedBy });
  return true;
}

/**
 * A changed language, or an unpublished guide that publishing as it was puts back; a publication
 * without either would only clutter the history.
 */
async function hasSomethingToPublish(deps: GuideEditingDeps, draft: StoredGuideDraft, languages?: Locale[]): Promise<boolean> {
  const changed = languages ?? changedLanguages(draft.content, await guideVersionHistory(deps.db, draft.slug));
  if (changed.length > 0) return true;
  return (await listUnpublishedGuides(deps.db)).some((entry) => entry.slug === draft.slug);
}

export type PublishResult = { ok: true; versions: Locale[] } | GuideDraftRefusal;

/** Publishes an approved draft now: the languages that changed get a version each, live in every process within the content check. */
export async function publishGuideDraft(deps: GuideEditingDeps, actor: Actor, slug: string, version: number, change: ChangeNote): Promise<PublishResult> {
  const draft = await readGuideDraft(deps.db, slug);
  if (!draft) return { ok: false, reason: 'no_draft' };
  if (draft.lockVersion !== version) return { ok: false, reason: 'draft_changed', currentVersion: draft.lockVersion };
  const decided = publishDraft(draft, actor.member.id, change);
  if (!decided.ok) return decided;
  const languages = changedLanguages(draft.content, await guideVersionHistory(deps.db, slug));
  if (!(await hasSomethingToPublish(deps, draft, languages))) return { ok: false, reason: 'no_changes' };
  const at = deps.now();
  const published = await deps.db.transaction().execute((trx) => publishInTransaction(trx, deps, draft, 'approved', change, actor.member, at, actor.origin, languages, false));
  if (!published) {
    const now = await readGuideDraft(deps.db, slug);
    return now ? { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion } : { ok: false, reason: 'no_draft' };
  }
  deps.contentVersion?.expire();
  return { ok: true, versions: languages };
}

/**
 * The scheduled-publishing pass: every scheduled draft whose moment has come is published with its
 * note, each in its own transaction that first claims it (a conditional delete). Run by every
 * process every few seconds: of two passes at once, exactly one publishes each draft.
 */
export async function publishDueGuides(deps: GuideEditingDeps): Promise<number> {
  const at = deps.now();
  let published = 0;
  for (const draft of await dueGuideDrafts(deps.db, at)) {
    if (!draft.changeNote || !draft.changeKind) continue;
    const change: ChangeNote = { note: draft.changeNote, kind: draft.changeKind };
    const languages = changedLanguages(draft.content, await guideVersionHistory(deps.db, draft.slug));
    const done = await deps.db.transaction().execute((trx) => publishInTransaction(trx, deps, draft, 'scheduled', change, draft.scheduledBy ? { id: draft.scheduledBy } : null, at, null, languages, true));
    if (done) published += 1;
  }
  if (published > 0) deps.contentVersion?.expire();
  return published;
}

/** Takes a guide off the site: redirected to another published guide (301), or left with a notice (410). */
export async function unpublishGuide(deps: GuideEditingDeps, actor: Actor, slug: string, input: Unpublish): Promise<UnpublishResult> {
  const published = await publishedSlugs(deps.db);
  const history = await guideVersionHistory(deps.db, slug);
  if (history.length === 0) return { ok: false, reason: 'guide_not_found' };
  const checked = checkUnpublish(slug, input, published);
  if (!checked.ok) return checked;
  const at = deps.now();
  const entry: UnpublishedGuide = { slug, redirectTo: input.redirectTo ?? null, notice: input.notice ?? null, reason: input.reason, unpublishedBy: actor.member.id, unpublishedAt: at.toISOString() };
  await deps.db.transaction().execute(async (trx) => {
    await recordUnpublished(trx, entry);
    await bumpContentVersion(trx, 'guides', at);
    await audit(trx, deps, actor.member, 'guide.unpublish', slug, at, actor.origin, { reason: input.reason, redirectTo: entry.redirectTo, notice: entry.notice });
  });
  deps.contentVersion?.expire();
  return { ok: true };
}

/** One publication of a guide: the versions written at one moment (a file load or a staff publication). */
export interface GuideEdition {
  /** 1 for the first publication, counting on. */
  number: number;
  publishedAt: string;
  source: string;
  publishedBy: string | null;
  changeKind: 'major' | 'minor' | null;
  changeNote: Partial<Record<Locale, string>>;
  /** The languages it changed, and the version of each language readers saw after it. */
  languages: Locale[];
  versions: Partial<Record<Locale, number>>;
}

function editionsOf(history: readonly StoredGuideVersion[]): { editions: GuideEdition[]; contentAt: (edition: number) => Partial<Record<Locale, GuideLanguageContent>> } {
  // A publication is the versions written at one moment by one source (a file load writes every changed language at once, as a staff publication does).
  const moments = [...new Set(history.map((row) => row.publishedAt))].sort();
  const contentAt = (edition: number) => {
    const moment = moments[edition - 1] ?? '';
    const content: Partial<Record<Locale, GuideLanguageContent>> = {};
    for (const lang of LOCALES) {
      const row = history.filter((entry) => entry.lang === lang && entry.publishedAt <= moment).at(-1);
      if (row) content[lang] = { frontmatter: row.frontmatter, body: row.bodyMd };
    }
    return content;
  };
  const editions = moments.map((moment, index) => {
    const rows = history.filter((row) => row.publishedAt === moment);
    const first = rows[0];
    const versions: Partial<Record<Locale, number>> = {};
    for (const lang of LOCALES) {
      const row = history.filter((entry) => entry.lang === lang && entry.publishedAt <= moment).at(-1);
      if (row) versions[lang] = row.version;
    }
    return {
      number: index + 1,
      publishedAt: moment,
      source: first?.source ?? 'file',
      publishedBy: first?.publishedBy ?? null,
      changeKind: first?.changeKind ?? null,
      changeNote: Object.fromEntries(rows.filter((row) => row.changeNote).map((row) => [row.lang, row.changeNote ?? ''])),
      languages: rows.map((row) => row.lang),
      versions,
    };
  });
  return { editions, contentAt };
}

export type HistoryResult = { ok: true; editions: GuideEdition[]; unpublished: UnpublishedGuide | null } | { ok: false; reason: 'guide_not_found' };

/** Every publication of a guide, newest first, with its change note. */
export async function guideHistory(deps: GuideEditingDeps, slug: string): Promise<HistoryResult> {
  const history = await guideVersionHistory(deps.db, slug);
  if (history.length === 0) return { ok: false, reason: 'guide_not_found' };
  const unpublished = (await listUnpublishedGuides(deps.db)).find((entry) => entry.slug === slug) ?? null;
  return { ok: true, editions: editionsOf(history).editions.reverse(), unpublished };
}

/** A side of a comparison: a publication by its number, or the open draft. */
export type DiffSide = number | 'draft';

export type DiffResult = { ok: true; from: DiffSide; to: DiffSide; languages: LanguageDiff[] } | { ok: false; reason: 'guide_not_found' } | { ok: false; reason: 'no_draft' } | { ok: false; reason: 'no_such_edition' };

/** What changed between two publications, or between one and the draft (by default: the newest publication and the draft). */
export async function guideDiff(deps: GuideEditingDeps, slug: string, from: DiffSide | undefined, to: DiffSide | undefined): Promise<DiffResult> {
  const history = await guideVersionHistory(deps.db, slug);
  if (history.length === 0) return { ok: false, reason: 'guide_not_found' };
  const { editions, contentAt } = editionsOf(history);
  const draft = from === 'draft' || to === 'draft' || to === undefined ? await readGuideDraft(deps.db, slug) : undefined;
  const left: DiffSide = from ?? editions.length;
  const right: DiffSide = to ?? (draft ? 'draft' : editions.length);
  const side = (which: DiffSide): Partial<Record<Locale, GuideLanguageContent>> | undefined => {
    if (which === 'draft') return draft?.content;
    return which >= 1 && which <= editions.length ? contentAt(which) : undefined;
  };
  const before = side(left);
  const after = side(right);
  if ((left === 'draft' || right === 'draft') && !draft) return { ok: false, reason: 'no_draft' };
  if (!before || !after) return { ok: false, reason: 'no_such_edition' };
  return { ok: true, from: left, to: right, languages: diffGuide(before, after) };
}

export interface EditorsGuide {
  slug: string;
  titles: Partial<Record<Locale, string>>;
  versions: Partial<Record<Locale, number>>;
  publishedAt: Partial<Record<Locale, string>>;
  /** The Chinese text was published after the English: the English may not say the same any more. */
  englishBehind: boolean;
  draft: { state: EditorialDraft['state']; version: number; updatedAt: string; scheduledAt: string | null } | null;
  unpublished: { redirectTo: string | null; at: string } | null;
}

/** Every guide with where its editing stands, for the editors' list. */
export async function editorsGuides(deps: GuideEditingDeps): Promise<EditorsGuide[]> {
  const [stamps, drafts, unpublished] = await Promise.all([latestVersionStamps(deps.db), listGuideDrafts(deps.db), listUnpublishedGuides(deps.db)]);
  const slugs = [...new Set(stamps.map((stamp) => stamp.slug))].sort();
  return slugs.map((slug) => {
    const of = (lang: Locale) => stamps.find((stamp) => stamp.slug === slug && stamp.lang === lang);
    const zh = of('zh-CN');
    const en = of('en');
    const draft = drafts.find((entry) => entry.slug === slug);
    const gone = unpublished.find((entry) => entry.slug === slug);
    const pick = <V>(value: (stamp: NonNullable<typeof zh>) => V) => Object.fromEntries(LOCALES.flatMap((lang) => (of(lang) ? [[lang, value(of(lang) as NonNullable<typeof zh>)]] : [])));
    return {
      slug,
      titles: pick((stamp) => stamp.title),
      versions: pick((stamp) => stamp.version),
      publishedAt: pick((stamp) => stamp.publishedAt),
      englishBehind: Boolean(zh && (!en || en.publishedAt < zh.publishedAt)),
      draft: draft ? { state: draft.state, version: draft.lockVersion, updatedAt: draft.updatedAt, scheduledAt: draft.scheduledAt } : null,
      unpublished: gone ? { redirectTo: gone.redirectTo, at: gone.unpublishedAt } : null,
    };
  });
}
