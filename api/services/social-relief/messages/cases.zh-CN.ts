/**
 * Each relief service's cases as the staff pages and the status page name them (CaseService.words:
 * `social-relief:<key>.case`, docs/decisions/043): `name`, `state.*`, `event.*` (with `submit`),
 * `action.*` for the steps staff take, `next.*` for what the applicant is told comes next; and the
 * workbench's field labels for the steps' inputs (`caseFieldsZhCN`, the namespace's `fields`).
 * The three share most words; each adds or changes its own. Written for people under strain:
 * what happens next, never blame.
 */

const states = {
  submitted: '已提交',
  accepted: '已受理',
  'awaiting-documents': '等待补正材料',
  investigating: '调查核实中',
  'opinion-given': '已提出初审意见',
  'under-notice': '公示中',
  'community-review': '民主评议中',
  'awaiting-decision': '审核确认中',
  approved: '已批准',
  refused: '不予批准',
  closed: '已办结',
  stopped: '已停发',
  'not-accepted': '不予受理',
  withdrawn: '已撤回',
};

const events = {
  submit: '提交申请',
  accept: '乡镇（街道）受理申请',
  'not-accept': '不予受理',
  'request-documents': '一次性告知需要补正的材料',
  'provide-documents': '补正了材料',
  'start-investigation': '开始调查核实',
  'record-home-visit': '入户调查',
  'request-household-check': '申请家庭经济状况核对',
  'record-household-check': '家庭经济状况核对结果',
  'request-recheck': '申请重新核对',
  'give-opinion': '提出初审意见',
  'start-notice': '开始公示',
  'record-objection': '收到公示异议',
  reinvestigate: '根据异议重新调查',
  'start-community-review': '组织民主评议',
  'record-community-review': '民主评议意见',
  'refer-to-county': '报送县级民政部门审核确认',
  'refer-to-township': '提交乡镇（街道）审核确认',
  'record-county-visit': '县级民政部门入户核查',
  approve: '批准',
  refuse: '不予批准',
  'deliver-refusal': '送达不予批准的书面通知',
  'record-hearing': '听取本人意见',
  reduce: '调整（减发）救助金',
  stop: '停发救助金',
  withdraw: '撤回申请',
};

const actions = {
  accept: '受理',
  'not-accept': '不予受理',
  'request-documents': '一次性告知补正材料',
  'provide-documents': '登记已收到补正材料',
  'start-investigation': '开始调查核实',
  'record-home-visit': '记录入户调查',
  'request-household-check': '申请家庭经济状况核对',
  'record-household-check': '录入核对结果',
  'request-recheck': '申请重新核对',
  'give-opinion': '提出初审意见',
  'start-notice': '开始公示',
  'record-objection': '登记公示异议',
  reinvestigate: '退回重新调查',
  'start-community-review': '组织民主评议',
  'record-community-review': '记录民主评议意见',
  'refer-to-county': '报送县级民政部门',
  'refer-to-township': '提交乡镇（街道）审核确认',
  'record-county-visit': '记录县级入户核查',
  approve: '批准',
  refuse: '不予批准',
  'deliver-refusal': '登记已送达书面通知',
  'record-hearing': '记录听取本人意见',
  reduce: '减发',
  stop: '停发',
};

const next = {
  submitted: '乡镇（街道）会审查您的申请，决定是否受理；缺少材料的，会一次性告诉您需要补什么。',
  accepted: '工作人员会和您约定时间，两人一起到您家了解情况，并核对家庭经济状况。',
  'awaiting-documents': '请按要求补正材料，可以在本页上传。补正后申请会继续办理。',
  investigating: '工作人员正在调查核实您家的情况，核实后会提出初审意见。',
  'opinion-given': '初审意见已提出，接下来会在您所在的村（居）公示。',
  'under-notice': '您的申请正在村（居）公示。公示期满、没有异议的，会报送审核确认。',
  'community-review': '村（居）正在组织民主评议，评议后会继续办理。',
  'awaiting-decision': '正在审核确认，作出决定后会发短信告诉您。',
  approved: '救助金按月发放到您登记的账户。家里情况有变化，请及时告诉乡镇（街道）。',
  // How to object, with the law's periods, follows every decision on the status page (../status-panel.ts, docs/decisions/050).
  refused: '乡镇（街道）会把书面通知和理由送给您。',
  closed: '这件申请已办结。',
  stopped: '救助金已停发。',
  'not-accepted': '对不予受理有疑问，可以联系乡镇（街道）或拨打热线。情况变化后可以再次申请。',
  withdrawn: '申请已撤回。需要时可以随时重新申请。',
};

/**
 * What happens within each time limit a relief guide states (each service.ts's `timeLimits`, docs/decisions/060):
 * the words only; the working days are the workflow's.
 */
const timeLimit = {
  acceptance: '提交申请后，乡镇（街道）决定是否受理',
  'refusal-notice': '不予批准的，作出决定后书面告知理由',
};

