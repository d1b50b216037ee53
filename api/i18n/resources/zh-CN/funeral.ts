/** The funeral homes' rule tables as staff read and edit them at /staff/rules (docs/decisions/062). */
export const funeralRulesZhCN = {
  rules: {
    tables: {
      funeral: {
        homes: {
          title: '殡仪馆信息',
          lead: '各殡仪馆的 24 小时电话、地址和服务时间（中英文），按公告的生效日期记录。公众页面“殡仪馆和收费标准”显示当天适用的信息。',
          describe: '24 小时电话 {{phone}}；{{address}}；{{hours}}',
          hints: {
            phone: '遗体接运的 24 小时电话，例如 0571-88880000',
          },
        },
        'price-lists': {
          title: '殡仪馆收费标准（价目表）',
          lead: '各殡仪馆公示的整张价目表，按价格主管部门通知的执行日期记录：基本殡葬服务（国家清单和本省增加的项目）和可选服务分开列出。价目表上没有的项目不能预约，也不能收费。',
          describe: '基本殡葬服务：{{basic}}｜可选服务：{{optional}}',
          noOptional: '无',
          hints: {
            basic: '每行一项：编号或名称 | 单位 | 价格（元）| 中文说明 | 英文说明（说明可不写）。例如：遗体火化 | 次 | 240 | 普通火化炉 | Standard cremator。提供火化的，要列出国家清单上的全部七项。',
            optional: '每行一项：编号 | 中文名称 | 英文名称 | 单位 | 价格（元）| 中文说明 | 英文说明（说明可不写）。例如：embalming | 遗体防腐 | Embalming | 次 | 300。不能用基本服务的名称，也不能是套餐。',
          },
        },
        resources: {
          title: '殡仪馆可预约的服务安排',
          lead: '各殡仪馆在网上可预约的遗体接运、遗体暂存、火化和告别厅：每个时段的名额、每天的开放时段和可提前预约的天数，按公告的生效日期记录。殡仪馆节假日照常服务。每项对应价目表上的一个项目，价目表上没有的不能预约。',
          describe: '遗体接运：{{transport}}；可预约：{{resources}}',
          transport: '网上接受申请，时间段最长 {{hours}} 小时',
          noTransport: '只接受电话',
          hints: {
            transport: '价目表项目 | 可提前几天 | 时间段最长几小时，例如：body-transport | 7 | 4。不在网上接受接运的留空。',
            resources: '每行一项：编号 | 类型 | 价目表项目 | 每个时段的名额 | 每个时段的分钟数 | 开放时段 | 可提前几天 | 停用日期（可不写）。例如：cremation | cremation | cremation | 2 | 60 | 07:00-12:00, 13:00-16:00 | 14。暂存写：storage | storage | body-storage | 20 | - | - | 30（名额是每天的冷藏柜数，天数是最多暂存几天）。',
          },
        },
        'fee-exemptions': {
          title: '惠民殡葬减免政策',
          lead: '各区县减免基本殡葬服务费用的政策，按通知的生效日期记录：减免对象、减免的基本服务项目和每位逝者的上限。预约时按逝者去世当天执行的政策计算减免。',
          describe: '{{scheme}}；上限 {{cap}}；对象：{{groups}}；项目：{{items}}',
          noCap: '不设上限',
          hints: {
            capFen: '每位逝者最多减免多少元。本地户籍居民都可减免的必须写；只减免特定对象的，不设上限可以留空。',
            groups: '用逗号隔开：低保, 特困, 优抚, 无名遗体（至少这四类）',
            items: '减免的基本殡葬服务，用逗号隔开，写编号或名称，例如：遗体接运, 遗体暂存, 遗体火化, 骨灰寄存。可选服务不能减免。',
            regionCodes: '本地的行政区划代码（身份证号码的前 6 位），用逗号隔开。本地户籍居民都可减免的必须写。',
          },
        },
      },
    },
  },
  fields: {
    value: {
      phone: '24 小时电话',
      addressZh: '地址（中文）',
      addressEn: '地址（英文）',
      hoursZh: '服务时间（中文）',
      hoursEn: '服务时间（英文）',
      basic: '基本殡葬服务的价格',
      optional: '可选服务的价格',
      scheme: '减免方式',
      capFen: '每位逝者的减免上限（元）',
      groups: '减免对象',
      items: '减免的基本殡葬服务',
      regionCodes: '本地行政区划代码',
      transport: '遗体接运',
      resources: '可预约的资源',
    },
  },
};
