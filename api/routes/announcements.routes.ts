/**
 * Notices (通知公告, docs/decisions/056), under `/announcements` (the relief boards' 公示 keep
 * `/notices/{place}`). Public: the published notices, newest 发布日期 first, a page at a time
 * (filtered by an office or a service for their pages), and one notice (410 with its note once
 * withdrawn). Staff (content editors act, system admins read: docs/access-control.md): the list,
 * a new notice's draft, a published one's draft to correct it, save, submit, approve (never one's
 * own), send back, publish now or schedule, cancel a schedule, the diff for the reviewer, withdraw.
 */
import { randomBytes } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createNotice, editorsNotices, noticeDraftDiff, noticeHistory, noticeKind, publicNotice, publishedNotices, withdrawNotice, type NoticeDeps } from '../content/notices.ts';
import type { PublishedNoticeRow } from '../db/notices.repo.ts';
import { ChangeKindSchema, ChangeNoteSchema, DRAFT_STATES } from '../domain/content/editorial.ts';
import { GuideSlugSchema, LocaleSchema } from '../domain/guides/guide.schema.ts';
import { NoticeContentSchema, NoticeIdSchema, noticeTextFor, WithdrawNoticeSchema } from '../domain/notices/notice.ts';
import { textLine } from '../domain/text.ts';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv, StaffEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { refuse } from '../http/refusals.ts';
import { requireStaff } from '../http/require-staff.ts';
import { editorialDraftRoutes } from './editorial-draft.routes.ts';
import { funeralHome } from '../services/funeral/homes.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const EDITORS = ['content-editor'] as const;
const READERS = ['content-editor', 'system-admin'] as const;
const TAG = 'Notices';

const IdParam = z.object({ id: NoticeIdSchema.meta({ description: 'The notice’s id: its day and four letters or digits' }) });

/** A published notice as readers get it, in their language (the Chinese while the English is missing). */
const PublicNoticeView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    lang: LocaleSchema.meta({ description: 'The language of the text: zh-CN when English was asked for and the notice has none yet' }),
    title: z.string(),
    body: z.string(),
    publisher: z.string().meta({ description: '发布机构' }),
    date: z.string().meta({ description: '发布日期 (YYYY-MM-DD)' }),
    indexNumber: z.string().nullable().meta({ description: '索引号, where the bureau numbers its publications' }),
    office: z.string().nullable(),
    service: z.string().nullable(),
    example: z.boolean(),
    firstPublishedAt: z.string(),
    updatedAt: z.string(),
    languageUpdatedAt: z.object({ 'zh-CN': z.string(), en: z.string().nullable() }).meta({ description: 'When each language’s text last changed: the English page says when its text is older' }),
  })
  .openapi('Notice');

const PageView = z
  .object({ page: z.number().int(), perPage: z.number().int(), total: z.number().int(), notices: z.array(PublicNoticeView) })
  .openapi('NoticePage');

const ListQuery = z.object({
  lang: LocaleSchema.optional().meta({ description: 'zh-CN (default) or en' }),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  perPage: z.coerce.number().int().min(1).max(50).optional(),
  office: textLine().trim().min(1).max(60).optional().meta({ description: 'Only the notices tied to this registry office or funeral home' }),
  service: GuideSlugSchema.optional().meta({ description: 'Only the notices tied to this service (its guide’s name)' }),
});

const list = createRoute({
  method: 'get',
  path: '/announcements',
  operationId: 'listNotices',
  tags: [TAG],
  summary: 'Published notices (通知公告), newest 发布日期 first, a page at a time; withdrawn ones are left out',
  request: { query: ListQuery },
  responses: { 200: json(PageView, 'A page of notices'), 422: json(ApiErrorSchema, 'A parameter is not valid') },
});

const one = createRoute({
  method: 'get',
  path: '/announcements/{id}',
  operationId: 'getNotice',
  tags: [TAG],
  summary: 'One published notice with its 政府信息公开 metadata; a withdrawn one answers 410 with its note',
  request: { params: IdParam, query: z.object({ lang: LocaleSchema.optional() }) },
  responses: {
    200: json(PublicNoticeView, 'The notice'),
    404: json(ApiErrorSchema, 'No such notice'),
    410: json(ApiErrorSchema.extend({ withdrawn: z.object({ at: z.string(), note: z.string().nullable(), lang: LocaleSchema }) }), 'Withdrawn (`notice_withdrawn`): when, and the note in the language asked for (`lang` says which: the Chinese when there is no English note)'),
    422: json(ApiErrorSchema, 'The id is not valid'),
  },
});

const EditorsView = z
  .object({
    notices: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        date: z.string(),
        published: z.object({ version: z.number().int(), at: z.string(), withdrawnAt: z.string().nullable() }).nullable(),
        draft: z.object({ state: z.enum(DRAFT_STATES), version: z.number().int(), updatedAt: z.string(), scheduledAt: z.string().nullable() }).nullable(),
        englishMissing: z.boolean(),
      }),
    ),
  })
  .openapi('EditorsNotices');

