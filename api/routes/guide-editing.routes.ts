/**
 * Staff editing and publishing guides (docs/decisions/052): the list with each guide's state and
 * flags, its draft (opened from the published versions, saved with the version it was read at),
 * submit, approve (never one's own), send back, publish now, schedule and cancel, unpublish, the
 * history of publications and the diff between any two of them (or the draft). Content editors act;
 * system admins read (docs/access-control.md). Every action is audited in its transaction.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actOnGuideDraft, editorsGuides, guideDiff, guideHistory, openGuideDraft, publishGuideDraft, readDraft, saveGuideDraft, unpublishGuide, type DraftAction, type GuideEditingDeps } from '../content/guide-editing.ts';
import type { StoredGuideDraft } from '../db/guide-drafts.repo.ts';
import { staffNames } from '../db/staff.repo.ts';
import { actionsFor, ChangeKindSchema, ChangeNoteSchema, DRAFT_STATES, UnpublishSchema } from '../domain/content/editorial.ts';
import { EDITOR_WARNING_CODES, type EditorWarning } from '../domain/guides/editor-checks.ts';
import { GuideContentSchema } from '../domain/guides/guide-diff.ts';
import { GuideSlugSchema, type Locale } from '../domain/guides/guide.schema.ts';
import { textLines } from '../domain/text.ts';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { translator, dynamicKey } from '../i18n/index.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Who edits and publishes guides; system admins may read what is going on. */
const EDITORS = ['content-editor'] as const;
const READERS = ['content-editor', 'system-admin'] as const;

const SlugParam = z.object({ slug: GuideSlugSchema.meta({ description: 'The guide name, the same in every language', example: 'minimum-living-allowance' }) });
const LockVersion = z.number().int().min(1).meta({ description: 'The draft’s version this request was made from: a draft changed since is not overwritten (409 `draft_changed`)' });

const WarningView = z.object({ field: z.string(), code: z.enum(EDITOR_WARNING_CODES), detail: z.string(), message: z.string() }).openapi('GuideEditorWarning');
const Content = GuideContentSchema.meta({ id: 'GuideContent' });

const DraftView = z
  .object({
    slug: z.string(),
    state: z.enum(DRAFT_STATES),
    version: z.number().int(),
    content: Content,
    baseVersions: z.record(z.string(), z.number().int()),
    createdBy: z.string(),
    lastChangedBy: z.string(),
    submittedBy: z.string().nullable(),
    approvedBy: z.string().nullable(),
    reviewComment: z.string().nullable(),
    changeNote: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
    changeKind: ChangeKindSchema.nullable(),
    scheduledAt: z.string().nullable(),
    updatedAt: z.string(),
    names: z.record(z.string(), z.string()).meta({ description: 'The display names of the members the draft names, by id' }),
    warnings: z.object({ 'zh-CN': z.array(WarningView), en: z.array(WarningView) }).meta({ description: 'Checks that help the editor: shown beside the fields, never refusing a save' }),
    may: z.object({ save: z.boolean(), submit: z.boolean(), review: z.boolean(), publish: z.boolean(), cancelSchedule: z.boolean() }),
  })
  .openapi('GuideDraft');

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

const getDraft = createRoute({
  method: 'get',
  path: '/staff/guides/{slug}/draft',
  operationId: 'getGuideDraft',
  middleware: requireStaff({ roles: READERS }),
  tags: ['Guide editing'],
  summary: 'The guide’s open draft (both languages), with the checks’ warnings and what the member may do with it',
  request: { params: SlugParam },
  responses: { 200: json(DraftView, 'The draft'), ...readCommon, 404: json(ApiErrorSchema, 'The guide has no open draft'), 422: json(ApiErrorSchema, 'The slug is not valid') },
});

const openDraftRoute = createRoute({
  method: 'post',
  path: '/staff/guides/{slug}/draft',
  operationId: 'openGuideDraft',
  middleware: requireStaff({ roles: EDITORS }),
  tags: ['Guide editing'],
  summary: 'Open the guide’s draft from its published versions (or give the one already open: one draft per guide); audited',
  request: { params: SlugParam },
  responses: {
    200: json(DraftView, 'The draft already open'),
    201: json(DraftView, 'Opened'),
    ...common,
    404: json(ApiErrorSchema, 'No such guide'),
    422: json(ApiErrorSchema, 'The slug is not valid'),
  },
});

const SaveBody = z.object({ version: LockVersion, content: Content }).openapi('GuideDraftSave');

