/**
 * What the three relief workflows share (docs/decisions/043): the inputs of their steps, one Zod
 * schema each (the workbench's form and the API check the same), the names of the settings their
 * transitions read, and the steps every one of them has. Each workflow (its folder's workflow.ts)
 * is data built from these; the engine knows none of them.
 *
 * `control` tells the workbench which form control a field needs; `staffOnly` keeps a field (the
 * office's working record: findings, opinions, what an objector wrote) from the status page and
 * the texts; `sealed` encrypts it in the case's timeline: every free text an officer types (a
 * reason, the 补正 list, who visited, help given), whoever then reads it (docs/decisions/049).
 * Amounts are typed in yuan as people type them and kept in whole fen (money.ts).
 */
import { z } from 'zod';
import { textLine, textLines } from '../../domain/text.ts';
import { PREVIOUS_STATE, type StateDefinition, type TransitionDefinition } from '../../domain/workflow/workflow.ts';
import { AmountSchema } from './money.ts';
import { Documents, Reason, reasonText } from '../../domain/workflow/step-inputs.ts';
import { ObjectionInput } from '../../engine/publication/objection.ts';

/** The hand-off that asks the 核对 system to check a household's finances (docs/decisions/044; its declaration: household-check.ts). */
export const HOUSEHOLD_CHECK = 'household-check';

/** The settings the relief workflows read, as CaseService.settings gives them for a case (case-settings.ts). */
export const RELIEF_SETTING = {
  /** Who decides: 'county' or 'township' (social-relief.settings, by district). */
  decider: 'decider',
  /** Whether a 补正 request stops the clock: 'yes' or 'no' (social-relief.settings). */
  supplementPausesClock: 'supplement-pauses-clock',
  /** 'yes' when the household declares a close relative of a case worker or committee member (the application's `closeRelative`). */
  closeRelative: 'close-relative',
  /** 临时救助: the most granted at once as 先行救助, in fen (social-relief.standards' advanceCapFen). */
  advanceCap: 'advance-cap',
  /** 临时救助: whether the township approves small amounts itself: 'yes' where its cap is above 0. */
  townshipApproves: 'township-approves',
  /** 临时救助: the most a township approves itself, in fen (social-relief.settings). */
  townshipCap: 'township-cap',
} as const;

const YES_NO = ['yes', 'no'] as const;

/**
 * The states every relief case can be in, from the application to the decision and its end; each
 * service adds its own (a community review and an allowance stopped for 低保 and 特困, help given at
 * once for 临时救助).
 */
export const RELIEF_STATES = {
  submitted: {},
  accepted: {},
  'awaiting-documents': {},
  investigating: {},
  'opinion-given': {},
  'under-notice': {},
  'awaiting-decision': {},
  approved: { decided: true },
  refused: { decided: true },
  closed: { terminal: true, decided: true },
  'not-accepted': { terminal: true, decided: true },
  withdrawn: { terminal: true },
} as const satisfies Record<string, StateDefinition>;

/** 低保 and 特困 are paid monthly until stopped, and may go to a community review after an objection. */
export const ALLOWANCE_STATES = { ...RELIEF_STATES, 'community-review': {}, stopped: { terminal: true, decided: true } } as const satisfies Record<string, StateDefinition>;

/** The deadlines every relief case has: accepting or not (the office's own target: the queue needs a due day), and telling a refusal in writing. */
export const RELIEF_DEADLINES = { acceptance: { workingDays: 5 }, 'refusal-notice': { workingDays: 3 } } as const;

/** The settings every relief workflow has, with the value where no rule says otherwise (the national procedure). */
export const RELIEF_WORKFLOW_SETTINGS = {
  [RELIEF_SETTING.decider]: { values: ['county', 'township'], default: 'county' },
  [RELIEF_SETTING.supplementPausesClock]: { values: YES_NO, default: 'no' },
  [RELIEF_SETTING.closeRelative]: { values: YES_NO, default: 'no' },
} as const;

