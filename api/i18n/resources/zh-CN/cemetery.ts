/** The public cemeteries' rule table as staff read and edit it at /staff/rules, and the texts of a plot case's steps (docs/decisions/064). */
export const cemeteryCommonZhCN = {
  rules: {
    tables: {
      'public-cemetery': {
        cemeteries: {
          title: '公益性公墓',
          lead: '各公益性公墓的电话、地址、开放时间、谁可以申请，以及每种安葬位置的费用和数量，按公告的生效日期记录。申请时按当天执行的公告计算；位置数是可以在网上申请的总数，已保留的位置会从中扣除。',
          describe: '电话 {{phone}}；{{residence}}；{{plots}}',
          plot: '{{type}} {{fee}}（{{count}} 个）',
          none: '没有可以申请的位置',
          hints: {
            nicheFeeFen: '没有这种位置的，费用和数量都留空；免费写 0',
          },
        },
      },
    },
  },
  fields: {
    value: {
      residence: '谁可以申请',
      nicheFeeFen: '骨灰格位的费用（元）',
      nichePlots: '骨灰格位的数量',
      treeFeeFen: '树葬位的费用（元）',
      treePlots: '树葬位的数量',
      lawnFeeFen: '草坪葬位的费用（元）',
      lawnPlots: '草坪葬位的数量',
      singleGraveFeeFen: '单穴节地墓位的费用（元）',
      singleGravePlots: '单穴节地墓位的数量',
      doubleGraveFeeFen: '双穴节地墓位的费用（元）',
      doubleGravePlots: '双穴节地墓位的数量',
    },
  },
  notifications: {
    case: {
      /** The public cemetery plot's approval and allocation: the place itself is on the status page. */
      plotApproved: '【民政一网通办】您的公益性公墓安葬申请（办件编号 {{trackingNumber}}）已审核通过，工作人员正在安排具体位置。',
      plotAllocated: '【民政一网通办】您申请的公益性公墓位置（办件编号 {{trackingNumber}}）已经安排好。位置和后续安排请查询办件进度。',
    },
  },
};
