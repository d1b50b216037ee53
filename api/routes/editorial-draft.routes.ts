/**
 * The draft operations every kind of edited content shares (the editorial engine,
 * docs/decisions/057), made once and mounted for each kind at its own address: the draft (GET),
 * opening it from what is published (POST), saving it with the version it was read at (PUT),
 * submit, approve (never one's own), send back, schedule, cancel a schedule, publish now, and
 * discarding it (DELETE). Content editors act; system admins read (docs/access-control.md). Every
 * refusal is answered by the one table (api/http/refusals.ts, `editorialDraft`), in the kind's words.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { staffNames } from '../db/staff.repo.ts';
import { actionsFor, ChangeKindSchema, DRAFT_STATES, type ChangeNote } from '../domain/content/editorial.ts';
import { textLines } from '../domain/text.ts';
import { actOnDraft, discardDraft, openPublishedDraft, publishNow, readDraft, saveDraft, type DraftAction, type EditorialDeps, type EditorialKind, type StoredDraft } from '../engine/editorial/editorial-engine.ts';
import { ApiErrorSchema } from '../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse, type EditorialWords } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Who edits and publishes; system admins may read what is going on. */
const EDITORS = ['content-editor'] as const;
const READERS = ['content-editor', 'system-admin'] as const;

const LockVersion = z.number().int().min(1).meta({ description: 'The draft’s version this request was made from: a draft changed since is not overwritten (409 `draft_changed`)' });

/** What every kind's draft view says of the lifecycle, beside the kind's own fields. */
const LIFECYCLE_VIEW = {
  state: z.enum(DRAFT_STATES),
  version: z.number().int(),
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
  may: z.object({ save: z.boolean(), submit: z.boolean(), review: z.boolean(), publish: z.boolean(), cancelSchedule: z.boolean(), discard: z.boolean() }),
};

export interface EditorialRoutesOptions<C, B, P, D extends EditorialDeps, Own extends z.ZodRawShape, Published extends z.ZodType, Content extends z.ZodType> {
  kind: EditorialKind<C, B, P, D>;
  deps: (c: Context<StaffEnv>) => D;
  /** The piece's address, its parameter named as the kind names it: `/staff/guides/{slug}`. */
  path: string;
  param: { name: string; schema: z.ZodType<string> };
  /** Names the operations and schemas: `Guide` → getGuideDraft, GuideDraft… */
  noun: string;
  tag: string;
  words: EditorialWords;
  /** The kind's content schema, as the API documents it. */
  content: Content;
  /** The kind's own fields of the draft view (its key, its base, warnings) and how they are made. */
  view: { shape: Own; build: (c: Context<StaffEnv>, draft: StoredDraft<C, B>) => Promise<z.infer<z.ZodObject<Own>>> };
  /** The change note a publication takes: required, or optional (a first publication has none). */
  change: z.ZodType<ChangeNote | null | undefined>;
  published: { schema: Published; answer: (key: string, published: P) => z.infer<Published> };
  /** What the kind's operations say of it, where its words differ. */
  summaries: { open: string; save: string; schedule: string; publish: string; notFound: string; noDraft: string; invalidContent: string };
}

