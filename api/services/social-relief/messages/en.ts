/** The same keys as ./zh-CN.ts, in English. */
import { SOCIAL_RELIEF_FIGURES } from '../figures.ts';
import { aidEn } from './aid.en.ts';
import { applicationErrorsEn, applicationEn } from './application.en.ts';
import { caseFieldsEn, casesEn, caseDecisionEn } from './cases.en.ts';
import { fieldsEn } from './fields.en.ts';
import { noticesEn } from './notices.en.ts';
import { selfCheckEn } from './self-check.en.ts';
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { socialReliefZhCN } from './zh-CN.ts';

export const socialReliefEn: SameKeys<typeof socialReliefZhCN> = {
  selfCheck: selfCheckEn,
  application: applicationEn,
  notices: noticesEn,
  caseAid: aidEn,
  ...casesEn,
  decision: caseDecisionEn,
  // The applications' labels (fields.en.ts), at the root where the generic pages look for them, and the workbench's for the relief steps' inputs (cases.en.ts).
  fields: { ...fieldsEn, ...caseFieldsEn },
  errors: {
    relief: applicationErrorsEn,
    amount: {
      empty: 'Enter {{field}}; if there is none, enter 0',
      notANumber: 'Enter {{field}} as an amount, like 1330, 1,330.50 or 1.5万',
      negative: '{{field}} cannot be below zero; if there is none, enter 0',
      tooManyDecimals: `Enter {{field}} with at most ${SOCIAL_RELIEF_FIGURES.yuanDecimals} digits after the decimal point (fen)`,
      tooLarge: `{{field}} cannot be more than ${SOCIAL_RELIEF_FIGURES.maxAmountYuanText} yuan: check for a digit typed twice`,
      zeroStandard: '{{field}} must be more than 0',
    },
  },
  relief: {
    district: {
      'demo-district': 'Example District',
      'demo-county': 'Example County',
    },
    township: {
      'dongcheng-street': 'Dongcheng Street',
      'xicheng-street': 'Xicheng Street',
      'qingshan-township': 'Qingshan Township',
    },
    community: {
      'heping-community': 'Heping Community',
      'xinhua-community': 'Xinhua Community',
      'jinqiao-community': 'Jinqiao Community',
      'qingshan-village': 'Qingshan Village',
      'shuikou-village': 'Shuikou Village',
    },
    area: {
      urban: 'town or city',
      rural: 'countryside',
    },
    kind: {
      dibao: 'Minimum living allowance (dibao)',
      tekun: 'Support for people in extreme poverty (tekun)',
      temporary: 'Temporary assistance',
    },
    band: {
      'below-standard': 'The household’s income per person is below the dibao standard',
      marginal: 'A household close to the dibao line: income per person is below {{percent}}% of the standard',
      'rigid-spending': 'A household with heavy essential costs: medical or school costs are high, and targeted help can be applied for',
      above: 'The household’s income per person is above the line for households close to the dibao standard',
    },
    reason: {
      'income-at-or-above-standard': 'The household’s income per person is not below the local dibao standard',
      'financial-assets-over-limit': 'Savings and other financial assets are over the local limit',
      'vehicles-over-limit': 'The household’s vehicles are over the local limit',
      'homes-over-limit': 'The household owns more homes than the local rules allow',
    },
    incomeKind: {
      wages: 'Wages',
      business: 'Net income from a business',
      property: 'Net income from property (such as rent or interest)',
      transfer: 'Net transfers (such as support from relatives, pensions)',
      'basic-pension': 'Basic pension for urban and rural residents',
      'special-care': 'Payments to veterans and their families (优抚)',
      'family-planning': 'Family-planning rewards and support',
      scholarship: 'Scholarships and student grants',
      'bravery-award': 'Awards for bravery',
      'social-assistance': 'Social assistance already received',
    },
  },
};
