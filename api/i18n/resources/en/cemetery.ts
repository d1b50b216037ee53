/** The public cemeteries' rule table and a plot case's texts (docs/decisions/064). English: the same keys as ../zh-CN/cemetery.ts. */
import type { SameKeys } from '../shape.ts';
import type { cemeteryCommonZhCN } from '../zh-CN/cemetery.ts';

export const cemeteryCommonEn: SameKeys<typeof cemeteryCommonZhCN> = {
  rules: {
    tables: {
      'public-cemetery': {
        cemeteries: {
          title: 'Public cemeteries',
          lead: 'Each public cemetery’s phone, address, opening hours, who may apply, and each kind of place with its fee and how many there are, from the day a notice sets them. Applications use the notice in force that day; the number is all the places that can be applied for online, and the places held are taken from it.',
          describe: 'Phone {{phone}}; {{residence}}; {{plots}}',
          plot: '{{type}} {{fee}} ({{count}} places)',
          none: 'no places to apply for',
          hints: {
            nicheFeeFen: 'Leave both the fee and the number blank for a kind the cemetery does not have; write 0 for free',
          },
        },
      },
    },
  },
  fields: {
    value: {
      residence: 'Who may apply',
      nicheFeeFen: 'Niche fee (yuan)',
      nichePlots: 'Number of niches',
      treeFeeFen: 'Tree burial plot fee (yuan)',
      treePlots: 'Number of tree burial plots',
      lawnFeeFen: 'Lawn burial plot fee (yuan)',
      lawnPlots: 'Number of lawn burial plots',
      singleGraveFeeFen: 'Small single grave fee (yuan)',
      singleGravePlots: 'Number of small single graves',
      doubleGraveFeeFen: 'Small double grave fee (yuan)',
      doubleGravePlots: 'Number of small double graves',
    },
  },
  notifications: {
    case: {
      plotApproved: 'Civil Affairs Online: your application for a public cemetery place ({{trackingNumber}}) is approved; staff are arranging the exact place.',
      plotAllocated: 'Civil Affairs Online: the public cemetery place you applied for ({{trackingNumber}}) has been arranged. See the place and what comes next on its progress page.',
    },
  },
};
