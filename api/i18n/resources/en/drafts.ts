/** Applications in progress kept on the server: save and come back later, the timeout warning, the resume page and their errors (docs/decisions/033). English: the same keys as ../zh-CN/drafts.ts. */

import { DRAFT_FIGURES } from '../../../engine/drafts/draft-rules.ts';
import type { SameKeys } from '../shape.ts';
import type { draftsZhCN } from '../zh-CN/drafts.ts';

export const draftsEn: SameKeys<typeof draftsZhCN> = {
  errors: {
    draft: {
      notFound: 'We could not find an application in progress: it may have timed out. Start again, or use your resume code to open a saved application',
      noSuchService: 'There is no service of that name applied for online',
      identityMissing: 'Enter the ID number first, then save to come back later: it is checked when you come back',
      noMatch: 'The resume code or ID number is not right, or the saved application has expired',
      tooMany: 'Too many attempts. Try again after {{time}}',
      codeRequired: 'Enter your resume code',
      idNumberRequired: 'Enter the ID number',
    },
  },
  notifications: {
    draft: {
      resumeCode: 'Civil Affairs Online: your application is saved. Resume code {{code}}, kept until {{until}}. Enter it with the ID number on the “Continue an application” page. Do not tell anyone.',
    },
  },
  tool: {
    nothingKept: 'Your answers are kept only in your own browser, never on our server, and are cleared after {{minutes}} minutes without use.',
    restarted: 'To protect your information, your earlier answers were cleared (over {{minutes}} minutes without use, or they could not be read). Please start again.',
    continue: 'Continue where you left off',
    tooMuch: 'There is too much to keep. Please shorten your answers, or apply directly or call the hotline.',
    changeTitle: 'Change your answers',
    none: 'Not given',
    startAgain: 'Clear my answers and start again',
  },
  draft: {
    keptFor: {
      long: `We keep your answers for ${DRAFT_FIGURES.longKeepDays} days. After ${DRAFT_FIGURES.idleMinutes} minutes without activity you need your resume code to get back to them.`,
      short: `We keep your answers for ${DRAFT_FIGURES.shortKeepDays} day. After ${DRAFT_FIGURES.idleMinutes} minutes without activity you need your resume code to get back to them.`,
    },
    saveForLater: 'Save and come back later',
    saved: {
      title: 'Your application has been saved',
      code: 'Resume code',
      lead: 'Write this code down. On any device, open the “Continue an application” page and enter the code and the ID number to carry on.',
      until: 'We keep your application until {{date}}, then delete it.',
      sentTo: 'We have sent the code to {{phone}}.',
      notSent: 'You have not given a mobile number yet, so we sent no text message: write the code down.',
      continue: 'Continue your application',
      resumeLink: 'Continue an application',
    },
    timeout: {
      title: 'Your application will time out soon',
      body: `To protect your information, we will hide your answers if there is no activity on this page in the next ${DRAFT_FIGURES.warnMinutes} minutes. Your answers will not be lost.`,
      continue: 'Continue with application',
      saveForLater: 'Save and come back later',
      extended: 'Extended: you can carry on.',
    },
    lapsed: 'To protect your information, your application timed out. Start again, or use your resume code to open a saved application.',
    resume: {
      title: 'Continue an application',
      lead: 'Enter the resume code you were given when you saved the application, and the applicant’s ID number.',
      code: 'Resume code',
      codeHint: '8 letters and numbers, for example ABCD-EF34',
      idNumber: 'ID number',
      submit: 'Continue',
    },
  },
  fields: {
    resume: {
      code: 'Resume code',
      idNumber: 'ID number',
    },
  },
};
