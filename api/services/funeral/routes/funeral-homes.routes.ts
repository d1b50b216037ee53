/**
 * The funeral homes and their public price lists over HTTP (docs/decisions/062): public, read-only,
 * as in force today in China, in the language asked for. What a booking (the next slice) may name is
 * an `item` of the home's list here, and nothing else.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { chinaDate } from '../../../domain/calendar/china-time.ts';
import { LocaleSchema } from '../../../domain/guides/guide.schema.ts';
import { ApiErrorSchema, requestLocale } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { refuse } from '../../../http/refusals.ts';
import { PRICE_UNITS } from '../catalogue.ts';
import { funeralHomeOn, funeralHomesOn, type FuneralHomeView } from '../public-view.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const TAG = 'Funeral homes';

const PriceEntry = z.object({
  item: z.string().meta({ description: 'The id a booking names the item by: a basic service of the national list or the province’s, or the home’s own optional service' }),
  name: z.string(),
  unit: z.enum(PRICE_UNITS),
  priceFen: z.number().int().min(0).meta({ description: 'Whole fen (1 yuan = 100 fen); 0: free' }),
  price: z.string().meta({ description: 'The price with its unit, in the reader’s language (240 元/次)' }),
  note: z.string().nullable(),
  provinceAdded: z.boolean().meta({ description: 'A basic service the province added to the national list' }),
});

const FuneralHome = z
  .object({
    id: z.string(),
    name: z.string(),
    district: z.object({ id: z.string(), name: z.string() }),
    phone: z.string().meta({ description: 'The 24-hour line (collecting a body at any hour)' }),
    address: z.string(),
    hours: z.string(),
    example: z.boolean().meta({ description: 'Made-up details (the demonstration’s)' }),
    detailsFrom: z.string().meta({ description: 'YYYY-MM-DD: the first day of these details' }),
    detailsBasis: z.string(),
    prices: z
      .object({
        effectiveFrom: z.string().meta({ description: 'YYYY-MM-DD: the day these prices apply from' }),
        basis: z.string().meta({ description: 'The notice that sets them' }),
        example: z.boolean(),
        basic: z.array(PriceEntry).meta({ description: 'The basic funeral services (基本殡葬服务)' }),
        optional: z.array(PriceEntry).meta({ description: 'Optional services (可选服务): never required' }),
      })
      .nullable()
      .meta({ description: 'The price list in force; null before the first is published' }),
  })
  .openapi('FuneralHome');

const LangQuery = z.object({ lang: LocaleSchema.optional().meta({ description: 'zh-CN or en; without it, Accept-Language decides' }) });

const list = createRoute({
  method: 'get',
  path: '/funeral-homes',
  operationId: 'listFuneralHomes',
  tags: [TAG],
  summary: 'The funeral homes (殡仪馆) with their 24-hour phone, address, hours and public price list in force today',
  request: { query: LangQuery },
  responses: { 200: json(z.object({ on: z.string().meta({ description: 'The day (in China) the details and prices are those of' }), homes: z.array(FuneralHome) }), 'The homes'), 422: json(ApiErrorSchema, 'The language is not valid') },
});

const one = createRoute({
  method: 'get',
  path: '/funeral-homes/{id}',
  operationId: 'getFuneralHome',
  tags: [TAG],
  summary: 'One funeral home and its public price list in force today: the basic services apart from the optional ones',
  request: { params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/).openapi({ param: { name: 'id', in: 'path' }, example: 'demo-district-funeral-home' }) }), query: LangQuery },
  responses: { 200: json(FuneralHome, 'The home'), 404: json(ApiErrorSchema, 'No such funeral home (`funeral_home_not_found`)'), 422: json(ApiErrorSchema, 'The id or the language is not valid') },
});

export type { FuneralHomeView };

export const funeralHomeRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(list, (c) => {
    const deps = c.get('deps');
    const on = chinaDate(deps.now());
    return c.json({ on, homes: funeralHomesOn(deps.rules, on, requestLocale(c)) }, 200);
  })
  .openapi(one, (c) => {
    const deps = c.get('deps');
    const home = funeralHomeOn(deps.rules, c.req.valid('param').id, chinaDate(deps.now()), requestLocale(c));
    if (!home) return refuse(c, 'funeralHome', { reason: 'funeral_home_not_found' });
    return c.json(home, 200);
  });
