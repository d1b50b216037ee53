/**
 * Staff editing and publishing guides (docs/decisions/052): guides are a kind of the editorial
 * engine (api/engine/editorial/, docs/decisions/057), which keeps their drafts and takes them
 * through review to publication. What is the guides' own is here: a draft of both languages opened
 * from the newest published version of each, the address naming the guide in its text, a version
 * written for each changed language with its note, an unpublished guide put back, the `guides`
 * content version bumped in the publishing transaction (so every process's catalogue, page cache and
 * search index follow it); and unpublishing, the history of publications, the diff between any two,
 * and the editors' list.
 */
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../db/audit.repo.ts';
import { bumpContentVersion } from '../db/content-state.repo.ts';
import { clearUnpublished, guideVersionHistory, insertVersion, latestVersionStamps, listUnpublishedGuides, recordUnpublished, type StoredGuideVersion, type UnpublishedGuide } from '../db/guides.repo.ts';
import type { Database } from '../db/schema.ts';
import { editorWarnings, type EditorWarning } from '../domain/guides/editor-checks.ts';
import { checkUnpublish, type EditorialDraft, type Unpublish } from '../domain/content/editorial.ts';
import { diffGuide, GuideContentSchema, type GuideContent, type GuideLanguageContent, type LanguageDiff } from '../domain/guides/guide-diff.ts';
import { renderGuideBody } from '../domain/guides/guide-text.ts';
import { LOCALES, type Locale } from '../domain/guides/guide.schema.ts';
import { serviceTimeLimitsAt } from '../services/guide-time-limits.ts';
import type { ServiceRegistry } from '../services/registry.ts';
import { CONTENT_EDITOR, listDrafts, publishDueDrafts, readDraft, scheduledKind, type EditorialActor, type EditorialDeps, type EditorialKind, type StoredDraft } from '../engine/editorial/editorial-engine.ts';

export { CONTENT_EDITOR };

export interface GuideEditingDeps extends EditorialDeps {
  /** The services this portal runs: a guide for one is checked against its time limits (docs/decisions/060). */
  services?: ServiceRegistry | undefined;
}

/** The published versions a guide's draft was opened from, per language. */
const BaseVersionsSchema = z.record(z.string(), z.number().int());
export type StoredGuideDraft = StoredDraft<GuideContent, Record<string, number>>;

export type UnpublishResult = { ok: true } | { ok: false; reason: 'guide_not_found' } | { ok: false; reason: 'redirect_to_itself' } | { ok: false; reason: 'unknown_redirect' };

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

/** The checks that help the editor (links to guides that do not exist, unmarked figures…): shown beside the fields, never refusing a save. */
export async function draftWarnings(deps: Pick<GuideEditingDeps, 'db' | 'services'>, content: GuideContent): Promise<Record<Locale, EditorWarning[]>> {
  const known = await publishedSlugs(deps.db);
  const limits = (lang: Locale) => (deps.services ? (serviceTimeLimitsAt(deps.services, content[lang].frontmatter.apply.path)?.limits ?? []) : []);
  return { 'zh-CN': editorWarnings(content['zh-CN'], 'zh-CN', known, limits('zh-CN')), en: editorWarnings(content.en, 'en', known, limits('en')) };
}

/** The languages whose text differs from their newest version: only they get a new version. */
function changedLanguages(content: GuideContent, history: readonly StoredGuideVersion[]): Locale[] {
  const latest = latestContent(history);
  return LOCALES.filter((lang) => {
    const before: GuideLanguageContent | undefined = latest?.content[lang];
    return !before || JSON.stringify(before.frontmatter) !== JSON.stringify(content[lang].frontmatter) || before.body !== content[lang].body;
  });
}

/** Guides as a kind of edited content: what the engine asks of them. */
export const guideKind: EditorialKind<GuideContent, Record<string, number>, { languages: Locale[] }> = {
  name: 'guide',
  content: GuideContentSchema,
  base: BaseVersionsSchema,
  checkContent: async (_deps, slug, content) => {
    // The address names the guide: its text cannot move it under another's name.
    for (const lang of LOCALES) content[lang].frontmatter.slug = slug;
    return { ok: true, content };
  },
  published: async (deps, slug) => {
    const latest = latestContent(await guideVersionHistory(deps.db, slug));
    return latest ? { content: latest.content, base: latest.versions } : undefined;
  },
  openDetails: (base) => ({ baseVersions: base }),
  // A changed language, or an unpublished guide that publishing as it was puts back; a publication without either would only clutter the history.
  hasChanges: async (deps, draft) => {
    if (changedLanguages(draft.content, await guideVersionHistory(deps.db, draft.key)).length > 0) return true;
    return (await listUnpublishedGuides(deps.db)).some((entry) => entry.slug === draft.key);
  },
  // Every publication of a guide says what changed (a major one is shown to readers as 更新记录).
  changeNoteRequired: async () => true,
  publish: async (trx, draft, { change, by, at }) => {
    const languages = changedLanguages(draft.content, await guideVersionHistory(trx, draft.key));
    const versions: Partial<Record<Locale, number>> = {};
    for (const lang of languages) {
      const { frontmatter, body } = draft.content[lang];
      versions[lang] = await insertVersion(
        trx,
        { lang, frontmatter, bodyMd: body, bodyHtml: renderGuideBody(body), contentHash: `staff:${at.toISOString()}`, source: 'staff', ...(change ? { change: { note: change.note[lang], kind: change.kind, by } } : {}) },
        at,
      );
    }
    await clearUnpublished(trx, draft.key);
    await bumpContentVersion(trx, 'guides', at);
    return { published: { languages }, details: { versions } };
  },
};

/** The guides' kind as the scheduled pass knows it. */
export const scheduledGuides = scheduledKind(guideKind);

/** The scheduled pass's guides alone (tests; a process runs every kind's in one pass: api/content/editorial-kinds.ts). */
export async function publishDueGuides(deps: GuideEditingDeps): Promise<number> {
  return (await publishDueDrafts(deps, [scheduledGuides])).guide ?? 0;
}

type Actor = EditorialActor;

const audit = (trx: Transaction<Database>, deps: GuideEditingDeps, actor: { id: string }, action: string, slug: string, at: Date, origin: string | null, details: Record<string, unknown>) =>
  appendAudit(trx, deps.kind, { at, actorId: actor.id, actorRole: CONTENT_EDITOR, action, recordType: 'guide', recordId: slug, origin, details });

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
  const draft = from === 'draft' || to === 'draft' || to === undefined ? await readDraft(guideKind, deps, slug) : undefined;
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
  const [stamps, drafts, unpublished] = await Promise.all([latestVersionStamps(deps.db), listDrafts(guideKind, deps), listUnpublishedGuides(deps.db)]);
  const slugs = [...new Set(stamps.map((stamp) => stamp.slug))].sort();
  return slugs.map((slug) => {
    const of = (lang: Locale) => stamps.find((stamp) => stamp.slug === slug && stamp.lang === lang);
    const zh = of('zh-CN');
    const en = of('en');
    const draft = drafts.find((entry) => entry.key === slug);
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