/** The shared draft operations of one kind, and its draft view (for the kind's own routes: a new notice answers its draft). */
export function editorialDraftRoutes<C, B, P, D extends EditorialDeps, Own extends z.ZodRawShape, Published extends z.ZodType, Content extends z.ZodType>(options: EditorialRoutesOptions<C, B, P, D, Own, Published, Content>) {
  const { kind, noun, tag, words, summaries } = options;
  const Params = z.object({ [options.param.name]: options.param.schema });
  const DraftView = z
    .object({ ...options.view.shape, ...LIFECYCLE_VIEW, content: options.content })
    .openapi(`${noun}Draft`);
  const common = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`)') };
  const readCommon = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Neither a content editor nor a system admin') };
  const changed = json(ApiErrorSchema.extend({ currentVersion: z.number().int().optional() }), 'The draft changed since `version` (`draft_changed`, with `currentVersion`), its state does not allow this (`wrong_state`), or it would publish nothing new (`no_changes`)');
  const key = (c: Context) => c.req.param(options.param.name) ?? '';
  const actor = (c: Context<StaffEnv>) => ({ member: c.get('staff'), origin: clientAddress(c) });

  async function draftView(c: Context<StaffEnv>, draft: StoredDraft<C, B>): Promise<z.infer<typeof DraftView>> {
    const names = await staffNames(c.get('deps').database.db, [draft.createdBy, draft.lastChangedBy, draft.submittedBy, draft.approvedBy].filter((id): id is string => Boolean(id)));
    const member = c.get('staff');
    const editor = member.roles.includes('content-editor');
    const may = editor ? { ...actionsFor(draft, member.id), discard: true } : { save: false, submit: false, review: false, publish: false, cancelSchedule: false, discard: false };
    const lifecycle = {
      state: draft.state,
      version: draft.lockVersion,
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
      may,
    };
    return { ...(await options.view.build(c, draft)), ...lifecycle, content: draft.content } as z.infer<typeof DraftView>;
  }

  const getDraft = createRoute({
    method: 'get',
    path: `${options.path}/draft`,
    operationId: `get${noun}Draft`,
    middleware: requireStaff({ roles: READERS }),
    tags: [tag],
    summary: `The ${noun.toLowerCase()}’s open draft and what the member may do with it`,
    request: { params: Params },
    responses: { 200: json(DraftView, 'The draft'), ...readCommon, 404: json(ApiErrorSchema, summaries.noDraft), 422: json(ApiErrorSchema, 'The address is not valid') },
  });

  const open = createRoute({
    method: 'post',
    path: `${options.path}/draft`,
    operationId: `open${noun}Draft`,
    middleware: requireStaff({ roles: EDITORS }),
    tags: [tag],
    summary: summaries.open,
    request: { params: Params },
    responses: { 200: json(DraftView, 'The draft already open'), 201: json(DraftView, 'Opened'), ...common, 404: json(ApiErrorSchema, summaries.notFound), 422: json(ApiErrorSchema, 'The address is not valid') },
  });

  // Documented as the kind's schema; read as unknown here, since the kind's schema checks it again on saving (with what only the kind knows).
  const savedContent: z.ZodType<unknown> = options.content;
  const save = createRoute({
    method: 'put',
    path: `${options.path}/draft`,
    operationId: `save${noun}Draft`,
    middleware: requireStaff({ roles: EDITORS }),
    tags: [tag],
    summary: summaries.save,
    request: { params: Params, body: { content: { 'application/json': { schema: z.object({ version: LockVersion, content: savedContent }).openapi(`${noun}DraftSave`) } }, required: true } },
    responses: {
      200: json(DraftView, 'Saved'),
      ...common,
      404: json(ApiErrorSchema, summaries.noDraft),
      409: json(ApiErrorSchema.extend({ currentVersion: z.number().int().optional() }), 'The draft changed since `version` (`draft_changed`): nothing was saved; `currentVersion` is the draft’s version now'),
      422: json(ApiErrorSchema, summaries.invalidContent),
    },
  });

  const VersionBody = z.object({ version: LockVersion }).openapi(`${noun}DraftVersion`);
  const SendBackBody = z.object({ version: LockVersion, comment: textLines().trim().min(2).max(1000) }).openapi(`${noun}DraftSendBack`);
  const PublishBody = z.object({ version: LockVersion, change: options.change }).openapi(`${noun}DraftPublish`);
  const ScheduleBody = z.object({ version: LockVersion, change: options.change, at: z.iso.datetime({ offset: true }).meta({ description: 'When to publish, with its offset (China time: +08:00)' }) }).openapi(`${noun}DraftSchedule`);
  const stepStatuses = { 200: json(DraftView, 'Done; the draft as it now is'), ...common, 404: json(ApiErrorSchema, summaries.noDraft), 409: changed, 422: json(ApiErrorSchema, 'A field is not valid') };
  const reviewerRefusals = { 403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`), or the reviewer’s own draft (`self_approval`)') };

  const stepRoute = <S extends z.ZodType>(step: string, operationId: string, summary: string, schema: S, forbidden = common[403]) =>
    createRoute({
      method: 'post',
      path: `${options.path}/draft/${step}`,
      operationId,
      middleware: requireStaff({ roles: EDITORS }),
      tags: [tag],
      summary,
      request: { params: Params, body: { content: { 'application/json': { schema } }, required: true } },
      responses: { ...stepStatuses, 403: forbidden },
    });

  const submit = stepRoute('submit', `submit${noun}Draft`, 'Submit the draft for review by a second editor; audited', VersionBody);
  const approve = stepRoute('approve', `approve${noun}Draft`, 'Approve a submitted draft: refused (403 `self_approval`) to whoever last changed or submitted it; audited', VersionBody, reviewerRefusals[403]);
  const sendBack = stepRoute('send-back', `sendBack${noun}Draft`, 'Return a submitted draft to its author with a comment; audited', SendBackBody, reviewerRefusals[403]);
  const schedule = stepRoute('schedule', `schedule${noun}Draft`, summaries.schedule, ScheduleBody);
  const cancel = stepRoute('cancel-schedule', `cancel${noun}Schedule`, 'Cancel a scheduled publication: the draft is approved again; audited', VersionBody);

  const publish = createRoute({
    method: 'post',
    path: `${options.path}/draft/publish`,
    operationId: `publish${noun}Draft`,
    middleware: requireStaff({ roles: EDITORS }),
    tags: [tag],
    summary: summaries.publish,
    request: { params: Params, body: { content: { 'application/json': { schema: PublishBody } }, required: true } },
    responses: {
      200: json(options.published.schema, 'Published'),
      ...common,
      404: json(ApiErrorSchema, summaries.noDraft),
      409: json(ApiErrorSchema.extend({ currentVersion: z.number().int().optional() }), 'The draft changed since `version` (`draft_changed`), is not approved (`wrong_state`), or says what is published already (`no_changes`)'),
      422: json(ApiErrorSchema, 'A field is not valid (a publication that must say what it changed without its change note: `change_note_required`)'),
    },
  });

  const discard = createRoute({
    method: 'delete',
    path: `${options.path}/draft`,
    operationId: `discard${noun}Draft`,
    middleware: requireStaff({ roles: EDITORS }),
    tags: [tag],
    summary: `Discard the draft as it was at \`version\`: what is published stays as it is, and a ${noun.toLowerCase()} never published is gone; audited`,
    request: { params: Params, query: z.object({ version: z.coerce.number().int().min(1).meta({ description: 'The draft’s version the editor saw: a draft changed since is not discarded (409 `draft_changed`)' }) }) },
    responses: {
      204: { description: 'Discarded' },
      ...common,
      404: json(ApiErrorSchema, summaries.noDraft),
      409: json(ApiErrorSchema.extend({ currentVersion: z.number().int() }), 'The draft changed since `version` (`draft_changed`): nothing was discarded; `currentVersion` is the draft’s version now'),
      422: json(ApiErrorSchema, 'The address or version is not valid'),
    },
  });

  async function stepAnswer(c: Context<StaffEnv>, action: DraftAction, version: number) {
    c.header('Cache-Control', 'no-store');
    const done = await actOnDraft(kind, options.deps(c), actor(c), key(c), version, action);
    if (!done.ok) return refuse(c, 'editorialDraft', { ...done, words });
    return c.json(await draftView(c, done.draft), 200);
  }
  const changeOf = (change: ChangeNote | null | undefined): ChangeNote | null => change ?? null;

  const routes = new OpenAPIHono<ApiEnv>()
    .openapi(getDraft, async (c) => {
      c.header('Cache-Control', 'no-store');
      const found = await readDraft(kind, options.deps(c), key(c));
      if (!found) return refuse(c, 'editorialDraft', { ok: false, reason: 'no_draft', words });
      return c.json(await draftView(c, found), 200);
    })
    .openapi(open, async (c) => {
      c.header('Cache-Control', 'no-store');
      const opened = await openPublishedDraft(kind, options.deps(c), actor(c), key(c));
      if (!opened.ok) return refuse(c, 'editorialDraft', { ok: false, reason: opened.reason === 'not_found' ? 'not_found' : 'no_draft', words });
      return c.json(await draftView(c, opened.draft), opened.created ? 201 : 200);
    })
    .openapi(save, async (c) => {
      c.header('Cache-Control', 'no-store');
      const body = c.req.valid('json');
      const saved = await saveDraft(kind, options.deps(c), actor(c), key(c), body);
      if (!saved.ok) return refuse(c, 'editorialDraft', { ...saved, words });
      return c.json(await draftView(c, saved.draft), 200);
    })
    .openapi(submit, async (c) => stepAnswer(c, { action: 'submit' }, c.req.valid('json').version))
    .openapi(approve, async (c) => stepAnswer(c, { action: 'approve' }, c.req.valid('json').version))
    .openapi(sendBack, async (c) => {
      const body = c.req.valid('json');
      return stepAnswer(c, { action: 'send-back', comment: body.comment }, body.version);
    })
    .openapi(schedule, async (c) => {
      const body = c.req.valid('json');
      return stepAnswer(c, { action: 'schedule', at: new Date(body.at), change: changeOf(body.change) }, body.version);
    })
    .openapi(cancel, async (c) => stepAnswer(c, { action: 'cancel-schedule' }, c.req.valid('json').version))
    .openapi(publish, async (c) => {
      c.header('Cache-Control', 'no-store');
      const body = c.req.valid('json');
      const published = await publishNow(kind, options.deps(c), actor(c), key(c), body.version, changeOf(body.change));
      if (!published.ok) return refuse(c, 'editorialDraft', { ...published, words });
      return c.json(options.published.answer(key(c), published.published), 200);
    })
    .openapi(discard, async (c) => {
      c.header('Cache-Control', 'no-store');
      const done = await discardDraft(kind, options.deps(c), actor(c), key(c), c.req.valid('query').version);
      if (!done.ok) return refuse(c, 'editorialDraft', { ...done, words });
      return c.body(null, 204);
    });

  return { routes, draftView, DraftView };
}