const DiffPart = z.object({ value: z.string(), change: z.enum(['same', 'added', 'removed']) });
const DiffView = z
  .object({
    publishedVersion: z.number().int().nullable(),
    languages: z.array(z.object({ lang: z.string(), fields: z.array(z.object({ field: z.string(), lines: z.array(z.object({ change: z.enum(['same', 'added', 'removed', 'changed']), parts: z.array(DiffPart) })) })) })),
    history: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string(), changeKind: ChangeKindSchema.nullable(), changeNote: z.record(z.string(), z.string()).nullable() })),
  })
  .openapi('NoticeDiff');

const common = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Not a content editor (`not_permitted`)') };
const readCommon = { 401: json(ApiErrorSchema, 'Not signed in'), 403: json(ApiErrorSchema, 'Neither a content editor nor a system admin') };

const NOTICE_WORDS = { notFound: { code: 'notice_not_found', message: 'errors.notices.notFound' }, noDraft: 'errors.notices.noDraft', noChanges: 'errors.notices.noChanges' } as const;

/** The draft operations notices share with every kind of edited content (docs/decisions/057), at the notices' addresses. */
const drafts = editorialDraftRoutes({
  kind: noticeKind,
  deps: noticeDeps,
  path: '/staff/announcements/{id}',
  param: { name: 'id', schema: IdParam.shape.id },
  noun: 'Notice',
  tag: TAG,
  words: NOTICE_WORDS,
  content: NoticeContentSchema,
  view: {
    shape: { id: z.string(), baseVersion: z.number().int().nullable().meta({ description: 'The published version it corrects; null for a notice not yet published' }) },
    build: async (_c, draft) => ({ id: draft.key, baseVersion: draft.base }),
  },
  change: ChangeNoteSchema.nullable().optional().meta({ description: 'What a correction changed (required when the notice is published already; none for a first publication)' }),
  published: { schema: z.object({ id: z.string(), version: z.number().int() }).openapi('NoticePublished'), answer: (_id, published) => published },
  summaries: {
    open: 'Open a published notice’s draft to correct it (or give the one already open); audited',
    save: 'Save the draft; a change returns a submitted or approved draft to draft (and cancels a schedule); audited',
    schedule: 'Schedule an approved draft to be published at a moment; a process publishes it within 15 seconds of it, once; audited',
    publish: 'Publish an approved draft now: on the notices page, the home page, the feed and its office’s or service’s pages at once in this process and within the content check in every other; audited',
    notFound: 'No such notice',
    noDraft: 'The notice has no open draft',
    invalidContent: 'A field is not valid, or the office or service is unknown',
  },
});

const actor = (c: Context<StaffEnv>) => ({ member: c.get('staff'), origin: clientAddress(c) });

const staffList = createRoute({
  method: 'get',
  path: '/staff/announcements',
  operationId: 'listEditorsNotices',
  middleware: requireStaff({ roles: READERS }),
  tags: [TAG],
  summary: 'Every notice, published or a draft, with its draft’s state and whether its English is missing',
  responses: { 200: json(EditorsView, 'The notices'), ...readCommon },
});

const create = createRoute({
  method: 'post',
  path: '/staff/announcements',
  operationId: 'createNotice',
  middleware: requireStaff({ roles: EDITORS }),
  tags: [TAG],
  summary: 'Write a new notice: its draft, to be submitted for a second editor’s review; audited',
  request: { body: { content: { 'application/json': { schema: z.object({ content: NoticeContentSchema }).openapi('NoticeCreate') } }, required: true } },
  responses: { 201: json(drafts.DraftView, 'The new draft'), ...common, 422: json(ApiErrorSchema, 'A field is not valid (each field error names it: `content.zh-CN.title`…), or the office or service is unknown') },
});

const diff = createRoute({
  method: 'get',
  path: '/staff/announcements/{id}/diff',
  operationId: 'getNoticeDiff',
  middleware: requireStaff({ roles: READERS }),
  tags: [TAG],
  summary: 'What the draft changes against the published notice, in both languages (all of it for a new notice), and the notice’s publications',
  request: { params: IdParam },
  responses: { 200: json(DiffView, 'The differences'), ...readCommon, 404: json(ApiErrorSchema, 'The notice has no open draft'), 422: json(ApiErrorSchema, 'The id is not valid') },
});

