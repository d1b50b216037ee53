/**
 * The steps the funeral area's applications share on the workflow engine (the eco-burial subsidy,
 * docs/decisions/061; a public cemetery plot, 064): received by the district's intake clerk (受理 or
 * not, with reasons), 补正 from either stage before the decision (the clocks paused, answered online
 * or at the counter), refused by a reviewer with reasons, and withdrawn by the applicant until a
 * decision. Each service adds its own approval and what follows it (payment, a plot's allocation).
 * Data: the engine knows none of it.
 */
import { Documents, Reason } from '../../domain/workflow/step-inputs.ts';
import { PREVIOUS_STATE, type StateDefinition, type TransitionDefinition } from '../../domain/workflow/workflow.ts';

const BEFORE_DECISION = ['submitted', 'accepted'] as const;

/** The states every such application can be in; a service adds its own after the approval. */
export const RECEIVED_AND_REVIEWED_STATES = {
  submitted: {},
  accepted: {},
  'awaiting-documents': {},
  approved: { decided: true },
  'not-accepted': { terminal: true, decided: true },
  refused: { terminal: true, decided: true },
  withdrawn: { terminal: true },
} as const satisfies Record<string, StateDefinition>;

/** The states in which a case ended without what was applied for: what it held (a plot, the way to another application for the same deceased) is given back. */
export const ENDED_WITHOUT_IT = ['not-accepted', 'refused', 'withdrawn'] as const;

export interface ReceivedAndReviewedOptions {
  /** The deadlines acceptance starts (the decision's, and any the approval leaves running, such as payment). */
  startedOnAcceptance: readonly string[];
  /** Every deadline of the service: a withdrawal stops them all. */
  allDeadlines: readonly string[];
  /** States after the decision from which the applicant may still withdraw (a plot approved but not yet allocated). */
  alsoWithdrawableFrom?: readonly string[];
}

/** The steps, grouped as a workflow orders them: reception and 补正 first, the refusal beside the service's approval, the withdrawal last. */
export function receivedAndReviewed(options: ReceivedAndReviewedOptions): { reception: TransitionDefinition[]; refusal: TransitionDefinition; withdrawal: TransitionDefinition } {
  return {
    reception: [
      { name: 'accept', from: ['submitted'], to: 'accepted', by: ['intake'], stopsDeadlines: ['acceptance'], startsDeadlines: options.startedOnAcceptance, notify: 'case.accepted', visibility: 'applicant' },
      { name: 'not-accept', from: ['submitted'], to: 'not-accepted', by: ['intake'], input: Reason, stopsDeadlines: ['acceptance'], notify: 'case.notAccepted', visibility: 'applicant' },
      { name: 'request-documents', from: BEFORE_DECISION, to: 'awaiting-documents', by: ['intake', 'reviewer'], input: Documents, pausesClock: true, notify: 'case.documentsRequested', visibility: 'applicant' },
      { name: 'provide-documents', from: ['awaiting-documents'], to: PREVIOUS_STATE, by: ['applicant', 'intake'], resumesClock: true, notify: 'case.documentsReceived', visibility: 'applicant' },
    ],
    refusal: { name: 'refuse', from: ['accepted'], to: 'refused', by: ['reviewer'], input: Reason, stopsDeadlines: options.startedOnAcceptance, notify: 'case.refused', visibility: 'applicant' },
    withdrawal: { name: 'withdraw', from: [...BEFORE_DECISION, 'awaiting-documents', ...(options.alsoWithdrawableFrom ?? [])], to: 'withdrawn', by: ['applicant'], stopsDeadlines: options.allDeadlines, notify: 'case.withdrawn', visibility: 'applicant' },
  };
}
