/**
 * 特困人员救助供养 (特困) as data on the workflow engine (docs/decisions/043; 社会救助法,
 * 特困人员认定办法 民发〔2021〕43号 where consistent with it): the shape of the 低保 workflow with its
 * own time limits — the investigation within 15 working days of acceptance, a 7-day notice, the
 * decision within 15 working days of the file reaching the decider — the self-care assessment
 * (six items, self-care.ts) recorded by an investigator before the opinion, and the care arrangement
 * (分散 or 集中供养) in the decision. Support is paid from the month after the decision.
 */
import { z } from 'zod';
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
import { CARE_ARRANGEMENTS, SelfCareAssessment } from './self-care.ts';

const WORKING = ['accepted', 'investigating', 'opinion-given', 'under-notice', 'community-review', 'awaiting-decision'] as const;
const BEFORE_DECISION = ['submitted', ...WORKING, 'awaiting-documents'] as const;
const COUNTY_VISIT_FIRST = [{ transition: 'record-county-visit', where: { setting: RELIEF_SETTING.closeRelative, is: 'yes' } }];
const THIS_ROUND = ['start-investigation', 'reinvestigate'];

/** The decision: the monthly support, its first month, how the person is cared for, and why. */
const Support = MonthlyApproval.extend({ careArrangement: z.enum(CARE_ARRANGEMENTS).meta({ control: 'radios' }) });

export const extremePovertySupportWorkflow: ServiceDefinition = {
  id: 'extreme-poverty-support',
  serviceArea: 'relief',
  initialState: 'submitted',
  states: ALLOWANCE_STATES,
  deadlines: {
    ...RELIEF_DEADLINES,
    investigation: { workingDays: 15 },
    decision: { workingDays: 15 },
  },
  periods: { notice: { calendarDays: 7 } },
  settings: RELIEF_WORKFLOW_SETTINGS,
  initialDeadlines: ['acceptance'],
  applicantStops: ['withdraw'],
  transitions: [
    { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], startsDeadlines: ['investigation'], notify: 'case.accepted', visibility: 'applicant' },
    { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
    ...supplementSteps(['submitted', 'accepted', 'investigating'], ['intake', 'investigator']),
    { name: 'start-investigation', from: ['accepted'], to: 'investigating', by: ['investigator'], visibility: 'applicant' },
    ...investigationSteps(['investigating']),
    { name: 'assess-self-care', from: ['investigating'], to: '@same', by: ['investigator'], input: SelfCareAssessment, visibility: 'internal' },
    {
      name: 'give-opinion',
      from: ['investigating'],
      to: 'opinion-given',
      by: ['reviewer'],
      input: Opinion,
      requires: [
        { transition: 'record-home-visit', since: THIS_ROUND },
        { transition: 'record-household-check', since: THIS_ROUND },
        { transition: 'assess-self-care', since: THIS_ROUND },
      ],
      stopsDeadlines: ['investigation'],
      visibility: 'applicant',
    },
    { name: 'start-notice', from: ['opinion-given'], to: 'under-notice', by: ['reviewer', 'intake'], input: Notice, startsPeriods: ['notice'], publishes: { list: 'notice', period: 'notice', objection: 'record-objection' }, notify: 'case.reliefNotice', visibility: 'applicant' },
    objectionStep(['under-notice']),
    { name: 'reinvestigate', from: ['under-notice'], to: 'investigating', by: ['reviewer'], input: Reason, startsDeadlines: ['investigation'], visibility: 'applicant' },
    { name: 'start-community-review', from: ['under-notice'], to: 'community-review', by: ['reviewer'], input: Reason, visibility: 'applicant' },
    { name: 'record-community-review', from: ['community-review'], to: 'opinion-given', by: ['reviewer'], input: Findings, visibility: 'applicant' },
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
    { name: 'approve', from: ['awaiting-decision'], to: 'approved', by: ['approver'], input: Support, publishes: { list: 'announcement' }, requires: COUNTY_VISIT_FIRST, stopsDeadlines: ['decision'], notify: 'case.reliefApproved', visibility: 'applicant' },
    {
      name: 'refuse',
      from: ['opinion-given', 'awaiting-decision'],
      to: 'refused',
      by: ['approver'],
      input: Reason,
      requires: COUNTY_VISIT_FIRST,
      stopsDeadlines: ['investigation', 'decision'],
      startsDeadlines: ['refusal-notice'],
      notify: 'case.refused',
      visibility: 'applicant',
    },
    { name: 'deliver-refusal', from: ['refused'], to: 'closed', by: ['intake', 'approver'], stopsDeadlines: ['refusal-notice'], visibility: 'applicant' },
    ...allowanceChangeSteps('approved', 'stopped'),
    { name: 'withdraw', from: BEFORE_DECISION, to: 'withdrawn', by: ['applicant'], stopsDeadlines: ['acceptance', 'investigation', 'decision'], notify: 'case.withdrawn', visibility: 'applicant' },
  ],
};
