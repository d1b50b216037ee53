/**
 * Staff editing and publishing guides (docs/decisions/052): the list with each guide's state and
 * flags, its draft (opened from the published versions, saved with the version it was read at),
 * submit, approve (never one's own), send back, publish now, schedule and cancel, unpublish, the
 * history of publications and the diff between any two of them (or the draft). Content editors act;
 * system admins read (docs/access-control.md). Every action is audited in its transaction.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { draftWarnings, editorsGuides, guideDiff, guideHistory, guideKind, unpublishGuide, type GuideEditingDeps } from '../content/guide-editing.ts';
import { ChangeKindSchema, ChangeNoteSchema, DRAFT_STATES, UnpublishSchema } from '../domain/content/editorial.ts';
import { EDITOR_WARNING_CODES, type EditorWarning } from '../domain/guides/editor-checks.ts';
import { GuideContentSchema } from '../domain/guides/guide-diff.ts';
import { GuideSlugSchema } from '../domain/guides/guide.schema.ts';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { translator, dynamicKey } from '../i18n/index.ts';
import { editorialDraftRoutes } from './editorial-draft.routes.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Who edits and publishes guides; system admins may read what is going on. */
const EDITORS = ['content-editor'] as const;
const READERS = ['content-editor', 'system-admin'] as const;

const SlugParam = z.object({ slug: GuideSlugSchema.meta({ description: 'The guide name, the same in every language', example: 'minimum-living-allowance' }) });

const WarningView = z.object({ field: z.string(), code: z.enum(EDITOR_WARNING_CODES), detail: z.string(), message: z.string() }).openapi('GuideEditorWarning');
const Content = GuideContentSchema.meta({ id: 'GuideContent' });

const ListView = z
  .object({
    guides: z.array(
      z.object({
        slug: z.string(),
        titles: z.record(z.string(), z.string()),
        versions: z.record(z.string(), z.number().int()),
        publishedAt: z.record(z.string(), z.string()),
        englishBehind: z.boolean().meta({ description: 'The Chinese text was published after the English one' }),
        draft: z.object({ state: z.enum(DRAFT_STATES), version: z.number().int(), updatedAt: z.string(), scheduledAt: z.string().nullable() }).nullable(),
        unpublished: z.object({ redirectTo: z.string().nullable(), at: z.string() }).nullable(),
      }),
    ),
  })
  .openapi('EditorsGuides');

const HistoryView = z
  .object({
    slug: z.string(),
    editions: z.array(
      z.object({
        number: z.number().int(),
        publishedAt: z.string(),
        source: z.string(),
        publishedBy: z.string().nullable(),
        changeKind: ChangeKindSchema.nullable(),
        changeNote: z.record(z.string(), z.string()),
        languages: z.array(z.string()),
        versions: z.record(z.string(), z.number().int()),
      }),
    ),
    unpublished: z.object({ redirectTo: z.string().nullable(), notice: z.record(z.string(), z.string()).nullable(), reason: z.string(), at: z.string() }).nullable(),
  })
  .openapi('GuideHistory');

const DiffPart = z.object({ value: z.string(), change: z.enum(['same', 'added', 'removed']) });
const DiffView = z
  .object({
    from: z.union([z.number().int(), z.literal('draft')]),
    to: z.union([z.number().int(), z.literal('draft')]),
    languages: z.array(z.object({ lang: z.string(), fields: z.array(z.object({ field: z.string(), lines: z.array(z.object({ change: z.enum(['same', 'added', 'removed', 'changed']), parts: z.array(DiffPart) })) })) })),
  })
  .openapi('GuideDiff');

const Side = z
  .string()
  .regex(/^(?:draft|[1-9]\d{0,5})$/)
  .optional()
  .meta({ description: 'A publication’s number (1 the first) or `draft`' });

