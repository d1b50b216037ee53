/**
 * The self-check's answers, one schema (docs/decisions/041): what each page checks (only the issues
 * on its fields count) and what the result reads. Amounts are typed as people type them (AmountSchema:
 * 全角 digits, commas, 万) and become whole fen; a blank amount is none. Every refusal is a message
 * key of the self-check's words, shown next to its field.
 */
import { z } from 'zod';
import { nameLine } from '../../../domain/text.ts';
import { AMOUNT_MESSAGES, parseAmount } from '../money.ts';
import { SOCIAL_RELIEF_DISTRICTS } from '../districts.ts';
import { SELF_CHECK_MAX_MEMBERS } from '../figures.ts';
import { AREAS, HEALTH, HOMES, SUPPORTER, VEHICLES, YES_NO } from './journey.ts';

const CHOOSE = 'social-relief:selfCheck.errors.choose';
/** Longer than any amount a person types ("1,234,567.89元"): what keeps the answers within a cookie. */
const AMOUNT_TEXT_MAX = 20;

const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: CHOOSE });
const districtIds = SOCIAL_RELIEF_DISTRICTS.map((district) => district.id) as [string, ...string[]];

/** A typed amount in fen, read as AmountSchema reads it (parseAmount, with its messages); no longer than any amount is typed. */
const typedAmount = (blankIsNone: boolean) =>
  z
    .string()
    .max(AMOUNT_TEXT_MAX)
    .transform((typed, context) => {
      if (blankIsNone && typed.trim() === '') return 0;
      const parsed = parseAmount(typed);
      if (parsed.ok) return parsed.fen;
      context.addIssue({ code: 'custom', message: AMOUNT_MESSAGES[parsed.reason] });
      return z.NEVER;
    });
const amount = typedAmount(false);
/** An amount that may be left blank (or out): none. */
const amountOrNone = typedAmount(true)
  .optional()
  .transform((fen) => fen ?? 0);

export const SelfCheckMemberSchema = z.object({
  who: nameLine({ error: 'social-relief:selfCheck.errors.who' }).trim().min(1, 'social-relief:selfCheck.errors.who').max(20),
  health: choice(HEALTH),
  work: choice(YES_NO),
  wages: amountOrNone,
  business: amountOrNone,
  property: amountOrNone,
  transfer: amountOrNone,
  pension: amountOrNone,
  exempt: amountOrNone,
});

export const SelfCheckAnswersSchema = z
  .object({
    district: z.enum(districtIds, { error: CHOOSE }),
    area: choice(AREAS),
    members: z.array(SelfCheckMemberSchema).min(1, 'social-relief:selfCheck.errors.members').max(SELF_CHECK_MAX_MEMBERS, 'social-relief:selfCheck.errors.members'),
    costs: z.object({ illness: amountOrNone, working: amountOrNone, medical: amountOrNone, education: amountOrNone }).default({ illness: 0, working: 0, medical: 0, education: 0 }),
    assets: z.object({ financial: amountOrNone, vehicles: choice(VEHICLES), homes: choice(HOMES), vehicleValue: amount.optional() }),
    supporter: choice(SUPPORTER).optional(),
    hardship: choice(YES_NO),
    helpNow: choice(YES_NO).optional(),
  })
  .superRefine((answers, context) => {
    // Asked only when a vehicle is owned (the journey's vehicle-value step): then needed.
    if (answers.assets.vehicles === 'some' && answers.assets.vehicleValue === undefined) {
      context.addIssue({ code: 'custom', path: ['assets', 'vehicleValue'], message: 'social-relief:errors.amount.empty' });
    }
    if (answers.hardship === 'yes' && answers.helpNow === undefined) context.addIssue({ code: 'custom', path: ['helpNow'], message: CHOOSE });
  });

export type SelfCheckAnswers = z.output<typeof SelfCheckAnswersSchema>;
export type SelfCheckMember = z.output<typeof SelfCheckMemberSchema>;
