/**
 * The eco-burial subsidy's amounts as an effective-dated rule table (docs/decisions/030, 061): keyed
 * by district, each value one notice's amount per kind of burial, in whole fen; a kind the notice
 * does not fund has no amount (the form's field left blank). Staff type amounts in yuan, as leniently
 * as applicants do (social-relief/money.ts). The application's schema, the check page, the decision
 * aid and the payment's limit all read the row in force on the burial day (rules.ts).
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { type RuleTable, sourceRow } from '../../engine/rules/rule-table.ts';
import { dynamicKey, formatYuan, translator } from '../../i18n/index.ts';
import { AMOUNT_MESSAGES, MAX_AMOUNT_FEN, parseAmount } from '../social-relief/money.ts';
import { ECO_BURIAL_DISTRICTS, ECO_BURIAL_SOURCE_AMOUNTS } from './districts.ts';
import { BURIAL_KINDS, type BurialKind } from './kinds.ts';

export const AMOUNTS_TABLE_NAME = 'eco-burial-subsidy.amounts';

/** The value's field of each kind's amount (the form's field of the same name). */
export const AMOUNT_FIELD = {
  tree: 'treeFen',
  flower: 'flowerFen',
  lawn: 'lawnFen',
  scattering: 'scatteringFen',
  sea: 'seaFen',
  'degradable-urn': 'degradableUrnFen',
  columbarium: 'columbariumFen',
} as const satisfies Record<BurialKind, string>;
type AmountField = (typeof AMOUNT_FIELD)[BurialKind];

/** A funded kind's amount: at least a fen (a kind worth nothing is a kind not funded: its field left blank). */
const amount = () =>
  z
    .number({ error: AMOUNT_MESSAGES.notANumber })
    .int(AMOUNT_MESSAGES.tooManyDecimals)
    .min(1, 'social-relief:errors.amount.zeroStandard')
    .max(MAX_AMOUNT_FEN, AMOUNT_MESSAGES.tooLarge)
    .optional();

export const SubsidyAmountsValueSchema = z.strictObject({
  /** The year of the notice the amounts come from. */
  sourceYear: z.number().int().min(2000).max(2100),
  /** Figures made up for the demonstration (shown as examples); a notice entered by staff is real. */
  example: z.boolean().default(false),
  ...(Object.fromEntries(BURIAL_KINDS.map((kind) => [AMOUNT_FIELD[kind], amount()])) as Record<AmountField, ReturnType<typeof amount>>),
});
export type SubsidyAmountsValue = z.output<typeof SubsidyAmountsValueSchema>;

/** A kind's amount in a value, in fen; undefined where the notice does not fund it. */
export const amountOfKind = (value: SubsidyAmountsValue, kind: BurialKind): number | undefined => value[AMOUNT_FIELD[kind]];

const yuanText = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** Blank: not funded (left out). Anything else typed is an amount, or NaN for the schema to refuse next to its field. */
function typedAmount(typed: string | undefined): number | undefined {
  if ((typed ?? '').trim() === '') return undefined;
  const parsed = parseAmount(typed ?? '');
  return parsed.ok ? parsed.fen : Number.NaN;
}

export const ECO_BURIAL_AMOUNTS_TABLE: RuleTable<SubsidyAmountsValue> = {
  name: AMOUNTS_TABLE_NAME,
  valueSchema: SubsidyAmountsValueSchema,
  keys: (lang: Locale) => ECO_BURIAL_DISTRICTS.map((district) => ({ key: district.id, label: translator(lang)(dynamicKey`eco-burial-subsidy:ecoBurial.district.${district.id}`) })),
  describe: (value, lang) => {
    const t = translator(lang);
    const funded = BURIAL_KINDS.flatMap((kind) => {
      const fen = amountOfKind(value, kind);
      return fen === undefined ? [] : [t('rules.tables.eco-burial-subsidy.amounts.kindAmount', { kind: t(dynamicKey`eco-burial-subsidy:ecoBurial.kind.${kind}`), amount: formatYuan(fen, lang) })];
    });
    const text = funded.length > 0 ? funded.join(t('punctuation.inlineList')) : t('rules.tables.eco-burial-subsidy.amounts.none');
    return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
  },
  fields: [...BURIAL_KINDS.map((kind) => ({ name: AMOUNT_FIELD[kind], control: 'text' as const })), { name: 'sourceYear', control: 'text' }],
  toForm: (value) => ({
    ...Object.fromEntries(BURIAL_KINDS.map((kind) => [AMOUNT_FIELD[kind], ((fen) => (fen === undefined ? '' : yuanText(fen)))(amountOfKind(value, kind))])),
    sourceYear: String(value.sourceYear),
  }),
  fromForm: (form) => ({
    ...Object.fromEntries(BURIAL_KINDS.flatMap((kind) => ((fen) => (fen === undefined ? [] : [[AMOUNT_FIELD[kind], fen]]))(typedAmount(form[AMOUNT_FIELD[kind]])))),
    sourceYear: /^\d{4}$/.test((form.sourceYear ?? '').trim()) ? Number(form.sourceYear?.trim()) : Number.NaN,
  }),
  source: () =>
    ECO_BURIAL_SOURCE_AMOUNTS.map((notice) =>
      sourceRow({
        key: notice.district,
        value: { sourceYear: notice.sourceYear, example: notice.example, ...Object.fromEntries(BURIAL_KINDS.flatMap((kind) => (notice.amounts[kind] === undefined ? [] : [[AMOUNT_FIELD[kind], notice.amounts[kind]]]))) },
        effectiveFrom: notice.effectiveFrom,
        basis: notice.basis,
      }),
    ),
};
