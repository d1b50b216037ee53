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
        resources: {
          title: 'What funeral homes take bookings for',
          lead: 'Each funeral home’s body collection, keeping of bodies, cremation and farewell halls that can be booked online: places per slot, the daily opening sessions and how far ahead they can be booked, from the day a notice sets. Funeral homes work on holidays. Each books an item of the home’s price list; nothing off the list can be booked.',
          describe: 'Collection: {{transport}}; bookable: {{resources}}',
          transport: 'requests taken online, windows up to {{hours}} hours',
          noTransport: 'by phone only',
          hints: {
            transport: 'Price list item | days ahead | longest window in hours, e.g. body-transport | 7 | 4. Leave empty if collection is not requested online.',
            resources: 'One a line: id | kind | price list item | places per slot | minutes per slot | sessions | days ahead | closed days (optional). E.g. cremation | cremation | cremation | 2 | 60 | 07:00-12:00, 13:00-16:00 | 14. Storage: storage | storage | body-storage | 20 | - | - | 30 (places are the drawers a day; days are the longest stay).',
          },
        },
        'fee-exemptions': {
          title: 'Funeral fee exemption schemes',
          lead: 'Each district’s scheme for waiving basic funeral fees, from the day its notice sets it: who is exempt, which basic services are covered and the limit for each person who has died. A booking is worked out by the scheme in force on the day of death.',
          describe: '{{scheme}}; limit {{cap}}; groups: {{groups}}; services: {{items}}',
          noCap: 'no limit',
          hints: {
            capFen: 'The most waived for each person who has died, in yuan. Required for a scheme for all residents; leave it blank for no limit in a scheme for listed groups.',
            groups: 'Separated by commas: dibao, tekun, youfu, unidentified (at least these four)',
            items: 'The basic funeral services covered, separated by commas, by id or Chinese name, for example: body-transport, body-storage, cremation, ashes-storage. Optional services cannot be covered.',
            regionCodes: 'The local region codes (the first 6 digits of an ID number), separated by commas. Required for a scheme for all residents.',
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
      scheme: 'Who the scheme is for',
      capFen: 'Limit for each person who has died (yuan)',
      groups: 'Groups exempted',
      items: 'Basic funeral services covered',
      regionCodes: 'Local region codes',
      transport: 'Body collection',
      resources: 'Bookable resources',
    },
  },
};
