/**
 * The public cemeteries as an effective-dated rule table (docs/decisions/030, 064), keyed by
 * cemetery: the phone, address and hours in both languages, who may apply (the residence rule), and
 * per kind of plot its fee and how many plots there are, each from the day a notice sets them. A
 * kind the cemetery does not have has neither (both form fields left blank). Flat fields, as the
 * eco-burial amounts are, so that each problem is shown next to the field staff typed it in.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { textLine } from '../../domain/text.ts';
import { type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import { AMOUNT_MESSAGES, MAX_AMOUNT_FEN, parseAmount } from '../social-relief/money.ts';
import { CEMETERIES, CEMETERY_SOURCE_DETAILS } from './cemeteries.ts';
import { PLOT_TYPES, RESIDENCE_RULES, type PlotType } from './kinds.ts';

export const CEMETERIES_TABLE_NAME = 'public-cemetery.cemeteries';
const E = 'public-cemetery:errors.cemeteryTable';

/** The value's fields of each kind's fee (fen) and number of plots. */
export const PLOT_FIELDS = {
  niche: { fee: 'nicheFeeFen', count: 'nichePlots' },
  tree: { fee: 'treeFeeFen', count: 'treePlots' },
  lawn: { fee: 'lawnFeeFen', count: 'lawnPlots' },
  'single-grave': { fee: 'singleGraveFeeFen', count: 'singleGravePlots' },
  'double-grave': { fee: 'doubleGraveFeeFen', count: 'doubleGravePlots' },
} as const satisfies Record<PlotType, { fee: string; count: string }>;
type FeeField = (typeof PLOT_FIELDS)[PlotType]['fee'];
type CountField = (typeof PLOT_FIELDS)[PlotType]['count'];

/** Digits, with spaces, hyphens or a leading +: what a phone dials once the separators go. */
const DIALLABLE = /^\+?\d[\d -]{1,18}\d$/;
const Words = (max: number) => textLine().trim().min(1).max(max);
/** A fee may be 0 (many public cemeteries charge nothing for a niche or a tree plot). */
const fee = () => z.number({ error: AMOUNT_MESSAGES.notANumber }).int(AMOUNT_MESSAGES.tooManyDecimals).min(0, AMOUNT_MESSAGES.negative).max(MAX_AMOUNT_FEN, AMOUNT_MESSAGES.tooLarge).optional();
const count = () => z.number({ error: `${E}.count` }).int(`${E}.count`).min(1, `${E}.count`).max(100_000, `${E}.count`).optional();

export const CemeteryDetailsSchema = z
  .strictObject({
    /** Made up (the demonstration's), shown as an example; details entered by staff are real. */
    example: z.boolean().default(false),
    phone: textLine().trim().regex(DIALLABLE, `${E}.phone`),
    addressZh: Words(120),
    addressEn: Words(240),
    hoursZh: Words(200),
    hoursEn: Words(400),
    residence: z.enum(RESIDENCE_RULES, { error: `${E}.residence` }),
    ...(Object.fromEntries(PLOT_TYPES.map((type) => [PLOT_FIELDS[type].fee, fee()])) as Record<FeeField, ReturnType<typeof fee>>),
    ...(Object.fromEntries(PLOT_TYPES.map((type) => [PLOT_FIELDS[type].count, count()])) as Record<CountField, ReturnType<typeof count>>),
  })
  .superRefine((value, context) => {
    // A kind is offered with both a fee and a number of plots, or not at all.
    for (const type of PLOT_TYPES) {
      const { fee: feeField, count: countField } = PLOT_FIELDS[type];
      if (value[feeField] === undefined && value[countField] !== undefined) context.addIssue({ code: 'custom', path: [feeField], message: `${E}.feeMissing` });
      if (value[feeField] !== undefined && value[countField] === undefined) context.addIssue({ code: 'custom', path: [countField], message: `${E}.countMissing` });
    }
    // Also beside other problems, so that staff see every one at once.
  }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null });
export type CemeteryDetails = z.output<typeof CemeteryDetailsSchema>;

/** A kind's fee (fen) and number of plots in a value; undefined where the cemetery does not have the kind. */
export function plotOffer(value: CemeteryDetails, type: PlotType): { feeFen: number; count: number } | undefined {
  const feeFen = value[PLOT_FIELDS[type].fee];
  const plots = value[PLOT_FIELDS[type].count];
  return feeFen === undefined || plots === undefined ? undefined : { feeFen, count: plots };
}