const save = createRoute({
  method: 'put',
  path: '/staff/guides/{slug}/draft',
  operationId: 'saveGuideDraft',
  middleware: requireStaff({ roles: EDITORS }),
  tags: ['Guide editing'],
  summary: 'Save both languages of the draft, checked by the guide’s schema; a change returns a submitted or approved draft to draft (and cancels a schedule); audited',
  request: { params: SlugParam, body: { content: { 'application/json': { schema: SaveBody } }, required: true } },
  responses: {
    200: json(DraftView, 'Saved; the warnings say what to look at again'),
    ...common,
    404: json(ApiErrorSchema, 'The guide has no open draft'),
    409: json(ApiErrorSchema.extend({ currentVersion: z.number().int() }), 'The draft changed since `version` (`draft_changed`): nothing was saved; `currentVersion` is the draft’s version now'),
    422: json(ApiErrorSchema, 'A field is not valid: each field error names it (`content.zh-CN.frontmatter.title`…)'),
  },
});

const VersionBody = z.object({ version: LockVersion }).openapi('GuideDraftVersion');
const SendBackBody = z.object({ version: LockVersion, comment: textLines().trim().min(2).max(1000) }).openapi('GuideDraftSendBack');
const PublishBody = z.object({ version: LockVersion, change: ChangeNoteSchema }).openapi('GuideDraftPublish');
const ScheduleBody = z.object({ version: LockVersion, change: ChangeNoteSchema, at: z.iso.datetime({ offset: true }).meta({ description: 'When to publish, with its offset (China time: +08:00)' }) }).openapi('GuideDraftSchedule');

const stepStatuses = {
  200: json(DraftView, 'Done; the draft as it now is'),
  ...common,
  404: json(ApiErrorSchema, 'The guide has no open draft'),
  409: json(ApiErrorSchema.extend({ currentVersion: z.number().int().optional() }), 'The draft changed since `version` (`draft_changed`, with `currentVersion`), or its state does not allow this (`wrong_state`)'),
  422: json(ApiErrorSchema, 'A field is not valid'),
};

function stepRoute<S extends z.ZodType, X extends Record<number, ReturnType<typeof json>>>(path: string, operationId: string, summary: string, schema: S, extra?: X) {
  return createRoute({
    method: 'post',
    path: `/staff/guides/{slug}/draft/${path}`,
    operationId,
    middleware: requireStaff({ roles: EDITORS }),
    tags: ['Guide editing'],
    summary,
    request: { params: SlugParam, body: { content: { 'application/json': { schema } }, required: true } },
    responses: { ...stepStatuses, ...(extra ?? ({} as X)) },
  });
}

const submit = stepRoute('submit', 'submitGuideDraft', 'Submit the draft for review by a second editor; audited', VersionBody);
const approve = stepRoute('approve', 'approveGuideDraft', 'Approve a submitted draft: refused (403 `self_approval`) to whoever last changed or submitted it; audited', VersionBody, {
  403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`), or the reviewer’s own draft (`self_approval`)'),
});
const sendBack = stepRoute('send-back', 'sendBackGuideDraft', 'Return a submitted draft to its author with a comment; audited', SendBackBody, {
  403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`), or the reviewer’s own draft (`self_approval`)'),
});
const schedule = stepRoute('schedule', 'scheduleGuideDraft', 'Schedule an approved draft to be published at a moment, with its change note; a process publishes it within 30 seconds of that moment, once; audited', ScheduleBody);
const cancel = stepRoute('cancel-schedule', 'cancelGuideSchedule', 'Cancel a scheduled publication: the draft is approved again; audited', VersionBody);

