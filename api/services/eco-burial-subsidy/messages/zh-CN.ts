/**
 * 生态安葬奖补 (the eco-burial subsidy)'s own words in Simplified Chinese: its namespace
 * (docs/decisions/038). Written for people who have just lost someone: plain, calm and short. Its
 * subtrees have names of their own (ecoBurial, ecoBurialCase, ecoBurialAid, errors.ecoBurial), so
 * that no path is written by two namespaces.
 */
import { ECO_BURIAL_FIGURES as FIG } from '../figures.ts';

export const ecoBurialSubsidyZhCN = {
  /** The journey's pages (JourneyPages.messages) and its choices. */
  ecoBurial: {
    district: {
      'demo-district': '示例区',
      'demo-county': '示例县',
    },
    kind: {
      tree: '树葬',
      flower: '花葬',
      lawn: '草坪葬',
      scattering: '骨灰撒散',
      sea: '海葬（骨灰撒海）',
      'degradable-urn': '可降解骨灰盒深埋',
      columbarium: '骨灰堂（格位存放）',
    },
    relationship: {
      spouse: '配偶',
      child: '子女',
      parent: '父母',
      sibling: '兄弟姐妹',
      grandchild: '孙子女或外孙子女',
      grandparent: '祖父母或外祖父母',
      'other-relative': '其他亲属',
    },
    /** The check page's row of the kind: what the rules give for it. */
    kindWithAmount: '{{kind}}，按规定可领 {{amount}}',
    kindNotFunded: '{{kind}}（所选区县没有这项奖补）',
    start: {
      title: '申领生态安葬奖补',
      lead: '亲人的骨灰以树葬、花葬、海葬等节地生态方式安葬后，骨灰的处置权人可以在这里申领一次性奖补。大约需要 10 分钟。',
      needTitle: '您需要准备',
      need: {
        deceased: '逝者的身份证号码和去世日期',
        certificate: '《居民死亡医学证明》上的编号',
        cremation: '火化证明：拍一张清楚的照片或扫描件就可以',
        id: '您自己的身份证号码和手机号码',
        bank: '您本人名下的银行账户，奖补打到这个账户',
      },
      afterTitle: '提交以后',
      after: `您会收到一个办件编号和短信。区县民政部门会在 ${FIG.acceptanceDays} 个工作日内决定是否受理，一般在受理后 ${FIG.paymentDays} 个工作日内把奖补打到您的账户。每一步都会短信告诉您。`,
      privacy: '您填写的内容加密保存，只用于办理这项奖补，只有经办人员可以查看。',
      guideLink: '先看看办事指南',
      button: '开始申请',
    },
    step: {
      deceased: { title: '逝者的信息', lead: '请按照身份证和《居民死亡医学证明》填写。' },
      burial: { title: '安葬的情况', lead: '请选择骨灰安葬所在的区县和实际采用的安葬方式。' },
      claimant: { title: '您的信息', lead: '申请人应是骨灰的处置权人，一般是办理火化、领取骨灰的近亲属。' },
      'cremation-certificate': { title: '火化证明', lead: '请上传火化证明的照片或扫描件。' },
      'relationship-proof': { title: '与逝者的关系证明（可以不传）', lead: '我们一般通过户籍信息核实您和逝者的关系。' },
      account: { title: '奖补打到哪个账户', lead: '账户必须是您本人名下的。' },
      pledge: { title: '承诺', lead: '提交前请阅读并确认。' },
      check: { title: '提交前请核对', lead: '奖补金额按所选区县在安葬当天执行的标准计算。需要修改的，请点“修改”。' },
    },
    hint: {
      deceased: {
        idNumber: '18 位，最后一位可能是 X',
        diedOn: '例如：2026-11-20',
        deathCertificateNumber: '在证明的右上方，字母和数字都要填',
      },
      burial: {
        buriedOn: '例如：2026-12-05。不能早于去世的日期',
        place: '例如：示例区滨海生态安葬区、示例公墓纪念林',
      },
      claimant: {
        idNumber: '18 位，最后一位可能是 X',
        phone: '办理进度会发短信到这个号码',
      },
      account: {
        bankName: '例如：中国工商银行示例支行',
        holder: '和您的姓名一致',
        number: '12 到 19 位数字，可以带空格',
      },
    },
    /** The cremation certificate found on the portal's own record (docs/decisions/074): the upload step and the check page's row. */
    onRecord: {
      cremationCertificate: {
        found: '我们已经找到了火化证明：火化是在本平台预约、由{{place}}办理的，殡仪馆已经登记了火化证明。您不需要再上传，直接继续就可以。',
        check: '已在本平台找到（{{place}}登记），不需要上传',
      },
    },
    relationshipProofText: '只有当您不是办理火化的人，或者户籍信息里看不出你们的关系时，才需要上传，例如户口本、结婚证或出生医学证明。没有也可以直接继续，需要时工作人员会告诉您。',
    pledgeText: '我是逝者骨灰的处置权人，以上填写的信息真实、准确。我知道同一位逝者只能领取一次奖补；用虚假信息领取的，需要退回奖补，并承担相应的法律责任。',
    pledgeAgree: '我已阅读并确认以上承诺',
    confirmation: {
      title: '申请已提交',
      numberLabel: '您的办件编号',
      keep: '请记下或截图保存这个编号，查询进度时需要用到。我们也已经用短信发给您。',
      nextTitle: '接下来会怎样',
      acceptBy: '区县民政部门会在 {{date}} 前决定是否受理。缺材料的话，会一次性告诉您要补什么。',
      afterAccept: `受理后，工作人员会核对逝者信息、安葬方式和您的身份，一般在受理后 ${FIG.paymentDays} 个工作日内把奖补打到您的账户。`,
      trackLink: '查询办件进度',
      newApplication: '为另一位逝者申请',
    },
  },
  /** Its cases as the status page and the workbench name them (the service's `words`). */
  ecoBurialCase: {
    name: '生态安葬奖补申领',
    state: {
      submitted: '已提交，等待受理',
      accepted: '已受理，正在审核',
      'awaiting-documents': '需要补正材料',
      approved: '审核通过，等待发放',
      paid: '已发放',
      'not-accepted': '不予受理',
      refused: '未获批准',
      withdrawn: '已撤回',
    },
    event: {
      submit: '提交申请',
      accept: '受理',
      'not-accept': '不予受理',
      'request-documents': '要求补正材料',
      'provide-documents': '收到补正材料',
      approve: '审核通过',
      refuse: '不予批准',
      'record-payment': '发放奖补',
      withdraw: '申请人撤回',
    },
    action: {
      accept: '受理',
      'not-accept': '不予受理',
      'request-documents': '要求补正材料',
      'provide-documents': '已收到补正材料',
      approve: '审核通过',
      refuse: '不予批准',
      'record-payment': '登记发放',
    },
    next: {
      submitted: '工作人员会查看您的申请，决定是否受理。',
      accepted: '工作人员正在核对逝者信息、安葬方式和您的身份。',
      'awaiting-documents': '请按要求补正材料：可以在这个页面上传，也可以交到受理窗口。',
      approved: '奖补会打到您登记的银行账户，打款后会短信告诉您。',
      paid: '奖补已经打到您登记的银行账户。办理已结束。',
      'not-accepted': '办理已结束。',
      refused: '办理已结束。',
      withdrawn: '办理已结束。',
    },
    /** What the status page says of a decision (docs/decisions/050). */
    decision: {
      heading: '审核结果',
      amount: '奖补金额',
      paid: '已发放金额',
      objectApproved: '奖补金额也是决定的一部分。您认为金额不对的，也可以按下面的办法提出。',
    },
    /** A document the portal held itself, as the workbench lists it beside the files (docs/decisions/074). */
    onRecord: {
      cremationCertificate: '火化证明：本平台记录（预约 {{trackingNumber}}，{{place}}）',
    },
    objection: {
      title: '如果对决定有不同意见',
      review: `您可以在知道决定之日起 ${FIG.reviewDays} 日内申请行政复议，或者在 ${FIG.lawsuitMonths} 个月内向人民法院提起行政诉讼。`,
      help: '有任何疑问，都可以打电话或到受理窗口问，工作人员会帮您。',
    },
  },
  /** What its rules say to the reviewer beside a case (decision-aid.ts). */
  ecoBurialAid: {
    lead: '按{{district}}在安葬当天（{{date}}）执行的奖补标准计算，审核时可以修改。',
    kind: '安葬方式',
    buriedOn: '安葬日期',
    date: '{{date}}',
    amount: '按规定的奖补金额',
    money: '{{amount}}',
    notFunded: '{{district}}在安葬当天没有为{{kind}}设立奖补',
    caption: '{{district}}生态安葬奖补标准（{{from}}起执行）',
    kindHead: '安葬方式',
    amountHead: '奖补金额',
    thisKind: '本件的安葬方式',
    basis: '依据：{{basis}}',
    noNotice: '{{district}}在安葬当天还没有奖补标准，请按规定办理。',
    hint: {
      amount: '按规定为 {{amount}}，已经填好，不能超过这个金额。',
      none: '这种安葬方式在安葬当天没有奖补，请不予批准并说明理由。',
      paid: '按规定为 {{amount}}。请按审核通过的金额填写。',
    },
  },
  fields: {
    deceased: {
      name: '逝者的姓名',
      idNumber: '逝者的身份证号码',
      diedOn: '去世日期',
      deathCertificateNumber: '《居民死亡医学证明》编号',
    },
    burial: {
      district: '安葬所在的区县',
      kind: '安葬方式',
      buriedOn: '安葬日期',
      place: '安葬地点',
    },
    claimant: {
      name: '您的姓名',
      idNumber: '您的身份证号码',
      phone: '您的手机号码',
      relationship: '您和逝者的关系',
    },
    account: {
      bankName: '开户银行',
      holder: '账户名',
      number: '银行账号',
    },
    pledge: '承诺',
    files: {
      cremationCertificate: '火化证明',
      relationshipProof: '关系证明',
    },
    /** The workbench's labels for its steps' inputs. */
    subsidyFen: '奖补金额（元）',
    paidFen: '发放金额（元）',
  },
  errors: {
    ecoBurial: {
      diedOn: '请填写去世日期，例如 2026-11-20',
      diedOnFuture: '去世日期不能晚于今天，请再看一下',
      diedBeforeBirth: '去世日期早于身份证上的出生日期，请再看一下',
      certificateNumber: '请填写《居民死亡医学证明》上的编号，是 6 到 30 位字母和数字',
      district: '请选择安葬所在的区县',
      kind: '请选择安葬方式',
      kindNotFunded: '很抱歉，所选区县在安葬当天没有为这种安葬方式设立奖补。如果选错了，请重新选择；有疑问可以打电话问区县民政局。',
      buriedOn: '请填写安葬日期，例如 2026-12-05',
      buriedOnFuture: '安葬日期不能晚于今天。安葬完成后再来申请就可以',
      buriedBeforeDeath: '安葬日期不能早于去世日期，请再看一下',
      place: '请填写安葬地点',
      placeTooLong: '安葬地点最多 100 个字',
      relationship: '请选择您和逝者的关系',
      claimantIsDeceased: '请填写您自己的身份证号码，不是逝者的',
      bankName: '请填写开户银行',
      accountNumber: '银行账号应为 12 到 19 位数字',
      holderNotClaimant: '奖补只能打到您本人名下的账户，账户名应和您的姓名一致',
      pledge: '请勾选，确认以上承诺',
      alreadyApplied: '这位逝者的生态安葬奖补已经有人申请了，每位逝者只能领取一次。如果是您自己申请的，可以用当时的办件编号查询进度；有疑问可以打电话问区县民政局。',
    },
  },
};
