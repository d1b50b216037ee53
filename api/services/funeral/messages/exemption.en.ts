/** The same keys as ./exemption.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { exemptionZhCN } from './exemption.zh-CN.ts';

export const exemptionEn: SameKeys<typeof exemptionZhCN> = {
  schemes: {
    'all-residents': 'All registered residents (up to a limit)',
    targeted: 'People on minimum living allowance, in extreme poverty and other listed groups',
  },
  groups: {
    dibao: 'People on minimum living allowance (dibao)',
    tekun: 'People in extreme poverty (tekun)',
    youfu: 'Entitled veterans and martyrs’ families (youfu)',
    unidentified: 'Unidentified bodies',
  },
  reasons: {
    waived: 'Waived',
    capPartly: 'Waived up to the limit of {{cap}} for each person who has died; you pay the rest',
    capReached: 'The limit of {{cap}} for each person who has died is reached: you pay this',
    notCovered: 'The local scheme does not cover this service: you pay this',
    optional: 'Optional service: not waived',
    noGround: 'Not waived',
    unconfirmed: 'Can be waived once confirmed',
    ground: {
      unidentified: 'For an unidentified body, the basic funeral fees are waived under {{district}}’s rules.',
      dibao: 'The minimum living allowance the person or their household had through this portal was in force on the day they died. The fees are waived under {{district}}’s scheme, and you do not need to bring proof.',
      tekun: 'The extreme poverty support the person or their household had through this portal was in force on the day they died. The fees are waived under {{district}}’s scheme, and you do not need to bring proof.',
      resident: {
        declared: 'You told us the person’s household was registered in {{district}}, so the fees are waived under the scheme for local residents. Please show their household register (hukou booklet) at the funeral home.',
        'id-number': 'The person’s ID number shows their household was registered in {{district}}, so the fees are waived under the scheme for local residents. If the registration had moved, please tell the funeral home.',
      },
    },
    none: {
      noScheme: '{{district}} has no scheme to waive basic funeral fees at the moment. The fees are those on the price list.',
      notResident: '{{district}}’s scheme is for locally registered residents only. If the person received minimum living allowance or extreme poverty support, or was an entitled veteran or martyr’s family member, you can still ask for the fees to be waived.',
      notInGroups: '{{district}}’s scheme is for people on minimum living allowance, in extreme poverty, entitled veterans and martyrs’ families, and unidentified bodies. If the person was one of these, you can ask for the fees to be waived.',
    },
    pending: 'Something needs to be confirmed before we can say whether the fees are waived. Until then, the fees are those on the price list; anything you pay that is then waived will be refunded.',
  },
  missing: {
    'relief-proof': 'We found no minimum living allowance or extreme poverty support for the person or their household on this portal (support arranged at an office counter is not here). Please upload the certificate, or a letter from the township or street office.',
    'youfu-proof': 'This portal holds no records of entitled veterans or martyrs’ families. Please upload the person’s certificate (for example a disabled veteran’s card or a martyr’s certificate) or a letter from the veterans affairs office.',
    'household-registration': 'Please tell us whether the person’s household was registered in {{district}}.',
  },
  claim: {
    title: 'Ask for the funeral fees to be waived',
    lead: 'If the portal cannot confirm it directly, you can ask here. Staff will check and tell you the result.',
    ground: 'Why the fees should be waived',
    grounds: {
      relief: 'The person or their household received minimum living allowance or extreme poverty support',
      youfu: 'The person was an entitled veteran or a martyr’s family member',
    },
    proof: {
      relief: 'The minimum living allowance or extreme poverty support certificate, or a letter from the township or street office',
      youfu: 'The certificate, or a letter from the veterans affairs office',
    },
    proofFiles: 'Proof',
    note: 'Anything else you want to tell us (optional)',
  },
  /** The monthly settlement report's columns (staff, CSV). */
  settlement: {
    home: 'Funeral home',
    month: 'Month',
    deceased: 'People exempted',
    grounds: {
      resident: 'Local residents',
      dibao: 'Dibao (portal record)',
      tekun: 'Tekun (portal record)',
      relief: 'Dibao or tekun (claim confirmed)',
      youfu: 'Youfu (claim confirmed)',
      unidentified: 'Unidentified bodies',
    },
    itemWaived: '{{item}} waived (yuan)',
    waived: 'Total waived (yuan)',
  },
  errors: {
    table: {
      scheme: 'Choose who the scheme is for',
      cap: 'The limit must be an amount above 0 (yuan, at most 2 decimals, at most 100,000)',
      capRequired: 'A scheme for all residents needs a limit for each person who has died',
      group: 'The groups can only be dibao, tekun, youfu and unidentified (or 低保, 特困, 优抚, 无名遗体), separated by commas',
      groupsRequired: 'The groups must include at least dibao, tekun, youfu and unidentified bodies (as the funeral regulation requires)',
      item: 'Only basic funeral services of the national or the province’s list can be covered: write the id or Chinese name, like cremation or 遗体火化',
      itemsRequired: 'List at least one basic funeral service the scheme covers',
      regionCode: 'A region code has 6 digits, like 110101; separate them with commas',
      regionCodesRequired: 'A scheme for all residents needs the local region codes (the first 6 digits of an ID number)',
      duplicate: 'Something is listed twice: list each once',
    },
    claim: {
      ground: 'Choose why the fees should be waived',
      note: 'What you tell us can be at most 500 characters',
    },
    check: {
      home: 'Choose the funeral home',
      diedOn: 'Enter the date of death, for example 2026-12-01',
      diedOnFuture: 'The date of death cannot be after today',
      diedBeforeBirth: 'The date of death cannot be before the date of birth in the ID number',
      idNumber: 'Enter the ID number of the person who has died; leave it out for an unidentified body',
      itemNotListed: 'Item {{entry}}, “{{item}}”, is not on this funeral home’s price list and cannot be booked',
      quantity: 'The quantity must be a whole number from 1 to 1000',
      itemsRequired: 'Choose at least one service',
      phoneProof: 'Please confirm your phone number first (enter the code we texted you), then check',
      tooMany: 'There have been too many checks. Please try again in 10 minutes, or phone the funeral home’s 24-hour line.',
    },
  },
};