const TEXT_FIELDS = ['phone', 'addressZh', 'addressEn', 'hoursZh', 'hoursEn'] as const;
const yuanText = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
/** Blank: not offered. Anything else typed is a number, or NaN for the schema to refuse next to its field. */
function typedFee(typed: string | undefined): number | undefined {
  if ((typed ?? '').trim() === '') return undefined;
  const parsed = parseAmount(typed ?? '');
  return parsed.ok ? parsed.fen : Number.NaN;
}
function typedCount(typed: string | undefined): number | undefined {
  const text = (typed ?? '').normalize('NFKC').trim();
  if (text === '') return undefined;
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

export const cemeteryKeys = (lang: Locale) => CEMETERIES.map((each) => ({ key: each.id, label: translator(lang)(dynamicKey`public-cemetery:cemetery.name.${each.id}`) }));

export const CEMETERIES_TABLE: RuleTable<CemeteryDetails> = {
  name: CEMETERIES_TABLE_NAME,
  valueSchema: CemeteryDetailsSchema,
  keys: cemeteryKeys,
  describe: (value, lang) => {
    const t = translator(lang);
    const plots = PLOT_TYPES.flatMap((type) => {
      const offer = plotOffer(value, type);
      return offer ? [t('rules.tables.public-cemetery.cemeteries.plot', { type: t(dynamicKey`public-cemetery:cemetery.type.${type}`), fee: formatYuan(offer.feeFen, lang), count: offer.count })] : [];
    });
    const text = t('rules.tables.public-cemetery.cemeteries.describe', {
      phone: value.phone,
      residence: t(dynamicKey`public-cemetery:cemetery.residenceRule.${value.residence}`),
      plots: plots.length > 0 ? plots.join(t('punctuation.inlineList')) : t('rules.tables.public-cemetery.cemeteries.none'),
    });
    return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
  },
  fields: [
    ...TEXT_FIELDS.map((name) => ({ name, control: name.startsWith('hours') ? ('textarea' as const) : ('text' as const) })),
    { name: 'residence', control: 'select', options: RESIDENCE_RULES, optionLabel: (option, lang) => translator(lang)(dynamicKey`public-cemetery:cemetery.residenceRule.${option}`) },
    ...PLOT_TYPES.flatMap((type) => [
      { name: PLOT_FIELDS[type].fee, control: 'text' as const },
      { name: PLOT_FIELDS[type].count, control: 'text' as const },
    ]),
  ],
  toForm: (value) => ({
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, value[name]])),
    residence: value.residence,
    ...Object.fromEntries(
      PLOT_TYPES.flatMap((type) => {
        const offer = plotOffer(value, type);
        return [
          [PLOT_FIELDS[type].fee, offer ? yuanText(offer.feeFen) : ''],
          [PLOT_FIELDS[type].count, offer ? String(offer.count) : ''],
        ];
      }),
    ),
  }),
  fromForm: (form) => ({
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, (form[name] ?? '').replace(/\s*\r?\n\s*/g, ' ')])),
    residence: form.residence ?? '',
    ...Object.fromEntries(
      PLOT_TYPES.flatMap((type) => {
        const feeFen = typedFee(form[PLOT_FIELDS[type].fee]);
        const plots = typedCount(form[PLOT_FIELDS[type].count]);
        return [...(feeFen === undefined ? [] : [[PLOT_FIELDS[type].fee, feeFen]]), ...(plots === undefined ? [] : [[PLOT_FIELDS[type].count, plots]])];
      }),
    ),
  }),
  source: () =>
    CEMETERY_SOURCE_DETAILS.map((row) => {
      const { plots, ...details } = row.value;
      const flat = PLOT_TYPES.flatMap((type) => {
        const offer = plots[type];
        return offer ? [[PLOT_FIELDS[type].fee, offer.feeFen], [PLOT_FIELDS[type].count, offer.count]] : [];
      });
      return sourceRow({ key: row.cemetery, value: CemeteryDetailsSchema.parse({ ...details, ...Object.fromEntries(flat) }), effectiveFrom: row.effectiveFrom, basis: row.basis });
    }),
};
