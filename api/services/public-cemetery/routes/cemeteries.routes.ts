/**
 * The public cemeteries over HTTP (docs/decisions/064): public, read-only, as in force today in
 * China, in the language asked for, with the places left of each kind (the rules' number less the
 * places cases hold, read from the database at the request: not cached for long).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stockTaken } from '../../../db/case-stock.repo.ts';
import { chinaDate } from '../../../domain/calendar/china-time.ts';
import { LocaleSchema } from '../../../domain/guides/guide.schema.ts';
import { ApiErrorSchema, requestLocale } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { refuse } from '../../../http/refusals.ts';
import { PLOT_TYPES, RESIDENCE_RULES } from '../kinds.ts';
import { cemeteriesOn, cemeteryStockKeys, type CemeteryView } from '../public-view.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const TAG = 'Public cemeteries';

const PlotType = z.object({
  type: z.enum(PLOT_TYPES),
  name: z.string(),
  feeFen: z.number().int().min(0).meta({ description: 'Whole fen (1 yuan = 100 fen); 0: free' }),
  fee: z.string().meta({ description: 'The fee in the reader’s language' }),
  plots: z.number().int().min(0).meta({ description: 'How many places of the kind the cemetery has for applications' }),
  left: z.number().int().min(0).meta({ description: 'How many are not held by an application now' }),
});

const Cemetery = z
  .object({
    id: z.string(),
    name: z.string(),
    district: z.object({ id: z.string(), name: z.string() }),
    phone: z.string(),
    address: z.string(),
    hours: z.string(),
    residence: z.object({ rule: z.enum(RESIDENCE_RULES), text: z.string() }).meta({ description: 'Who may apply' }),
    example: z.boolean().meta({ description: 'Made-up details (the demonstration’s)' }),
    detailsFrom: z.string().meta({ description: 'YYYY-MM-DD: the first day of these details' }),
    basis: z.string().meta({ description: 'The notice that sets them' }),
    types: z.array(PlotType),
  })
  .openapi('PublicCemetery');

const LangQuery = z.object({ lang: LocaleSchema.optional().meta({ description: 'zh-CN or en; without it, Accept-Language decides' }) });

const list = createRoute({
  method: 'get',
  path: '/cemeteries',
  operationId: 'listCemeteries',
  tags: [TAG],
  summary: 'The public cemeteries (公益性公墓) with who may apply, and each kind of place with its fee and the places left today',
  request: { query: LangQuery },
  responses: { 200: json(z.object({ on: z.string(), cemeteries: z.array(Cemetery) }), 'The cemeteries'), 422: json(ApiErrorSchema, 'The language is not valid') },
});

const one = createRoute({
  method: 'get',
  path: '/cemeteries/{id}',
  operationId: 'getCemetery',
  tags: [TAG],
  summary: 'One public cemetery: who may apply, each kind of place with its fee and the places left today',
  request: { params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/).openapi({ param: { name: 'id', in: 'path' }, example: 'demo-district-cemetery' }) }), query: LangQuery },
  responses: { 200: json(Cemetery, 'The cemetery'), 404: json(ApiErrorSchema, 'No such cemetery (`cemetery_not_found`)'), 422: json(ApiErrorSchema, 'The id or the language is not valid') },
});

export type { CemeteryView };

export const cemeteryRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(list, async (c) => {
    const deps = c.get('deps');
    const on = chinaDate(deps.now());
    const taken = await stockTaken(deps.database.db, cemeteryStockKeys());
    return c.json({ on, cemeteries: cemeteriesOn(deps.rules, on, requestLocale(c), taken) }, 200);
  })
  .openapi(one, async (c) => {
    const deps = c.get('deps');
    const taken = await stockTaken(deps.database.db, cemeteryStockKeys());
    const found = cemeteriesOn(deps.rules, chinaDate(deps.now()), requestLocale(c), taken).find((each) => each.id === c.req.valid('param').id);
    if (!found) return refuse(c, 'cemetery', { reason: 'cemetery_not_found' });
    return c.json(found, 200);
  });