const withdraw = createRoute({
  method: 'post',
  path: '/staff/announcements/{id}/withdraw',
  operationId: 'withdrawNotice',
  middleware: requireStaff({ roles: EDITORS }),
  tags: [TAG],
  summary: 'Withdraw a published notice with a reason: it leaves the lists and the feed, and its address answers 410 with the note; publishing a correction puts it back; audited',
  request: { params: IdParam, body: { content: { 'application/json': { schema: WithdrawNoticeSchema } }, required: true } },
  responses: { 200: json(z.object({ id: z.string(), withdrawn: z.literal(true) }).openapi('NoticeWithdrawn'), 'Withdrawn'), ...common, 404: json(ApiErrorSchema, 'No such published notice'), 409: json(ApiErrorSchema, 'Withdrawn already (`already_withdrawn`)'), 422: json(ApiErrorSchema, 'A field is not valid') },
});

function noticeDeps<E extends ApiEnv>(c: Context<E>): NoticeDeps {
  const deps = c.get('deps');
  return {
    db: deps.database.db,
    kind: deps.database.kind,
    now: deps.now,
    contentVersion: deps.contentVersion,
    references: { office: (id) => deps.offices.get(id) !== undefined || funeralHome(id) !== undefined, service: async (slug) => (await deps.guides.get(slug, 'zh-CN')) !== undefined },
    randomBytes: (size) => randomBytes(size),
  };
}


function publicView(notice: PublishedNoticeRow, lang: 'zh-CN' | 'en'): z.infer<typeof PublicNoticeView> {
  const text = noticeTextFor(notice.content, lang);
  const { content } = notice;
  return {
    id: notice.id,
    version: notice.version,
    lang: text.lang,
    title: text.title,
    body: text.body,
    publisher: text.publisher,
    date: content.date,
    indexNumber: content.indexNumber,
    office: content.office,
    service: content.service,
    example: content.example,
    firstPublishedAt: notice.firstPublishedAt,
    updatedAt: notice.updatedAt,
    languageUpdatedAt: notice.languageUpdatedAt,
  };
}

export const announcementRoutes = new OpenAPIHono<ApiEnv>()
  .route('/', drafts.routes)
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const lang = query.lang ?? 'zh-CN';
    const page = query.page ?? 1;
    const perPage = query.perPage ?? 20;
    const found = await publishedNotices(noticeDeps(c), { office: query.office, service: query.service }, page, perPage);
    return c.json({ page, perPage, total: found.total, notices: found.notices.map((notice) => publicView(notice, lang)) }, 200);
  })
  .openapi(one, async (c) => {
    const lang = c.req.valid('query').lang ?? 'zh-CN';
    const found = await publicNotice(noticeDeps(c), c.req.valid('param').id);
    if (found.ok) return c.json(publicView(found.notice, lang), 200);
    if (found.reason === 'withdrawn') {
      // The note in the reader's language, else the Chinese (said as such, so the page can mark it).
      const noteLang = found.note[lang] ? lang : 'zh-CN';
      return refuse(c, 'publishedNotice', { reason: 'withdrawn', at: found.at, note: found.note[noteLang] ?? null, lang: noteLang });
    }
    return refuse(c, 'publishedNotice', { reason: 'notice_not_found' });
  })
  .openapi(staffList, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ notices: await editorsNotices(noticeDeps(c)) }, 200);
  })
  .openapi(create, async (c) => {
    c.header('Cache-Control', 'no-store');
    const created = await createNotice(noticeDeps(c), actor(c), c.req.valid('json').content);
    if (!created.ok) return refuse(c, 'editorialDraft', { ...created, words: NOTICE_WORDS });
    return c.json(await drafts.draftView(c, created.draft), 201);
  })
  .openapi(diff, async (c) => {
    c.header('Cache-Control', 'no-store');
    const id = c.req.valid('param').id;
    const found = await noticeDraftDiff(noticeDeps(c), id);
    if (!found.ok) return refuse(c, 'noticeRead', found);
    const history = (await noticeHistory(noticeDeps(c), id)).reverse().map((version) => ({ version: version.version, publishedAt: version.publishedAt, publishedBy: version.publishedBy, changeKind: version.changeKind, changeNote: version.changeNote }));
    return c.json({ publishedVersion: found.publishedVersion, languages: found.languages, history }, 200);
  })
  .openapi(withdraw, async (c) => {
    c.header('Cache-Control', 'no-store');
    const id = c.req.valid('param').id;
    const done = await withdrawNotice(noticeDeps(c), actor(c), id, c.req.valid('json'));
    if (!done.ok) return refuse(c, 'noticeWithdraw', done);
    return c.json({ id, withdrawn: true as const }, 200);
  });

/** The answers' shapes, for the pages (site/lib/announcements.ts). */
export type PublicNoticeView = z.infer<typeof PublicNoticeView>;
export type NoticePageView = z.infer<typeof PageView>;
export type NoticeDraftView = z.infer<typeof drafts.DraftView>;
export type EditorsNoticesView = z.infer<typeof EditorsView>;
export type NoticeDiffView = z.infer<typeof DiffView>;
