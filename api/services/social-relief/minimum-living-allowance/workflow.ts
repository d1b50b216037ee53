/**
 * 最低生活保障 (低保) as data on the workflow engine (docs/decisions/043; 社会救助法 第四十条至第四十八条,
 * 民发〔2021〕57号 where consistent with it):
 *
 *   submitted → accepted (受理 by the 乡镇/街道) or not accepted (with reasons); missing materials
 *     asked for once, all together (补正) → investigating (入户调查 by two investigators, the household
 *     financial check asked for and answered, a re-check on request) → opinion-given (初审意见 and the
 *     proposed amount) → under-notice (公示, 7 calendar days; objections recorded; an objection sends
 *     the case back to investigation or to a community review) → awaiting-decision (the file referred
 *     to the county bureau, or decided by the 乡镇/街道 where the district delegates it) → approved
 *     (the monthly amount from the month after the decision; the approved state is what 公布 lists)
 *     or refused (written reasons, sent within 3 working days) → closed.
 *
 * Time limits in working days: the investigation starts within 3 of acceptance; the decision within
 * 10 of the file reaching the decider; the whole within 30 of acceptance, 45 in special cases with a
 * reason. A household that declares a close relative of a case worker or a committee member is
 * visited by the county itself before any decision. Paid allowances are cut or stopped only after
 * the recipient was heard. The applicant withdraws at any time before a decision.
 */
import type { ServiceDefinition } from '../../../domain/workflow/workflow.ts';
import {
  ALLOWANCE_STATES,
  allowanceChangeSteps,
  CountyVisit,
  Findings,
  investigationSteps,
  MonthlyApproval,
  Notice,
  objectionStep,
  Opinion,
  RELIEF_DEADLINES,
  RELIEF_SETTING,
  RELIEF_WORKFLOW_SETTINGS,
  supplementSteps,
} from '../workflow-parts.ts';
import { Reason } from '../../../domain/workflow/step-inputs.ts';

/** The states before a decision, in which staff work the case and the applicant may withdraw. */
const WORKING = ['accepted', 'investigating', 'opinion-given', 'under-notice', 'community-review', 'awaiting-decision'] as const;
const BEFORE_DECISION = ['submitted', ...WORKING, 'awaiting-documents'] as const;
/** The county's own visit of a flagged household comes before any decision on it. */
const COUNTY_VISIT_FIRST = [{ transition: 'record-county-visit', where: { setting: RELIEF_SETTING.closeRelative, is: 'yes' } }];

export const minimumLivingAllowanceWorkflow: ServiceDefinition = {
  id: 'minimum-living-allowance',
  serviceArea: 'relief',
  initialState: 'submitted',
  states: ALLOWANCE_STATES,
  deadlines: {
    ...RELIEF_DEADLINES,
    'investigation-start': { workingDays: 3 },
    decision: { workingDays: 10 },
    whole: { workingDays: 30, extendableTo: 45 },
  },
  periods: { notice: { calendarDays: 7 } },
  settings: RELIEF_WORKFLOW_SETTINGS,
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], startsDeadlines: ['investigation-start', 'whole'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
    ...supplementSteps(['submitted', 'accepted', 'investigating'], ['intake', 'investigator']),
    { name: 'start-investigation', from: ['accepted'], to: 'investigating', by: ['investigator'], stopsDeadlines: ['investigation-start'], visibility: 'applicant' },
    ...investigationSteps(['investigating']),
    // The opinion rests on the visit and the check of this round of investigation.
    {
      name: 'give-opinion',
      from: ['investigating'],
      to: 'opinion-given',
      by: ['reviewer'],
      input: Opinion,
      requires: [
        { transition: 'record-home-visit', since: ['start-investigation', 'reinvestigate'] },
        { transition: 'record-household-check', since: ['start-investigation', 'reinvestigate'] },
      ],
      visibility: 'applicant',
    },
    { name: 'start-notice', from: ['opinion-given'], to: 'under-notice', by: ['reviewer', 'intake'], input: Notice, startsPeriods: ['notice'], publishes: { list: 'notice', period: 'notice', objection: 'record-objection' }, notify: 'case.reliefNotice', visibility: 'applicant' },
    objectionStep(['under-notice']),
    { name: 'reinvestigate', from: ['under-notice'], to: 'investigating', by: ['reviewer'], input: Reason, visibility: 'applicant' },
    { name: 'start-community-review', from: ['under-notice'], to: 'community-review', by: ['reviewer'], input: Reason, visibility: 'applicant' },
    { name: 'record-community-review', from: ['community-review'], to: 'opinion-given', by: ['reviewer'], input: Findings, visibility: 'applicant' },
    // Once the notice is over, the file goes to whoever decides where the household lives.
    { name: 'refer-to-county', from: ['under-notice'], to: 'awaiting-decision', by: ['reviewer'], afterEndOf: 'notice', onlyIf: { setting: RELIEF_SETTING.decider, is: 'county' }, startsDeadlines: ['decision'], visibility: 'applicant' },
    { name: 'refer-to-township', from: ['under-notice'], to: 'awaiting-decision', by: ['reviewer'], afterEndOf: 'notice', onlyIf: { setting: RELIEF_SETTING.decider, is: 'township' }, startsDeadlines: ['decision'], visibility: 'applicant' },
    {
      name: 'record-county-visit',
      from: ['investigating', 'opinion-given', 'under-notice', 'community-review', 'awaiting-decision'],
      to: '@same',
      by: ['investigator', 'approver'],
      input: CountyVisit,
      onlyIf: { setting: RELIEF_SETTING.closeRelative, is: 'yes' },
      visibility: 'internal',
    },
    { name: 'extend-time-limit', from: [...WORKING, 'awaiting-documents'], to: '@same', by: ['reviewer', 'approver'], input: Reason, extendsDeadline: 'whole', notify: 'case.timeLimitExtended', visibility: 'applicant' },
    {
      name: 'approve',
      from: ['awaiting-decision'],
      to: 'approved',
      by: ['approver'],
      input: MonthlyApproval,
      publishes: { list: 'announcement' },
      requires: COUNTY_VISIT_FIRST,
      stopsDeadlines: ['decision', 'whole'],
      notify: 'case.reliefApproved',
      visibility: 'applicant',
    },
    // A household the opinion finds not eligible is refused without a notice (a notice lists only those proposed for help).
    {
      name: 'refuse',
      from: ['opinion-given', 'awaiting-decision'],
      to: 'refused',
      by: ['approver'],
      input: Reason,
      requires: COUNTY_VISIT_FIRST,
      stopsDeadlines: ['decision', 'whole'],
      startsDeadlines: ['refusal-notice'],
      notify: 'case.refused',
      visibility: 'applicant',
    },
    { name: 'deliver-refusal', from: ['refused'], to: 'closed', by: ['intake', 'approver'], stopsDeadlines: ['refusal-notice'], visibility: 'applicant' },
    ...allowanceChangeSteps('approved', 'stopped'),
    { name: 'withdraw', from: BEFORE_DECISION, to: 'withdrawn', by: ['applicant'], stopsDeadlines: ['acceptance', 'investigation-start', 'decision', 'whole'], notify: 'case.withdrawn', visibility: 'applicant' },
  ],
};
