/**
 * 惠民殡葬 (the funeral fee exemption)'s words (docs/decisions/065), part of the `funeral`
 * namespace under `exemption`: written for a family in grief, plain and short, saying why.
 */
export const exemptionZhCN = {
  schemes: {
    'all-residents': '本地户籍居民都可减免（有上限）',
    targeted: '低保、特困等特定对象减免',
  },
  groups: {
    dibao: '低保对象',
    tekun: '特困人员',
    youfu: '重点优抚对象',
    unidentified: '无名遗体',
  },
  /** Each line's reason and the decision's, with {{item}} (the item's name), {{district}}, {{cap}}. */
  reasons: {
    waived: '免除',
    capPartly: '减免到每位逝者 {{cap}} 的上限，其余自付',
    capReached: '已到每位逝者 {{cap}} 的减免上限，需自付',
    notCovered: '当地减免范围不包括这一项，需自付',
    optional: '可选服务，不减免',
    noGround: '不减免',
    unconfirmed: '确认后可以减免',
    ground: {
      unidentified: '无名遗体的基本殡葬服务费用，按{{district}}的规定免除。',
      dibao: '逝者或其家庭在本平台办理的低保，在去世当天有效。按{{district}}的惠民殡葬政策减免，不用再交证明。',
      tekun: '逝者或其家庭在本平台办理的特困供养，在去世当天有效。按{{district}}的惠民殡葬政策减免，不用再交证明。',
      resident: {
        declared: '您说明逝者户籍在{{district}}，按本地户籍居民的惠民殡葬政策减免。请在殡仪馆出示逝者的户口簿。',
        'id-number': '逝者的身份证号码显示户籍在{{district}}，按本地户籍居民的惠民殡葬政策减免。如果户籍已经迁走，请告诉殡仪馆。',
      },
    },
    none: {
      noScheme: '{{district}}目前没有减免基本殡葬服务费用的政策，费用按价目表收取。',
      notResident: '{{district}}的减免只适用于本地户籍居民。逝者如果是低保、特困或重点优抚对象，仍然可以申请减免。',
      notInGroups: '{{district}}的减免适用于低保、特困、重点优抚对象和无名遗体。逝者如果属于其中一类，可以申请减免。',
    },
    pending: '还需要确认一些情况，才能决定能不能减免。确认之前，费用先按价目表计算，确认后多付的会退还。',
  },
  /** What is missing to decide, and what to do. */
  missing: {
    'relief-proof': '本平台没有查到逝者或其家庭的低保、特困记录（在窗口办理的不在本平台）。请上传低保证、特困供养证，或者乡镇（街道）开的证明。',
    'youfu-proof': '本平台没有优抚记录。请上传逝者的优抚证件（如《伤残人员证》《烈士证明书》或退役军人事务部门的证明）。',
    'household-registration': '请告诉我们逝者的户籍是不是在{{district}}。',
  },
  /** The manual claim (减免申请): its grounds and what to upload for each. */
  claim: {
    title: '申请减免殡葬服务费用',
    lead: '如果平台不能直接确认，您可以在这里申请。工作人员核实后会告诉您结果。',
    ground: '申请减免的理由',
    grounds: {
      relief: '逝者或其家庭享受低保或特困供养',
      youfu: '逝者是重点优抚对象',
    },
    proof: {
      relief: '低保证、特困供养证，或者乡镇（街道）开的证明',
      youfu: '优抚证件，或者退役军人事务部门的证明',
    },
    proofFiles: '证明材料',
    note: '还有什么要说明的（可以不填）',
  },
  /** The monthly settlement report's columns (staff, CSV). */
  settlement: {
    home: '殡仪馆',
    month: '月份',
    deceased: '减免人数',
    grounds: {
      resident: '本地户籍居民',
      dibao: '低保（平台记录）',
      tekun: '特困（平台记录）',
      relief: '低保或特困（申请核实）',
      youfu: '重点优抚对象（申请核实）',
      unidentified: '无名遗体',
    },
    itemWaived: '{{item}}减免（元）',
    waived: '减免合计（元）',
  },
  errors: {
    /** The rule table's refusals at /staff/rules. */
    table: {
      scheme: '请选择减免方式',
      cap: '上限应是大于 0 的金额（元，最多两位小数，不超过 10 万元）',
      capRequired: '本地户籍居民都可减免的，要写每位逝者的减免上限',
      group: '减免对象只能写 低保、特困、优抚、无名遗体（或 dibao、tekun、youfu、unidentified），用逗号隔开',
      groupsRequired: '减免对象至少要包括低保、特困、重点优抚对象和无名遗体（殡葬管理条例的要求）',
      item: '减免项目只能是国家或本省清单上的基本殡葬服务，写编号或名称，例如 cremation 或 遗体火化',
      itemsRequired: '请至少写一项减免的基本殡葬服务',
      regionCode: '行政区划代码是 6 位数字，例如 110101，用逗号隔开',
      regionCodesRequired: '本地户籍居民都可减免的，要写本地的行政区划代码（身份证号码的前 6 位）',
      duplicate: '有重复的项，每项只写一次',
    },
    claim: {
      ground: '请选择申请减免的理由',
      note: '说明最多 500 个字',
    },
    /** The check's refusals (POST /funeral/exemption-check), next to their fields. */
    check: {
      home: '请选择殡仪馆',
      diedOn: '请写去世日期，例如 2026-12-01',
      diedOnFuture: '去世日期不能晚于今天',
      diedBeforeBirth: '去世日期不能早于身份证号码上的出生日期',
      idNumber: '请写逝者的身份证号码；无名遗体不用写',
      itemNotListed: '第 {{entry}} 项“{{item}}”不在这家殡仪馆的价目表上，不能预约',
      quantity: '数量应是 1 到 1000 的整数',
      itemsRequired: '请至少选一项服务',
      phoneProof: '请先确认联系电话（输入短信验证码），再查询减免',
      tooMany: '查询次数太多了，请 10 分钟后再试。也可以直接打殡仪馆的 24 小时电话。',
    },
  },
};
