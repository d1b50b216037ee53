import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { GuideSchema, GuideSlugSchema, GuideSummarySchema, LocaleSchema, type Guide as GuideType, type GuideSummary as GuideSummaryType } from '../domain/guides/guide.schema.ts';
import { ApiErrorSchema, statusError } from '../http/api-error.ts';
import { refuse } from '../http/refusals.ts';
import { textLine } from '../domain/text.ts';
import type { ApiEnv } from '../http/api-env.ts';

// `.meta({ id })` names the component without relying on @hono/zod-openapi having patched the instance.
const Guide = GuideSchema.meta({ id: 'Guide' });
const GuideSummary = GuideSummarySchema.meta({ id: 'GuideSummary' });

function toSummary(guide: GuideType): GuideSummaryType {
  const { slug, lang, title, summary, lifeEvent, order, aliases, apply, updated, version } = guide;
  return { slug, lang, title, summary, lifeEvent, order, aliases, apply, updated, version };
}

const LangQuery = z.object({
  lang: LocaleSchema.default('zh-CN').meta({ description: 'Language of the guide text', example: 'zh-CN' }),
});

const errors = {
  404: { description: 'No such guide in that language', content: { 'application/json': { schema: ApiErrorSchema } } },
  422: { description: 'A parameter is not valid; each field error names the field', content: { 'application/json': { schema: ApiErrorSchema } } },
};

const listGuides = createRoute({
  method: 'get',
  path: '/guides',
  operationId: 'listGuides',
  tags: ['Guides'],
  summary: 'Every published policy guide (办事指南) of a language, in catalogue order',
  request: { query: LangQuery },
  responses: {
    200: {
      description: 'Guide summaries',
      content: { 'application/json': { schema: z.object({ lang: LocaleSchema, contentVersion: z.number().int(), guides: z.array(GuideSummary) }) } },
    },
    422: errors[422],
  },
});

const getGuide = createRoute({
  method: 'get',
  path: '/guides/{slug}',
  operationId: 'getGuide',
  tags: ['Guides'],
  summary: 'One policy guide with every 一次性告知 field, in its newest published version',
  request: {
    params: z.object({ slug: GuideSlugSchema.meta({ description: 'The guide name, the same in every language', example: 'minimum-living-allowance' }) }),
    query: LangQuery,
  },
  responses: {
    200: { description: 'The guide', content: { 'application/json': { schema: Guide } } },
    ...errors,
    410: {
      description: 'Staff took the guide off the site (`guide_unpublished`): `unpublished.redirectTo` is the guide its readers are sent to, or `unpublished.notice` says why it was withdrawn, in the language asked for',
      content: {
        'application/json': {
          schema: ApiErrorSchema.extend({ unpublished: z.object({ redirectTo: z.string().nullable(), notice: z.string().nullable(), at: z.string() }) }).meta({ id: 'GuideUnpublished' }),
        },
      },
    },
  },
});

export const SearchHitSchema = z
  .object({
    slug: z.string(),
    lang: LocaleSchema,
    score: z.number(),
    title: z.string(),
    titleHighlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
    snippet: z.string(),
    snippetHighlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
    matchedAliases: z.array(z.string()),
  })
  .openapi('SearchHit');

export const SearchQuerySchema = z.object({
  q: textLine().trim().min(1).max(100).openapi({ description: 'Everyday words: 低保, 领证, 火化 …', example: '低保' }),
  lang: LocaleSchema.default('zh-CN'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const searchGuides = createRoute({
  method: 'get',
  path: '/search',
  operationId: 'searchGuides',
  tags: ['Guides'],
  summary: 'Find guides by the words people use; tolerant of 全角/半角 and traditional characters',
  request: { query: SearchQuerySchema },
  responses: {
    200: {
      description: 'Ranked results; highlight ranges index into `title` and `snippet` (UTF-16 code units, end exclusive)',
      content: { 'application/json': { schema: z.object({ query: z.string(), lang: LocaleSchema, results: z.array(SearchHitSchema) }) } },
    },
    422: errors[422],
  },
});

export const guideRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(listGuides, async (c) => {
    const { lang } = c.req.valid('query');
    const guides = c.get('deps').guides;
    const [list, contentVersion] = await Promise.all([guides.list(lang), guides.version()]);
    return c.json({ lang, contentVersion, guides: list.map(toSummary) }, 200);
  })
  .openapi(getGuide, async (c) => {
    const { slug } = c.req.valid('param');
    const { lang } = c.req.valid('query');
    const guide = await c.get('deps').guides.get(slug, lang);
    if (!guide) {
      const gone = await c.get('deps').guides.unpublished(slug);
      if (gone) return refuse(c, 'publishedGuide', { reason: 'unpublished', redirectTo: gone.redirectTo, notice: gone.notice?.[lang] ?? null, at: gone.unpublishedAt });
      return statusError(c, 404, 'guide_not_found');
    }
    return c.json(guide, 200);
  })
  .openapi(searchGuides, async (c) => {
    const { q, lang, limit } = c.req.valid('query');
    const results = await c.get('deps').guides.search(q, lang, limit);
    return c.json({ query: q, lang, results }, 200);
  });
