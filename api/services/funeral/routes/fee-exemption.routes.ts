/**
 * The funeral fee exemption check over HTTP (docs/decisions/065): what a booking of basic funeral
 * services would have waived and why, in the reader's language, for a family whose phone is
 * confirmed. It can tell whether someone had 低保 or 特困, so it answers only a confirmed phone,
 * is counted per client and per phone in the database, is never cached, and says a relief ground
 * only when the family claimed it (exemption-check.ts).
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { hitRateLimit } from '../../../db/request-guards.repo.ts';
import { MobilePhone } from '../../../domain/identity/person-fields.ts';
import { ApiErrorSchema, requestLocale } from '../../../http/api-error.ts';
import type { ApiEnv } from '../../../http/api-env.ts';
import { clientAddress } from '../../../http/client-address.ts';
import { refuse } from '../../../http/refusals.ts';
import { caseDeps } from '../../../http/route-deps.ts';
import { formatYuan, translator, type Locale } from '../../../i18n/index.ts';
import { rowOn } from '../../../engine/rules/rule-table.ts';
import { chinaDate } from '../../../domain/calendar/china-time.ts';
import { decideExemptionCheck, parseExemptionCheck } from '../exemption-check.ts';
import { EXEMPTION_CLAIM_GROUNDS, EXEMPTION_CLAIM_UPLOAD_PURPOSE, claimFor } from '../fee-exemption-claim.ts';
import type { ExemptionDecision } from '../fee-exemption.ts';
import { exemptionTexts } from '../fee-exemption-words.ts';
import { EXEMPTION_SCHEMES } from '../fee-exemption-table.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from '../price-list-table.ts';
import { districtName } from '../words.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const TAG = 'Funeral homes';

const CheckRequest = z
  .object({
    home: z.string().meta({ description: 'The funeral home the services are booked at (GET /funeral-homes): its district’s scheme applies', example: 'demo-district-funeral-home' }),
    deceased: z.object({
      unidentified: z.boolean().optional().meta({ description: 'An unidentified body (无名遗体): no idNumber' }),
      idNumber: z.string().optional().meta({ description: 'The resident ID number of the person who died; required unless unidentified' }),
      diedOn: z.string().meta({ description: 'The day of death (YYYY-MM-DD, or as people type it): the scheme in force that day applies', example: '2026-12-09' }),
      deathCertificateNumber: z.string().meta({ description: 'The number of the 居民死亡医学证明 (letters and digits)' }),
      registeredHere: z.boolean().optional().meta({ description: 'The family’s answer: the household was registered (户籍) in the home’s district (true) or elsewhere (false); absent: not said, the ID number’s region code is read' }),
    }),
    items: z.array(z.object({ item: z.string().meta({ description: 'An item of the home’s price list in force today' }), quantity: z.number().int().meta({ description: '1–1000: times, days, kilometres, years, hours or pieces, as the item’s unit' }) })),
    claims: z
      .object({
        relief: z.boolean().optional().meta({ description: 'The family says the person or their household received 低保 or 特困: only then are the portal’s own decisions read' }),
        youfu: z.boolean().optional().meta({ description: 'The family says the person was a 重点优抚对象 (the portal holds no such records: a manual claim)' }),
      })
      .optional(),
    contact: z.object({
      phone: MobilePhone,
      phoneProof: z.string().meta({ description: 'The proof that the phone was confirmed (POST /phone-codes/confirm)' }),
    }),
  })
  .openapi('FeeExemptionCheck');

const Line = z.object({
  item: z.string(),
  name: z.string(),
  kind: z.enum(['basic', 'optional']),
  chargedFen: z.number().int(),
  waivedFen: z.number().int(),
  reason: z.string().meta({ description: 'Why this much is waived (or nothing), in the reader’s language' }),
});
const Amounts = { lines: z.array(Line), chargedFen: z.number().int(), waivedFen: z.number().int(), toPayFen: z.number().int(), waived: z.string(), toPay: z.string() };

const CheckAnswer = z
  .object({
    outcome: z.enum(['decided', 'cannot-decide']).meta({ description: 'decided: the lines say what is waived (maybe nothing); cannot-decide: nothing is waived until a claim is confirmed (see missing and claim)' }),
    ground: z.enum(['unidentified', 'dibao', 'tekun', 'resident']).nullable().meta({ description: 'What the exemption rests on when decided; null: not exempt' }),
    basis: z.enum(['declared', 'id-number', 'relief-case']).nullable().meta({ description: 'How the ground is known: the family’s answer (shown at the home), the ID number, this portal’s own relief decision' }),
    reason: z.string(),
    scheme: z
      .object({ district: z.object({ id: z.string(), name: z.string() }), scheme: z.enum(EXEMPTION_SCHEMES), capFen: z.number().int().nullable(), effectiveFrom: z.string(), basis: z.string(), example: z.boolean() })
      .nullable()
      .meta({ description: 'The district’s scheme in force on the day of death; null where none was' }),
    ...Amounts,
    pricesFrom: z.string().nullable().meta({ description: 'The first day of the price list the items are priced by (today’s)' }),
    missing: z.array(z.object({ code: z.enum(['relief-proof', 'youfu-proof', 'household-registration']), text: z.string() })),
    ifConfirmed: z.object(Amounts).nullable().meta({ description: 'For cannot-decide: what would be waived once the claim is confirmed' }),
    claim: z
      .object({ ground: z.enum(EXEMPTION_CLAIM_GROUNDS), proof: z.string(), uploadPurpose: z.string() })
      .nullable()
      .meta({ description: 'For cannot-decide with a proof missing: the manual claim to make, what to upload and under which upload purpose' }),
  })
  .openapi('FeeExemptionDecision');

const check = createRoute({
  method: 'post',
  path: '/funeral/exemption-check',
  operationId: 'checkFuneralFeeExemption',
  tags: [TAG],
  summary: 'What the fee exemption (惠民殡葬) waives of a booking of funeral services, and why, decided from what the portal holds',
  description:
    'Answers only a confirmed phone (contact.phoneProof). The portal’s own 低保 and 特困 decisions are read only when claims.relief is true; a claim it cannot confirm is answered cannot-decide with what to upload, never as a finding that the person had no relief. Counted per client address (BOOKING_LIMIT_PER_CLIENT per 10 minutes) and per phone.',
  request: { body: { content: { 'application/json': { schema: CheckRequest } }, required: true } },
  responses: {
    200: json(CheckAnswer, 'The decision, with a reason for it and for each item'),
    422: json(ApiErrorSchema, 'A field is not valid (next to it: an item not on the home’s list, a day of death in the future or before the birth date, no ID number), or the phone is not confirmed (`contact.phoneProof`)'),
    429: json(ApiErrorSchema, 'Too many checks from this client or for this phone (`too_many_checks`); try again later'),
  },
});

const CHECK_WINDOW_MS = 10 * 60_000;
/** Checks per confirmed phone per 10 minutes: a family tries a few sets of services, not dozens of people. */
export const CHECKS_PER_PHONE = 20;
/** The keyed hash a phone is counted by: its own context, so the count's key links to nothing else. */
const PHONE_LIMIT_CONTEXT = 'funeral.exemption_check_phone';

