/**
 * 临时救助 as data on the workflow engine (docs/decisions/043; 社会救助法 第三十七条, 第五十条;
 * 民发〔2018〕23号 where consistent with it). Applied for at the 乡镇/街道 where the hardship happened.
 *
 * The ordinary way (支出型): submitted → accepted → investigating → opinion-given (the amount
 * proposed, once) → under-notice (公示, 7 days) → approved by the township itself up to the
 * district's cap where it is delegated, or referred to the county (awaiting-decision) → approved or
 * refused (written reasons) → closed once paid or the refusal sent.
 *
 * 先行救助 (第五十条: "must" when the case is urgent, the amount small and help needed at once): a
 * township officer grants help at once, up to the district's cap (the standards' advanceCapFen,
 * checked by the engine against the case's setting), from any step before the investigation ends;
 * the explanation is recorded afterwards (within the district's days, an example figure here), and
 * the case then completes its paperwork the ordinary way.
 */
import { z } from 'zod';
import { textLines } from '../../../domain/text.ts';
import type { ServiceDefinition } from '../../../domain/workflow/workflow.ts';
import { CountyVisit, investigationSteps, Notice, objectionStep, OneOffApproval, Opinion, positiveAmount, RELIEF_DEADLINES, RELIEF_SETTING, RELIEF_STATES, RELIEF_WORKFLOW_SETTINGS, supplementSteps } from '../workflow-parts.ts';
import { Reason } from '../../../domain/workflow/step-inputs.ts';

const WORKING = ['accepted', 'investigating', 'advance-granted', 'opinion-given', 'under-notice', 'awaiting-decision'] as const;
const BEFORE_DECISION = ['submitted', ...WORKING, 'awaiting-documents'] as const;
const COUNTY_VISIT_FIRST = [{ transition: 'record-county-visit', where: { setting: RELIEF_SETTING.closeRelative, is: 'yes' } }];

/** Help given at once: how much (in cash, or the value of what was given) and what it was (the applicant reads it; sealed at rest). */
const Advance = z.object({
  amountFen: positiveAmount(),
  help: textLines().trim().min(2).max(500).meta({ control: 'textarea', sealed: true }),
});
/** Why help was given before the paperwork (情况说明): the office's record, sealed at rest. */
const Explanation = z.object({ explanation: textLines().trim().min(2).max(1000).meta({ control: 'textarea', staffOnly: true, sealed: true }) });

export const temporaryAssistanceWorkflow: ServiceDefinition = {
  id: 'temporary-assistance',
  serviceArea: 'relief',
  initialState: 'submitted',
  states: { ...RELIEF_STATES, 'advance-granted': {} },
  deadlines: {
    ...RELIEF_DEADLINES,
    // EXAMPLE local figures (a province's published rule: paperwork within 5 days of help given at once).
    'advance-paperwork': { workingDays: 5 },
    decision: { workingDays: 10 },
  },
  periods: { notice: { calendarDays: 7 } },
  settings: {
    ...RELIEF_WORKFLOW_SETTINGS,
    [RELIEF_SETTING.advanceCap]: { default: '0' },
    [RELIEF_SETTING.townshipApproves]: { values: ['yes', 'no'], default: 'no' },
    [RELIEF_SETTING.townshipCap]: { default: '0' },
  },
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
    ...supplementSteps(['submitted', 'accepted', 'investigating'], ['intake', 'investigator']),
    {
      name: 'grant-advance',
      from: ['submitted', 'accepted', 'investigating'],
      to: 'advance-granted',
      by: ['intake', 'investigator'],
      input: Advance,
      inputLimits: [{ field: 'amountFen', atMost: RELIEF_SETTING.advanceCap }],
      stopsDeadlines: ['acceptance'],
      startsDeadlines: ['advance-paperwork'],
      notify: 'case.advanceGranted',
      visibility: 'applicant',
    },
    { name: 'explain-advance', from: ['advance-granted'], to: 'investigating', by: ['intake', 'investigator'], input: Explanation, stopsDeadlines: ['advance-paperwork'], visibility: 'internal' },
    { name: 'start-investigation', from: ['accepted'], to: 'investigating', by: ['investigator'], visibility: 'applicant' },
    ...investigationSteps(['investigating']),
    { name: 'give-opinion', from: ['investigating'], to: 'opinion-given', by: ['reviewer'], input: Opinion, visibility: 'applicant' },
    { name: 'start-notice', from: ['opinion-given'], to: 'under-notice', by: ['reviewer', 'intake'], input: Notice, startsPeriods: ['notice'], publishes: { list: 'notice', period: 'notice', objection: 'record-objection' }, notify: 'case.reliefNotice', visibility: 'applicant' },
    objectionStep(['under-notice']),
    { name: 'reinvestigate', from: ['under-notice'], to: 'investigating', by: ['reviewer'], input: Reason, visibility: 'applicant' },
    {
      name: 'record-county-visit',
      from: ['investigating', 'opinion-given', 'under-notice', 'awaiting-decision'],
      to: '@same',
      by: ['investigator', 'approver'],
      input: CountyVisit,
      onlyIf: { setting: RELIEF_SETTING.closeRelative, is: 'yes' },
      visibility: 'internal',
    },
    // Small amounts, where the district delegates them: the township decides, up to its cap.
    {
      name: 'approve-in-township',
      from: ['under-notice'],
      to: 'approved',
      by: ['approver'],
      input: OneOffApproval,
      publishes: { list: 'announcement' },
      afterEndOf: 'notice',
      onlyIf: { setting: RELIEF_SETTING.townshipApproves, is: 'yes' },
      inputLimits: [{ field: 'amountFen', atMost: RELIEF_SETTING.townshipCap }],
      requires: COUNTY_VISIT_FIRST,
      notify: 'case.reliefGranted',
      visibility: 'applicant',
    },
    { name: 'refer-to-county', from: ['under-notice'], to: 'awaiting-decision', by: ['reviewer'], afterEndOf: 'notice', startsDeadlines: ['decision'], visibility: 'applicant' },
    { name: 'approve', from: ['awaiting-decision'], to: 'approved', by: ['approver'], input: OneOffApproval, publishes: { list: 'announcement' }, requires: COUNTY_VISIT_FIRST, stopsDeadlines: ['decision'], notify: 'case.reliefGranted', visibility: 'applicant' },
    {
      name: 'refuse',
      from: ['opinion-given', 'awaiting-decision'],
      to: 'refused',
      by: ['approver'],
      input: Reason,
      requires: COUNTY_VISIT_FIRST,
      stopsDeadlines: ['decision'],
      startsDeadlines: ['refusal-notice'],
      notify: 'case.refused',
      visibility: 'applicant',
    },
    { name: 'deliver-refusal', from: ['refused'], to: 'closed', by: ['intake', 'approver'], stopsDeadlines: ['refusal-notice'], visibility: 'applicant' },
    // A one-off grant: the case ends once it is paid.
    { name: 'record-payment', from: ['approved'], to: 'closed', by: ['intake', 'approver'], visibility: 'applicant' },
    { name: 'withdraw', from: BEFORE_DECISION, to: 'withdrawn', by: ['applicant'], stopsDeadlines: ['acceptance', 'advance-paperwork', 'decision'], notify: 'case.withdrawn', visibility: 'applicant' },
  ],
};
