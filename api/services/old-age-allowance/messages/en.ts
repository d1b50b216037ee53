/** The same keys as ./zh-CN.ts, in English. */
import { OLD_AGE_ALLOWANCE_FIGURES } from '../figures.ts';
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { oldAgeAllowanceZhCN } from './zh-CN.ts';

export const oldAgeAllowanceEn: SameKeys<typeof oldAgeAllowanceZhCN> = {
  application: {
    district: {
      'demo-district': 'Example District',
      'demo-county': 'Example County',
    },
    relationship: {
      spouse: 'Husband or wife',
      child: 'Son or daughter',
      'child-in-law': 'Son-in-law or daughter-in-law',
      grandchild: 'Grandchild',
      sibling: 'Brother or sister',
      'other-relative': 'Other relative',
      carer: 'Carer',
    },
    hasAgent: {
      yes: 'Yes, I am applying for the older person',
      no: 'No, the older person is applying',
    },
    start: {
      title: 'Apply for the old-age allowance',
      lead: 'Apply for the monthly allowance for a person who has reached the district’s age. The older person or their family can apply online. It takes about 5 minutes.',
      needTitle: 'What you need',
      need: {
        elderId: 'the older person’s resident ID number',
        phone: 'a mobile number that can receive text messages',
        bank: 'a bank account or social security card account in the older person’s name',
        agentId: 'if you are applying for them: your own resident ID number',
      },
      afterTitle: 'After you apply',
      after: `You get a tracking number and a text message. Staff decide within ${OLD_AGE_ALLOWANCE_FIGURES.acceptanceDays} working days whether to accept the application, and make a decision within ${OLD_AGE_ALLOWANCE_FIGURES.decisionDays} working days after that. You get a text at every step, and you can check progress at any time.`,
      privacy: 'Until you submit, your answers are kept encrypted in this browser for up to 24 hours. After you submit, they are kept encrypted in the bureau’s system, and only the staff handling the case can see them.',
      guideLink: 'Read the guide first',
      button: 'Start now',
    },
    step: {
      eligibility: {
        title: 'Where the older person is registered, and their ID number',
        lead: 'We work out the older person’s age from the ID number. The age at which the allowance starts differs between districts.',
      },
      elder: { title: 'The older person’s name and mobile number', lead: 'Enter the name as it is on their ID card.' },
      agent: { title: 'Are you applying for the older person?', lead: 'Family or carers can apply for the older person. Progress messages then go to you.' },
      'agent-details': { title: 'Your details', lead: 'Enter your own details.' },
      bank: { title: 'Where should the allowance be paid?', lead: 'Enter a bank account in the older person’s own name. The allowance is paid into it every month.' },
      declaration: { title: 'Declaration', lead: 'Read this and confirm it before you submit.' },
      check: { title: 'Check your answers before you apply', lead: 'To change an answer, select “Change” next to it.' },
    },
    hint: {
      elder: {
        idNumber: '18 characters; the last one may be X',
        phone: '11 digits. If the older person has no mobile phone, enter a family member’s number',
      },
      agent: {
        idNumber: '18 characters; the last one may be X',
        phone: 'We send progress messages to this number',
      },
      bank: {
        bankName: 'For example: Example Bank, Central Branch',
        accountHolder: 'Usually the older person’s own name',
        accountNumber: '12 to 19 digits; spaces are fine',
      },
    },
    declarationText: 'I confirm that the information I have given is true, accurate and complete. I understand that if false information is used to obtain the allowance, the allowance paid must be returned and legal responsibility may follow.',
    declarationAgree: 'I have read and confirm this declaration',
    confirmation: {
      title: 'Application sent',
      numberLabel: 'Your tracking number',
      keep: 'Write this number down or take a screenshot: you need it to check progress. We have also sent it to you by text message.',
      nextTitle: 'What happens next',
      acceptBy: 'Staff will decide by {{date}} whether to accept your application.',
      afterAccept: `Once it is accepted, staff check it and make a decision within ${OLD_AGE_ALLOWANCE_FIGURES.decisionDays} working days. If more documents are needed, we tell you by text message what to provide.`,
      trackLink: 'Check progress',
      newApplication: 'Apply for another person',
    },
  },
  errors: {
    application: {
      districtRequired: 'Select the district of household registration',
      relationshipRequired: 'Select how the agent is related to the older person',
      hasAgentRequired: 'Select whether you are applying for the older person',
      bankNameRequired: 'Enter the name of the bank',
      accountNumberRequired: 'Enter the account number',
      accountNumberInvalid: 'The account number must be 12 to 19 digits',
      declarationRequired: 'Tick the box to confirm that the information is true',
      tooYoung: 'The older person must be {{threshold}} or over to get this district’s allowance',
      agentIsElder: 'The agent cannot be the older person: enter your own ID number',
    },
  },
  fields: {
    district: 'district of household registration',
    hasAgent: 'applying for someone else',
    elder: {
      group: 'the older person’s details',
      name: 'the older person’s full name',
      idNumber: 'the older person’s resident ID number',
      phone: 'the older person’s mobile number',
    },
    agent: {
      group: 'the agent’s details',
      name: 'your full name',
      idNumber: 'your resident ID number',
      phone: 'your mobile number',
      relationship: 'your relationship to the older person',
    },
    bank: {
      group: 'bank account',
      bankName: 'bank',
      accountHolder: 'account holder',
      accountNumber: 'account number',
    },
    declaration: 'declaration',
    monthlyAmount: 'the monthly amount (yuan)',
    firstMonth: 'the first month of payment',
  },
  /** Its cases as the status page and the workbench name them (the service's `words`, api/services/registry.ts). */
  case: {
    name: 'Old-age allowance',
    state: {
      submitted: 'Submitted, waiting to be accepted',
      accepted: 'Accepted, being reviewed',
      reviewed: 'Reviewed, waiting for a decision',
      'awaiting-documents': 'More documents needed',
      'not-accepted': 'Not accepted',
      approved: 'Approved',
      refused: 'Refused',
      withdrawn: 'Withdrawn',
    },
    event: {
      submit: 'Application submitted',
      accept: 'Accepted',
      'not-accept': 'Not accepted',
      review: 'Review completed',
      approve: 'Approved',
      refuse: 'Refused',
      'request-documents': 'More documents requested',
      'provide-documents': 'Documents received',
      withdraw: 'Withdrawn by the applicant',
    },
    action: {
      accept: 'Accept',
      'not-accept': 'Do not accept',
      review: 'Mark as reviewed',
      approve: 'Approve',
      refuse: 'Refuse',
      'request-documents': 'Ask for more documents',
      'provide-documents': 'Documents received',
    },
    next: {
      submitted: 'Staff will check your application and decide whether to accept it.',
      accepted: 'Staff are reviewing your application and documents.',
      reviewed: 'Your application is waiting for a decision.',
      'awaiting-documents': 'Bring the documents asked for in the text message to the office.',
      'not-accepted': 'This application is closed. If you disagree, you can ask for an administrative review or go to court.',
      approved: 'This application is closed. The allowance is paid monthly into the bank account you gave.',
      refused: 'This application is closed. If you disagree, you can ask for an administrative review or go to court.',
      withdrawn: 'This application is closed.',
    },
  },
};
