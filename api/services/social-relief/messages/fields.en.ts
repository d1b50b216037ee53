/** The same keys as ./fields.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { fieldsZhCN } from './fields.zh-CN.ts';

export const fieldsEn: SameKeys<typeof fieldsZhCN> = {
  area: { community: 'village or community' },
  applicant: { name: 'your name', idNumber: 'your ID number', phone: 'mobile number' },
  household: {
    name: 'Household member’s name',
    relationship: 'Their relationship to you',
    idNumber: 'ID number',
    occupation: 'what they do',
    disability: 'disability',
    health: 'health',
    incomes: {
      wages: 'wages a month (yuan)',
      business: 'net business income a month (yuan)',
      property: 'net property income a month (yuan)',
      transfer: 'net transfer income a month (yuan)',
      'basic-pension': 'residents’ basic pension a month (yuan)',
      'special-care': 'special care payments a month (yuan)',
      'family-planning': 'family planning rewards a month (yuan)',
      scholarship: 'scholarships and student aid a month (yuan)',
      'bravery-award': 'bravery awards (yuan)',
      'social-assistance': 'social assistance received a month (yuan)',
    },
    authorisation: 'household finances check',
    circumstances: 'work, disability and health',
    incomeSummary: 'income a month',
  },
  assets: {
    housing: 'homes the household owns',
    vehicles: 'value of vehicles (yuan)',
    deposits: 'deposits and cash (yuan)',
    securities: 'shares, funds and bonds (yuan)',
    insurance: 'cash value of insurance (yuan)',
    other: 'other assets (yuan)',
  },
  support: { ableToWork: 'are you able to work', supporters: 'who can support you' },
  situation: { what: 'what happened', description: 'what happened, in your words', happenedOn: 'date it happened', needsHelpNow: 'help needed right now' },
  closeRelative: 'close relative of a civil affairs worker or committee member',
  commitment: 'commitment',
  files: { incomeProof: 'Proof of income', healthProof: 'illness and disability documents', situationProof: 'documents about what happened' },
};