const publish = createRoute({
  method: 'post',
  path: '/staff/guides/{slug}/draft/publish',
  operationId: 'publishGuideDraft',
  middleware: requireStaff({ roles: EDITORS }),
  tags: ['Guide editing'],
  summary: 'Publish an approved draft now: each language whose text changed gets a version with the change note; the public page, the catalogue and search follow at once in this process and within the content check in every other; audited',
  request: { params: SlugParam, body: { content: { 'application/json': { schema: PublishBody } }, required: true } },
  responses: {
    200: json(z.object({ slug: z.string(), languages: z.array(z.string()) }).openapi('GuidePublished'), 'Published: the languages that got a new version'),
    ...common,
    404: json(ApiErrorSchema, 'The guide has no open draft'),
    409: json(ApiErrorSchema.extend({ currentVersion: z.number().int().optional() }), 'The draft changed since `version` (`draft_changed`), is not approved (`wrong_state`), or says what is published already (`no_changes`)'),
    422: json(ApiErrorSchema, 'A field is not valid'),
  },
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

async function draftView(c: Context<StaffEnv>, draft: StoredGuideDraft, warnings: Record<Locale, EditorWarning[]>): Promise<z.infer<typeof DraftView>> {
  const t = translator(requestLocale(c));
  const names = await staffNames(c.get('deps').database.db, [draft.createdBy, draft.lastChangedBy, draft.submittedBy, draft.approvedBy].filter((id): id is string => Boolean(id)));
  const say = (warning: EditorWarning) => ({ ...warning, message: t(dynamicKey`guideEditor.warnings.${warning.code}`, { detail: warning.detail }) });
  const member = c.get('staff');
  const may = member.roles.includes('content-editor') ? actionsFor(draft, member.id) : { save: false, submit: false, review: false, publish: false, cancelSchedule: false };
  return {
    slug: draft.slug,
    state: draft.state,
    version: draft.lockVersion,
    content: draft.content,
    baseVersions: draft.baseVersions,
    createdBy: draft.createdBy,
    lastChangedBy: draft.lastChangedBy,
    submittedBy: draft.submittedBy,
    approvedBy: draft.approvedBy,
    reviewComment: draft.reviewComment,
    changeNote: draft.changeNote,
    changeKind: draft.changeKind,
    scheduledAt: draft.scheduledAt,
    updatedAt: draft.updatedAt,
    names,
    warnings: { 'zh-CN': warnings['zh-CN'].map(say), en: warnings.en.map(say) },
    may,
  };
}

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
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'no-store');
    const guides = await editorsGuides(editingDeps(c));
    return c.json({ guides: guides.map((guide) => ({ ...guide, titles: guide.titles as Record<string, string>, versions: guide.versions as Record<string, number>, publishedAt: guide.publishedAt as Record<string, string> })) }, 200);
  })
  .openapi(getDraft, async (c) => {
    c.header('Cache-Control', 'no-store');
    const found = await readDraft(editingDeps(c), c.req.valid('param').slug);
    if (!found.ok) return refuse(c, 'guideDraftRead', { reason: 'no_draft' });
    return c.json(await draftView(c, found.draft, found.warnings), 200);
  })
  .openapi(openDraftRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const opened = await openGuideDraft(editingDeps(c), actor(c), c.req.valid('param').slug);
    if (!opened.ok) return refuse(c, 'guideDraftRead', { reason: opened.reason === 'guide_not_found' ? 'guide_not_found' : 'no_draft' });
    return c.json(await draftView(c, opened.draft, opened.warnings), opened.created ? 201 : 200);
  })
  .openapi(save, async (c) => {
    c.header('Cache-Control', 'no-store');
    const saved = await saveGuideDraft(editingDeps(c), actor(c), c.req.valid('param').slug, c.req.valid('json'));
    if (!saved.ok) return refuse(c, 'guideDraftStep', saved);
    return c.json(await draftView(c, saved.draft, saved.warnings), 200);
  })
  .openapi(submit, async (c) => stepAnswer(c, { action: 'submit' }, c.req.valid('json').version))
  .openapi(approve, async (c) => stepAnswer(c, { action: 'approve' }, c.req.valid('json').version))
  .openapi(sendBack, async (c) => {
    const body = c.req.valid('json');
    return stepAnswer(c, { action: 'send-back', comment: body.comment }, body.version);
  })
  .openapi(schedule, async (c) => {
    const body = c.req.valid('json');
    return stepAnswer(c, { action: 'schedule', at: new Date(body.at), change: body.change }, body.version);
  })
  .openapi(cancel, async (c) => stepAnswer(c, { action: 'cancel-schedule' }, c.req.valid('json').version))
  .openapi(publish, async (c) => {
    c.header('Cache-Control', 'no-store');
    const slug = c.req.valid('param').slug;
    const body = c.req.valid('json');
    const published = await publishGuideDraft(editingDeps(c), actor(c), slug, body.version, body.change);
    if (!published.ok) return refuse(c, 'guideDraftStep', published);
    return c.json({ slug, languages: published.versions }, 200);
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

/** Answers one lifecycle step: the draft, or the refusal the table gives its reason. */
async function stepAnswer(c: Context<StaffEnv>, action: DraftAction, version: number) {
  c.header('Cache-Control', 'no-store');
  const done = await actOnGuideDraft(editingDeps(c), actor(c), c.req.param('slug') ?? '', version, action);
  if (!done.ok) return refuse(c, 'guideDraftStep', done);
  return c.json(await draftView(c, done.draft, done.warnings), 200);
}

/** The answers' shapes, for the staff pages (site/lib/guide-editing.ts). */
export type GuideDraftView = z.infer<typeof DraftView>;
export type EditorsGuidesView = z.infer<typeof ListView>;
export type GuideHistoryView = z.infer<typeof HistoryView>;
export type GuideDiffView = z.infer<typeof DiffView>;