export const casesZhCN = {
  dibao: {
    case: {
      name: '最低生活保障（低保）',
      timeLimit: {
        ...timeLimit,
        'investigation-start': '受理后，开始入户调查',
        decision: '收到调查结果和初审意见后，作出审核确认决定',
        whole: '受理后，全部办完（作出决定）',
      },
      state: states,
      event: { ...events, 'extend-time-limit': '延长办理时限' },
      action: { ...actions, 'extend-time-limit': '延长办理时限（特殊情况）' },
      next,
    },
  },
  tekun: {
    case: {
      name: '特困人员救助供养',
      timeLimit: {
        ...timeLimit,
        investigation: '受理后，调查核实并提出初审意见',
        decision: '收到初审意见和材料后，作出确认决定',
      },
      state: { ...states, approved: '已认定为特困人员' },
      event: { ...events, 'assess-self-care': '评估生活自理能力', approve: '认定为特困人员' },
      action: { ...actions, 'assess-self-care': '记录生活自理能力评估', approve: '认定' },
      next: {
        ...next,
        accepted: '工作人员会到您家了解情况，核对家庭经济状况，并评估生活自理能力。',
        approved: '从作出决定的下个月起按月供养。身体或家庭情况有变化，请及时告诉乡镇（街道）。',
      },
    },
  },
  temporary: {
    case: {
      name: '临时救助',
      timeLimit: {
        ...timeLimit,
        decision: '公示结束、报送县级民政部门后，作出决定',
      },
      state: { ...states, 'advance-granted': '已先行救助', approved: '已批准救助' },
      event: {
        ...events,
        'grant-advance': '先行救助',
        'explain-advance': '补充先行救助的情况说明',
        'approve-in-township': '乡镇（街道）批准救助',
        approve: '批准救助',
        'record-payment': '救助已发放',
      },
      action: { ...actions, 'grant-advance': '先行救助', 'explain-advance': '补充情况说明', 'approve-in-township': '乡镇（街道）批准', 'record-payment': '登记已发放' },
      next: {
        ...next,
        submitted: '乡镇（街道）会尽快审查您的申请。情况紧急的，会先给予救助，手续之后再补。',
        'advance-granted': '已经先给予了救助。工作人员会补齐手续，需要进一步救助的，会继续办理。',
        approved: '救助金会发放到您登记的账户，发放后这件申请办结。',
      },
    },
  },
  /** What the three share: the workbench's words that are not a step's. */
  workflow: {
    errors: {
      sameInvestigator: '入户调查需要两名工作人员，请填写另一名调查人员的姓名',
    },
  },
};

/**
 * What the status page says of a relief decision (status-panel.ts, docs/decisions/050): what it
 * decided, and what of an approval the household may challenge. How to object is the
 * application's own words (`application.form.object`), shown after every decision.
 */
export const caseDecisionZhCN = {
  heading: '决定的内容',
  monthlyAmount: '每月金额',
  amount: '救助金额',
  firstMonth: '从哪个月起发放',
  reducedFrom: '从哪个月起按这个金额发放',
  stoppedFrom: '从哪个月起停发',
  careArrangement: '供养方式',
  objectApproved: '每月金额和从哪个月起发放，都是决定的一部分。您认为金额算少了、或者月份不对的，也可以按下面的办法提出。',
  objectGranted: '救助金额是决定的一部分。您认为金额算少了的，也可以按下面的办法提出。',
};

/**
 * The workbench's labels for the steps' inputs (`social-relief:fields.*`), and the radios' choices
 * (`fields.choices.<field>.<value>`); `reason`, `documents` and `opinion` are common's words.
 */
export const caseFieldsZhCN = {
  firstInvestigator: '调查人员（一）',
  secondInvestigator: '调查人员（二）',
  findings: '调查发现',
  result: '核对结果',
  summary: '结果摘要',
  checkedOn: '核对日期（如 2026-12-08，可不填）',
  amountFen: '金额（元）',
  visitors: '县级核查人员',
  heardOn: '听取意见的日期（如 2026-12-08）',
  fromMonth: '自哪个月起',
  help: '给予了什么救助',
  explanation: '情况说明',
  careArrangement: '供养方式',
  eating: '自主吃饭',
  dressing: '自主穿衣',
  bed: '自主上下床',
  toilet: '自主如厕',
  indoors: '室内行走',
  bathing: '自主洗澡',
  choices: {
    result: { 'within-limits': '符合条件（收入和财产在规定范围内）', 'over-limits': '超过规定范围', refused: '核对被拒绝（未授权或不配合）', failed: '核对未能完成' },
    careArrangement: { dispersed: '分散供养（在家）', centralised: '集中供养（供养服务机构）' },
    eating: { able: '能', unable: '不能' },
    dressing: { able: '能', unable: '不能' },
    bed: { able: '能', unable: '不能' },
    toilet: { able: '能', unable: '不能' },
    indoors: { able: '能', unable: '不能' },
    bathing: { able: '能', unable: '不能' },
  },
};
