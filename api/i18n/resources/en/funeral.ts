/** The funeral homes' rule tables (docs/decisions/062). English: the same keys as ../zh-CN/funeral.ts. */
import type { SameKeys } from '../shape.ts';
import type { funeralRulesZhCN } from '../zh-CN/funeral.ts';

export const funeralRulesEn: SameKeys<typeof funeralRulesZhCN> = {
  rules: {
    tables: {
      funeral: {
        homes: {
          title: 'Funeral homes',
          lead: 'Each funeral home’s 24-hour phone, address and hours (in Chinese and English), from the day a notice sets them. The public page “Funeral homes and their prices” shows what applies on the day.',
          describe: '24-hour phone {{phone}}; {{address}}; {{hours}}',
          hints: {
            phone: 'The 24-hour line for collecting a body, like 0571-88880000',
          },
        },
        'price-lists': {
          title: 'Funeral homes’ price lists',
          lead: 'Each funeral home’s whole public price list, from the day the price authority’s notice sets it: the basic funeral services (the national list and the province’s additions) apart from the optional services. Nothing that is not on the list can be booked or charged.',
          describe: 'Basic funeral services: {{basic}} | Optional services: {{optional}}',
          noOptional: 'none',
          hints: {
            basic: 'One a line: id or Chinese name | unit | price (yuan) | Chinese note | English note (the note may be left out). For example: cremation | per-time | 240 | 普通火化炉 | Standard cremator. A home that cremates lists all seven items of the national list.',
            optional: 'One a line: id | Chinese name | English name | unit | price (yuan) | Chinese note | English note (the note may be left out). For example: embalming | 遗体防腐 | Embalming | per-time | 300. Not a basic service’s name, and not a package.',
          },
        },
      },
    },
  },
  fields: {
    value: {
      phone: '24-hour phone',
      addressZh: 'Address (Chinese)',
      addressEn: 'Address (English)',
      hoursZh: 'Hours (Chinese)',
      hoursEn: 'Hours (English)',
      basic: 'Prices of the basic funeral services',
      optional: 'Prices of the optional services',
    },
  },
};