const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

function amountsView(amounts: Pick<ExemptionDecision, 'chargedFen' | 'waivedFen' | 'toPayFen' | 'lines'>, lang: Locale, names: ReturnType<typeof exemptionTexts>['lines']) {
  return {
    lines: amounts.lines.map((line, index) => ({ item: line.item, name: names[index]?.name ?? line.item, kind: line.kind, chargedFen: line.chargedFen, waivedFen: line.waivedFen, reason: names[index]?.reason ?? '' })),
    chargedFen: amounts.chargedFen,
    waivedFen: amounts.waivedFen,
    toPayFen: amounts.toPayFen,
    waived: formatYuan(amounts.waivedFen, lang),
    toPay: formatYuan(amounts.toPayFen, lang),
  };
}

export const feeExemptionRoutes = new OpenAPIHono<ApiEnv>().openapi(check, async (c) => {
  const deps = caseDeps(c);
  const lang = requestLocale(c);
  const body = c.req.valid('json');
  c.header('Cache-Control', 'no-store');
  const now = deps.now();
  // Counted per client for every request, and per phone for every well-formed one, before the proof
  // is checked: proofs cannot be guessed either, and a malformed request spends no family's checks.
  const perClient = await hitRateLimit(deps.db, `exemption-check:client:${digest(clientAddress(c) ?? 'unknown')}`, { limit: c.get('deps').bookingLimitPerClient, windowMs: CHECK_WINDOW_MS, now });
  if (!perClient.allowed) return refuse(c, 'feeExemptionCheck', { reason: 'too-many', retryAt: perClient.resetAt });
  const parsed = parseExemptionCheck(deps, body);
  if (!parsed.ok) return refuse(c, 'feeExemptionCheck', parsed);
  const perPhone = await hitRateLimit(deps.db, `exemption-check:phone:${deps.crypto.lookupHash(parsed.check.contact.phone, PHONE_LIMIT_CONTEXT)}`, { limit: CHECKS_PER_PHONE, windowMs: CHECK_WINDOW_MS, now });
  if (!perPhone.allowed) return refuse(c, 'feeExemptionCheck', { reason: 'too-many', retryAt: perPhone.resetAt });
  const result = await decideExemptionCheck(deps, parsed.check);
  if (!result.ok) return refuse(c, 'feeExemptionCheck', result);
  const { decision } = result;
  const priceList = rowOn(deps.rules?.rows(FUNERAL_PRICE_LISTS_TABLE) ?? [], result.check.home, chinaDate(now));
  const optionalNames = new Map(priceList?.value.optional.map((entry) => [entry.item, entry.name[lang]]) ?? []);
  const texts = exemptionTexts(decision, lang, (item) => optionalNames.get(item) ?? item);
  const pending = decision.outcome === 'cannot-decide' ? decision : undefined;
  const claim = pending ? claimFor(pending) : undefined;
  const t = translator(lang);
  return c.json(
    {
      outcome: decision.outcome,
      ground: decision.outcome === 'decided' ? decision.ground : null,
      basis: decision.outcome === 'decided' ? decision.basis : null,
      reason: texts.reason,
      scheme: decision.scheme ? { ...decision.scheme, district: { id: decision.scheme.district, name: districtName(decision.scheme.district, lang) } } : null,
      ...amountsView(decision, lang, texts.lines),
      pricesFrom: priceList?.effectiveFrom ?? null,
      missing: pending ? pending.missing.map((code, index) => ({ code, text: texts.missing[index] ?? '' })) : [],
      ifConfirmed: pending ? amountsView(pending.ifConfirmed, lang, exemptionTexts({ ...pending, lines: pending.ifConfirmed.lines }, lang, (item) => optionalNames.get(item) ?? item).lines) : null,
      claim: claim ? { ground: claim.ground, proof: t(claim.proof), uploadPurpose: EXEMPTION_CLAIM_UPLOAD_PURPOSE } : null,
    },
    200,
  );
});
