/** The same keys as ./zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { funeralZhCN } from './zh-CN.ts';
import { exemptionEn } from './exemption.en.ts';
import { bookingEn } from './booking.en.ts';
import { homeDayEn } from './home-day.en.ts';

export const funeralEn: SameKeys<typeof funeralZhCN> = {
  exemption: exemptionEn,
  funeralBooking: bookingEn,
  /** The funeral home's day and the exemption settlement, for staff (docs/decisions/072). */
  homeDay: homeDayEn,
  fields: { waived: 'Amount waived' },
  catalogue: {
    'body-transport': 'Transporting the body',
    'body-storage': 'Keeping the body (temporary storage)',
    farewell: 'Farewell ceremony',
    cremation: 'Cremation',
    'ashes-storage': 'Keeping the ashes',
    'eco-burial': 'Eco-burial',
    'niche-burial': 'Burial of the ashes in a niche',
    'body-disinfection': 'Disinfecting the body',
    'basic-urn': 'Basic urn',
  },
  units: {
    'per-time': '{{amount}} each time',
    'per-day': '{{amount}} a day',
    'per-km': '{{amount}} a kilometre',
    'per-year': '{{amount}} a year',
    'per-hour': '{{amount}} an hour',
    'per-piece': '{{amount}} each',
    free: 'Free',
  },
  homes: {
    'demo-district-funeral-home': { name: 'Demo District Funeral Home' },
    'demo-county-funeral-station': { name: 'Demo County Funeral Service Station' },
  },
  districts: {
    'demo-district': 'Demo District',
    'demo-county': 'Demo County',
  },
  funeralHomes: {
    title: 'Funeral homes and their prices',
    lead: 'When someone in your family has died, you can phone a funeral home’s 24-hour line at any time and they will come to collect the body. You do not need to go there first.',
    phone: '24-hour phone',
    address: 'Address',
    district: 'District',
    hours: 'Hours',
    notices: 'Notices',
    details: 'Services and prices',
    example: 'Example: this funeral home is for demonstration. Its name, address, phone and prices are made up.',
    none: 'There is no information about funeral homes yet. Please call the 12345 government service hotline.',
    guide: 'What to do when someone has died: basic funeral services',
    basicTitle: 'Basic funeral services',
    basicNote: 'These are the basic funeral services the state lists. Their prices are set by the government, and you may not have to pay them.',
    exemptionLink: 'Check whether the fees can be waived',
    provinceAdded: 'Added by the province',
    optionalTitle: 'Optional services',
    optionalNote: 'You do not have to buy any of these: the basic services alone are enough. The funeral home may not charge for anything that is not on this list, or sell services only together.',
    noOptional: 'There are no optional services here.',
    service: 'Service',
    price: 'Price',
    note: 'Note',
    pricesFrom: 'These prices apply from {{date}}.',
    basis: 'Set by',
    noPrices: 'The price list has not been published yet. Please phone the 24-hour line to ask about prices.',
    complaint: 'When you pay, you can ask for an itemised bill. If you are overcharged or asked to pay for something you did not choose, call 12345 or 12315.',
    all: 'All funeral homes',
  },
  errors: {
    priceList: {
      basicRequired: 'List at least one basic funeral service',
      unknownBasic: 'Entry {{entry}}, “{{item}}”, is not a basic funeral service of the national or the province’s list. Write its id or Chinese name from the list, like cremation or 遗体火化',
      notInProvince: 'Entry {{entry}}, “$t(funeral:catalogue.{{item}})”, was added to the list by another province: it is not on the list of this home’s province',
      unit: 'The unit of entry {{entry}} must be per-time, per-day, per-km, per-year, per-hour or per-piece (or 次, 天, 公里, 年, 小时, 个)',
      price: 'The price of entry {{entry}} must be an amount of 0 or more (yuan, at most 2 decimals, at most 100,000)',
      note: 'The note of entry {{entry}} needs both the Chinese and the English text, separated by “|”',
      malformed: 'Entry {{entry}} is not written as the hint shows',
      duplicate: 'Entry {{entry}}, “$t(funeral:catalogue.{{item}})”, is listed twice: each service is listed once, with one price',
      duplicateOptional: 'Entry {{entry}}, “{{name}}”, is listed twice: each service is listed once, with one price',
      missingNational: 'A funeral home that cremates must list every basic service of the national list: “$t(funeral:catalogue.{{item}})” is missing',
      optionalId: 'The id of entry {{entry}} may only have lower-case letters, digits and hyphens (2 to 40), like embalming',
      optionalName: 'Entry {{entry}} needs a Chinese and an English name',
      reusesBasic: 'Entry {{entry}} uses the id or name of the basic service “$t(funeral:catalogue.{{item}})”. An optional service may not be charged under a basic service’s name',
      bundle: 'Entry {{entry}}, “{{name}}”, looks like a package. Each entry must be one service with one price: services may not be sold together',
    },
    /** The deceased as every after-death application names them (deceased.schema.ts, docs/decisions/064). */
    deceased: {
      diedOn: 'Enter the date of death, for example 2026-11-20',
      diedOnFuture: 'The date of death cannot be after today. Please check it',
      diedBeforeBirth: 'The date of death is before the birth date on the ID card. Please check it',
    },
    home: {
      phone: 'Write the 24-hour phone with digits only, separated by spaces or hyphens if you like, like 0571-88880000',
    },
  },
};