const common = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`)') };
const readCommon = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Neither a content editor nor a system admin') };

const list = createRoute({
  method: 'get',
  path: '/staff/guides',
  operationId: 'listEditorsGuides',
  middleware: requireStaff({ roles: READERS }),
  tags: ['Guide editing'],
  summary: 'Every guide with its versions, whether its English is older than its Chinese, its draft’s state and whether it is unpublished',
  responses: { 200: json(ListView, 'The guides'), ...readCommon },
});

const unpublish = createRoute({
  method: 'post',
  path: '/staff/guides/{slug}/unpublish',
  operationId: 'unpublishGuide',
  middleware: requireStaff({ roles: EDITORS }),
  tags: ['Guide editing'],
  summary: 'Take a guide off the site with a reason: readers are sent to another guide (301), or see a notice at its address (410); publishing it again puts it back; audited',
  request: { params: SlugParam, body: { content: { 'application/json': { schema: UnpublishSchema.meta({ id: 'GuideUnpublish' }) } }, required: true } },
  responses: {
    200: json(HistoryView, 'Unpublished; the guide’s history'),
    ...common,
    404: json(ApiErrorSchema, 'No such guide'),
    422: json(ApiErrorSchema, 'A field is not valid: the redirect leads nowhere or to the guide itself, or neither a redirect nor a notice is given'),
  },
});

const history = createRoute({
  method: 'get',
  path: '/staff/guides/{slug}/history',
  operationId: 'getGuideHistory',
  middleware: requireStaff({ roles: READERS }),
  tags: ['Guide editing'],
  summary: 'Every publication of the guide, newest first: when, by whom, the change note and its kind, the languages it changed',
  request: { params: SlugParam },
  responses: { 200: json(HistoryView, 'The history'), ...readCommon, 404: json(ApiErrorSchema, 'No such guide'), 422: json(ApiErrorSchema, 'The slug is not valid') },
});

const diff = createRoute({
  method: 'get',
  path: '/staff/guides/{slug}/diff',
  operationId: 'getGuideDiff',
  middleware: requireStaff({ roles: READERS }),
  tags: ['Guide editing'],
  summary: 'What changed between two publications, or a publication and the draft, in both languages: each changed field line by line, the words of a changed line marked (by default the newest publication against the draft)',
  request: { params: SlugParam, query: z.object({ from: Side, to: Side }) },
  responses: { 200: json(DiffView, 'The differences'), ...readCommon, 404: json(ApiErrorSchema, 'No such guide, publication or draft'), 422: json(ApiErrorSchema, 'A parameter is not valid') },
});

function editingDeps<E extends ApiEnv>(c: Context<E>): GuideEditingDeps {
  const deps = c.get('deps');
  return { db: deps.database.db, kind: deps.database.kind, now: deps.now, contentVersion: deps.contentVersion, services: deps.services };
}

const actor = (c: Context<StaffEnv>) => ({ member: c.get('staff'), origin: clientAddress(c) });

/** The draft operations guides share with every kind of edited content (docs/decisions/057), at the guides' addresses. */
const drafts = editorialDraftRoutes({
  kind: guideKind,
  deps: editingDeps,
  path: '/staff/guides/{slug}',
  param: { name: 'slug', schema: SlugParam.shape.slug },
  noun: 'Guide',
  tag: 'Guide editing',
  words: { notFound: { code: 'guide_not_found', message: 'errors.guideEditor.guideNotFound' }, noDraft: 'errors.guideEditor.noDraft', noChanges: 'errors.guideEditor.noChanges' },
  content: Content,
  view: {
    shape: {
      slug: z.string(),
      baseVersions: z.record(z.string(), z.number().int()),
      warnings: z.object({ 'zh-CN': z.array(WarningView), en: z.array(WarningView) }).meta({ description: 'Checks that help the editor: shown beside the fields, never refusing a save' }),
    },
    build: async (c, draft) => {
      const t = translator(requestLocale(c));
      const warnings = await draftWarnings(editingDeps(c), draft.content);
      const say = (warning: EditorWarning) => ({ ...warning, message: t(dynamicKey`guideEditor.warnings.${warning.code}`, { detail: warning.detail }) });
      return { slug: draft.key, baseVersions: draft.base, warnings: { 'zh-CN': warnings['zh-CN'].map(say), en: warnings.en.map(say) } };
    },
  },
  change: ChangeNoteSchema,
  published: { schema: z.object({ slug: z.string(), languages: z.array(z.string()) }).openapi('GuidePublished'), answer: (slug, published) => ({ slug, languages: published.languages }) },
  summaries: {
    open: 'Open the guide’s draft from its published versions (or give the one already open: one draft per guide); audited',
    save: 'Save both languages of the draft, checked by the guide’s schema; a change returns a submitted or approved draft to draft (and cancels a schedule); audited',
    schedule: 'Schedule an approved draft to be published at a moment, with its change note; a process publishes it within 30 seconds of that moment, once; audited',
    publish: 'Publish an approved draft now: each language whose text changed gets a version with the change note; the public page, the catalogue and search follow at once in this process and within the content check in every other; audited',
    notFound: 'No such guide',
    noDraft: 'The guide has no open draft',
    invalidContent: 'A field is not valid: each field error names it (`content.zh-CN.frontmatter.title`…)',
  },
});

async function historyView(c: Context<StaffEnv>, slug: string) {
  const found = await guideHistory(editingDeps(c), slug);
  if (!found.ok) return found;
  const u = found.unpublished;
  return {
    ok: true as const,
    view: {
      slug,
      editions: found.editions.map((edition) => ({ ...edition, changeNote: edition.changeNote as Record<string, string>, versions: edition.versions as Record<string, number> })),
      unpublished: u ? { redirectTo: u.redirectTo, notice: u.notice, reason: u.reason, at: u.unpublishedAt } : null,
    },
  };
}

const side = (value: string | undefined): number | 'draft' | undefined => (value === undefined ? undefined : value === 'draft' ? 'draft' : Number(value));

export const guideEditingRoutes = new OpenAPIHono<ApiEnv>()
  .route('/', drafts.routes)
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'no-store');
    const guides = await editorsGuides(editingDeps(c));
    return c.json({ guides: guides.map((guide) => ({ ...guide, titles: guide.titles as Record<string, string>, versions: guide.versions as Record<string, number>, publishedAt: guide.publishedAt as Record<string, string> })) }, 200);
  })
  .openapi(unpublish, async (c) => {
    c.header('Cache-Control', 'no-store');
    const slug = c.req.valid('param').slug;
    const done = await unpublishGuide(editingDeps(c), actor(c), slug, c.req.valid('json'));
    if (!done.ok) return refuse(c, 'guideUnpublish', done);
    const view = await historyView(c, slug);
    if (!view.ok) return refuse(c, 'guideUnpublish', { ok: false, reason: 'guide_not_found' });
    return c.json(view.view, 200);
  })
  .openapi(history, async (c) => {
    c.header('Cache-Control', 'no-store');
    const view = await historyView(c, c.req.valid('param').slug);
    if (!view.ok) return refuse(c, 'guideDraftRead', { reason: 'guide_not_found' });
    return c.json(view.view, 200);
  })
  .openapi(diff, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { from, to } = c.req.valid('query');
    const found = await guideDiff(editingDeps(c), c.req.valid('param').slug, side(from), side(to));
    if (!found.ok) return refuse(c, 'guideDiff', found);
    return c.json({ from: found.from, to: found.to, languages: found.languages }, 200);
  });

/** The answers' shapes, for the staff pages (site/lib/guide-editing.ts). */
export type GuideDraftView = z.infer<typeof drafts.DraftView>;
export type EditorsGuidesView = z.infer<typeof ListView>;
export type GuideHistoryView = z.infer<typeof HistoryView>;
export type GuideDiffView = z.infer<typeof DiffView>;
