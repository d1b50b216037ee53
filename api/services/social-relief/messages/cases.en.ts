/** The same keys as ./cases.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { caseFieldsZhCN, casesZhCN, caseDecisionZhCN } from './cases.zh-CN.ts';

const states = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  'awaiting-documents': 'Waiting for documents',
  investigating: 'Being looked into',
  'opinion-given': 'First opinion given',
  'under-notice': 'On public notice',
  'community-review': 'Community review',
  'awaiting-decision': 'Awaiting the decision',
  approved: 'Approved',
  refused: 'Not approved',
  closed: 'Closed',
  stopped: 'Payments stopped',
  'not-accepted': 'Not accepted',
  withdrawn: 'Withdrawn',
};

const events = {
  submit: 'Application submitted',
  accept: 'Accepted by the township or street office',
  'not-accept': 'Not accepted',
  'request-documents': 'Missing documents listed, all at once',
  'provide-documents': 'Documents provided',
  'start-investigation': 'Looking into the household’s situation began',
  'record-home-visit': 'Home visit',
  'request-household-check': 'Household finances check asked for',
  'record-household-check': 'Household finances check result',
  'request-recheck': 'A new check asked for',
  'give-opinion': 'First opinion given',
  'start-notice': 'Public notice began',
  'record-objection': 'Objection to the notice received',
  reinvestigate: 'Looked into again after an objection',
  'start-community-review': 'Community review arranged',
  'record-community-review': 'Community review’s view',
  'refer-to-county': 'Sent to the county bureau for its decision',
  'refer-to-township': 'Sent for the township or street office’s decision',
  'record-county-visit': 'Home visit by the county bureau',
  approve: 'Approved',
  refuse: 'Not approved',
  'deliver-refusal': 'Written decision delivered',
  'record-hearing': 'Recipient heard',
  reduce: 'Allowance reduced',
  stop: 'Allowance stopped',
  withdraw: 'Application withdrawn',
};

const actions = {
  accept: 'Accept',
  'not-accept': 'Do not accept',
  'request-documents': 'List the missing documents',
  'provide-documents': 'Record the documents received',
  'start-investigation': 'Start looking into it',
  'record-home-visit': 'Record the home visit',
  'request-household-check': 'Ask for the household finances check',
  'record-household-check': 'Enter the check result',
  'request-recheck': 'Ask for a new check',
  'give-opinion': 'Give the first opinion',
  'start-notice': 'Start the public notice',
  'record-objection': 'Record an objection',
  reinvestigate: 'Look into it again',
  'start-community-review': 'Arrange a community review',
  'record-community-review': 'Record the community review',
  'refer-to-county': 'Send to the county bureau',
  'refer-to-township': 'Send for the township’s decision',
  'record-county-visit': 'Record the county’s home visit',
  approve: 'Approve',
  refuse: 'Do not approve',
  'deliver-refusal': 'Record the written decision delivered',
  'record-hearing': 'Record hearing the recipient',
  reduce: 'Reduce',
  stop: 'Stop',
};

const next = {
  submitted: 'Your township or street office will look at your application and decide whether to accept it. If anything is missing, they will tell you everything at once.',
  accepted: 'Two staff will agree a time with you to visit your home, and your household’s finances will be checked.',
  'awaiting-documents': 'Please send the documents asked for; you can upload them on this page. Your application then carries on.',
  investigating: 'Staff are looking into your household’s situation, and will then give their first opinion.',
  'opinion-given': 'The first opinion has been given. Next, your application goes on public notice in your village or community.',
  'under-notice': 'Your application is on public notice in your village or community. When the notice ends without objections, it goes for the decision.',
  'community-review': 'Your village or community is holding a review; your application then carries on.',
  'awaiting-decision': 'The decision is being made. We will text you when it is.',
  approved: 'The allowance is paid monthly to the account you gave. If your household’s situation changes, please tell your township or street office.',
  refused: 'Your township or street office will send you the decision and its reasons in writing.',
  closed: 'This application is closed.',
  stopped: 'The allowance has stopped.',
  'not-accepted': 'If you have questions, contact your township or street office or call the hotline. You can apply again if things change.',
  withdrawn: 'Your application was withdrawn. You can apply again whenever you need to.',
};

const timeLimit = {
  acceptance: 'Deciding whether to accept your application (the township or sub-district), from the day you apply',
  'refusal-notice': 'If you are refused: the reasons, in writing, from the day of the decision',
};

export const casesEn: SameKeys<typeof casesZhCN> = {
  dibao: {
    case: {
      name: 'Minimum living allowance (dibao)',
      timeLimit: {
        ...timeLimit,
        'investigation-start': 'Starting the home visit, from the day your application is accepted',
        decision: 'The decision, from the day the investigation’s findings and initial opinion reach the decider',
        whole: 'Everything, up to the decision, from the day your application is accepted',
      },
      state: states,
      event: { ...events, 'extend-time-limit': 'Time limit extended' },
      action: { ...actions, 'extend-time-limit': 'Extend the time limit (special case)' },
      next,
    },
  },
  tekun: {
    case: {
      name: 'Support for people in extreme poverty',
      timeLimit: {
        ...timeLimit,
        investigation: 'The investigation and the initial opinion, from the day your application is accepted',
        decision: 'The county’s decision, from the day the initial opinion and file reach it',
      },
      state: { ...states, approved: 'Recognised for support' },
      event: { ...events, 'assess-self-care': 'Ability to care for oneself assessed', approve: 'Recognised for support' },
      action: { ...actions, 'assess-self-care': 'Record the self-care assessment', approve: 'Recognise' },
      next: {
        ...next,
        accepted: 'Staff will visit your home, your household’s finances will be checked, and they will assess what you can do for yourself day to day.',
        approved: 'Support is paid monthly from the month after the decision. If your health or household changes, please tell your township or street office.',
      },
    },
  },
  temporary: {
    case: {
      name: 'Temporary assistance',
      timeLimit: {
        ...timeLimit,
        decision: 'The decision, from the day the file reaches the county after the public notice',
      },
      state: { ...states, 'advance-granted': 'Help given at once', approved: 'Help approved' },
      event: {
        ...events,
        'grant-advance': 'Help given at once',
        'explain-advance': 'Explanation of the help given at once',
        'approve-in-township': 'Help approved by the township or street office',
        approve: 'Help approved',
        'record-payment': 'Help paid',
      },
      action: { ...actions, 'grant-advance': 'Give help at once', 'explain-advance': 'Add the explanation', 'approve-in-township': 'Approve in the township', 'record-payment': 'Record the payment' },
      next: {
        ...next,
        submitted: 'Your township or street office will look at your application soon. If it is urgent, help comes first and the paperwork after.',
        'advance-granted': 'Help has been given at once. Staff will complete the paperwork, and carry on if you need more help.',
        approved: 'The help is paid to the account you gave; the application then closes.',
      },
    },
  },
  workflow: {
    errors: {
      sameInvestigator: 'A home visit needs two staff: enter the other visitor’s name',
    },
  },
};

export const caseDecisionEn: SameKeys<typeof caseDecisionZhCN> = {
  heading: 'What was decided',
  monthlyAmount: 'Each month',
  amount: 'Amount',
  firstMonth: 'Paid from',
  reducedFrom: 'At this amount from',
  stoppedFrom: 'Stopped from',
  careArrangement: 'How you are cared for',
  objectApproved: 'The amount each month and the month payments start from are part of the decision. If you think the amount is too low or the month is wrong, you can challenge them too, as set out below.',
  objectGranted: 'The amount is part of the decision. If you think it is too low, you can challenge it too, as set out below.',
};

export const caseFieldsEn: SameKeys<typeof caseFieldsZhCN> = {
  firstInvestigator: 'visitor (first)',
  secondInvestigator: 'visitor (second)',
  findings: 'what was found',
  result: 'check result',
  summary: 'summary of the result',
  checkedOn: 'day of the check (like 2026-12-08; optional)',
  amountFen: 'amount (yuan)',
  visitors: 'county staff who visited',
  heardOn: 'day the recipient was heard (like 2026-12-08)',
  fromMonth: 'from which month',
  help: 'help given',
  explanation: 'explanation',
  careArrangement: 'how the person is cared for',
  eating: 'eats unaided',
  dressing: 'dresses unaided',
  bed: 'gets in and out of bed unaided',
  toilet: 'uses the toilet unaided',
  indoors: 'moves about indoors unaided',
  bathing: 'bathes unaided',
  choices: {
    result: { 'within-limits': 'eligible (income and assets within the limits)', 'over-limits': 'over the limits', refused: 'check refused (no authorisation or no cooperation)', failed: 'check could not be completed' },
    careArrangement: { dispersed: 'at home', centralised: 'in a care home' },
    eating: { able: 'yes', unable: 'no' },
    dressing: { able: 'yes', unable: 'no' },
    bed: { able: 'yes', unable: 'no' },
    toilet: { able: 'yes', unable: 'no' },
    indoors: { able: 'yes', unable: 'no' },
    bathing: { able: 'yes', unable: 'no' },
  },
};