// The office's working record (findings at a home visit, an opinion, a check's answer) tells of a
// household's health, income and life: kept from the applicant's page and sealed at rest.
const record = () => textLines().trim().min(2).max(1000).meta({ control: 'textarea', staffOnly: true, sealed: true });
/** An investigator's name, as the visit's record gives it: sealed with the record. */
const personName = () => textLine().trim().min(2).max(40).meta({ sealed: true });
/** An amount of at least a fen: a decision of nothing is a refusal, with its reasons. */
export const positiveAmount = () => AmountSchema.pipe(z.number().int().min(1, 'social-relief:errors.amount.zeroStandard')).meta({ control: 'text' });
const month = () => textLine({ error: 'errors.workbench.firstMonth' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.workbench.firstMonth').meta({ control: 'month' });

/** The home visit (入户调查): two investigators, both named, and what they found. */
export const HomeVisit = z
  .object({ firstInvestigator: personName(), secondInvestigator: personName(), findings: record() })
  .refine((visit) => visit.firstInvestigator !== visit.secondInvestigator, { path: ['secondInvestigator'], message: 'social-relief:workflow.errors.sameInvestigator' });
/** The household financial check's answer (家庭经济状况核对), from its system or entered by hand. */
export const HOUSEHOLD_CHECK_RESULTS = ['within-limits', 'over-limits', 'refused', 'failed'] as const;
export const HouseholdCheck = z.object({
  result: z.enum(HOUSEHOLD_CHECK_RESULTS).meta({ control: 'radios' }),
  summary: record(),
  // A form sends an empty field when nothing was entered.
  checkedOn: z.preprocess((value) => (value === '' ? undefined : value), z.iso.date().optional()),
});
/** The preliminary opinion (初审意见) and the amount it proposes, a month (低保, 特困) or once (临时救助). */
export const Opinion = z.object({ opinion: record(), amountFen: positiveAmount() });
/** The notice (公示) shows the amount proposed. */
export const Notice = z.object({ amountFen: positiveAmount() });
/** A community review (民主评议) or the county's own visit: who, and what they found. */
export const Findings = z.object({ findings: record() });
export const CountyVisit = z.object({ visitors: textLine().trim().min(2).max(80).meta({ sealed: true }), findings: record() });
/** A monthly allowance granted: the amount and the first month paid (the month after the decision), and why. */
export const MonthlyApproval = z.object({ amountFen: positiveAmount(), firstMonth: month(), reason: reasonText() });
/** A one-off grant (临时救助) and why. */
export const OneOffApproval = z.object({ amountFen: positiveAmount(), reason: reasonText() });
/** The recipient heard before a cut or stop (社会救助法 第四十八条): when, and what they said. */
export const Hearing = z.object({ heardOn: z.iso.date().meta({ control: 'text' }), summary: record() });
export const Reduction = z.object({ amountFen: positiveAmount(), fromMonth: month(), reason: reasonText() });
export const Stop = z.object({ fromMonth: month(), reason: reasonText() });

/**
 * 补正 (docs/decisions/039): the office lists what is missing, once; the applicant answers on the
 * status page (or the intake clerk records what was brought in) and the case goes back where it
 * was. Whether the clock stops meanwhile is the district's setting.
 */
export function supplementSteps(from: readonly string[], by: TransitionDefinition['by']): TransitionDefinition[] {
  return [
    {
      name: 'request-documents',
      from,
      to: 'awaiting-documents',
      by,
      input: Documents,
      pausesClock: { setting: RELIEF_SETTING.supplementPausesClock, is: 'yes' },
      notify: 'case.documentsRequested',
      visibility: 'applicant',
    },
    { name: 'provide-documents', from: ['awaiting-documents'], to: PREVIOUS_STATE, by: ['applicant', 'intake'], resumesClock: true, notify: 'case.documentsReceived', visibility: 'applicant' },
  ];
}

/**
 * The investigation's records, all on the case without moving it: the home visit, the household
 * financial check asked for (the hand-off sends it) and its answer (from the 核对 system, or entered
 * by hand), and a re-check asked for when the household disputes the answer.
 */
export function investigationSteps(during: readonly string[]): TransitionDefinition[] {
  return [
    { name: 'record-home-visit', from: during, to: '@same', by: ['investigator'], input: HomeVisit, visibility: 'internal' },
    { name: 'request-household-check', from: during, to: '@same', by: ['investigator'], handoff: HOUSEHOLD_CHECK, visibility: 'internal' },
    { name: 'record-household-check', from: during, to: '@same', by: ['system', 'investigator'], input: HouseholdCheck, visibility: 'internal' },
    { name: 'request-recheck', from: during, to: '@same', by: ['investigator', 'intake'], input: Reason, visibility: 'internal' },
  ];
}

/** Objections during the notice: from the public form (by the system) or brought to the office. */
export const objectionStep = (during: readonly string[]): TransitionDefinition => ({
  name: 'record-objection',
  from: during,
  to: '@same',
  by: ['system', 'intake', 'investigator', 'reviewer'],
  // The publication engine's own objection (docs/decisions/045): its text and the objector's details sealed on the case.
  input: ObjectionInput,
  visibility: 'internal',
});

/**
 * An allowance being paid is cut or stopped only after the recipient was heard (第四十八条): the
 * hearing is recorded first, and each cut needs a hearing of its own (one since the last cut).
 */
export function allowanceChangeSteps(paid: string, stopped: string): TransitionDefinition[] {
  const heard = [{ transition: 'record-hearing', since: ['reduce'] }];
  return [
    { name: 'record-hearing', from: [paid], to: '@same', by: ['investigator', 'reviewer', 'approver'], input: Hearing, visibility: 'internal' },
    { name: 'reduce', from: [paid], to: '@same', by: ['approver'], input: Reduction, requires: heard, notify: 'case.reliefReduced', visibility: 'applicant' },
    { name: 'stop', from: [paid], to: stopped, by: ['approver'], input: Stop, requires: heard, notify: 'case.reliefStopped', visibility: 'applicant' },
  ];
}

/** The first month an allowance decided on `day` (YYYY-MM-DD) is paid: the month after (民发〔2021〕57号, 43号). */
export function firstMonthAfter(day: string): string {
  const [year = 0, month = 0] = day.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
