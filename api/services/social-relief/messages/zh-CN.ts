/** 社会救助 (social relief)'s own words in Simplified Chinese: its namespace (docs/decisions/038). */
import { SOCIAL_RELIEF_FIGURES } from '../figures.ts';
import { aidZhCN } from './aid.zh-CN.ts';
import { applicationErrorsZhCN, applicationZhCN } from './application.zh-CN.ts';
import { caseFieldsZhCN, casesZhCN, caseDecisionZhCN } from './cases.zh-CN.ts';
import { fieldsZhCN } from './fields.zh-CN.ts';
import { noticesZhCN } from './notices.zh-CN.ts';
import { selfCheckZhCN } from './self-check.zh-CN.ts';

export const socialReliefZhCN = {
  /** The self-check's pages and result (self-check/). */
  selfCheck: selfCheckZhCN,
  /** The three applications' pages, fields and errors (application/). */
  application: applicationZhCN,
  /** The 公示 and 公布 pages and the objection form (docs/decisions/045). */
  notices: noticesZhCN,
  /** What the relief rules say beside a case on the workbench (decision-aid.ts). */
  caseAid: aidZhCN,
  /** Each service's cases (words of the case core: `<service>.case`). */
  ...casesZhCN,
  /** What the status page says of a decision (status-panel.ts). */
  decision: caseDecisionZhCN,
  /** The workbench's labels for the relief steps' inputs (cases.zh-CN.ts). */
  // The applications' labels (fields.zh-CN.ts), at the root where the generic pages look for them, and the workbench's for the relief steps' inputs (cases.zh-CN.ts).
  fields: { ...fieldsZhCN, ...caseFieldsZhCN },
  errors: {
    relief: applicationErrorsZhCN,
    amount: {
      empty: '请填写{{field}}，没有就填 0',
      notANumber: '{{field}}请填写金额，例如 1330、1,330.50 或 1.5万',
      negative: '{{field}}不能是负数，没有就填 0',
      tooManyDecimals: `{{field}}最多填到小数点后 ${SOCIAL_RELIEF_FIGURES.yuanDecimals} 位（分）`,
      tooLarge: `{{field}}不能超过 ${SOCIAL_RELIEF_FIGURES.maxAmountYuanText} 元，请检查是否多填了数字`,
      zeroStandard: '{{field}}应大于 0',
    },
  },
  relief: {
    district: {
      'demo-district': '示例区',
      'demo-county': '示例县',
    },
    township: {
      'dongcheng-street': '东城街道',
      'xicheng-street': '西城街道',
      'qingshan-township': '青山镇',
    },
    community: {
      'heping-community': '和平社区',
      'xinhua-community': '新华社区',
      'jinqiao-community': '金桥社区',
      'qingshan-village': '青山村',
      'shuikou-village': '水口村',
    },
    area: {
      urban: '城镇',
      rural: '农村',
    },
    kind: {
      dibao: '最低生活保障（低保）',
      tekun: '特困人员救助供养（特困）',
      temporary: '临时救助',
    },
    band: {
      'below-standard': '家庭人均收入低于低保标准',
      marginal: '低保边缘家庭：家庭人均收入低于低保标准的 {{percent}}%',
      'rigid-spending': '刚性支出困难家庭：看病、上学的支出较大，可以申请专项救助',
      above: '家庭人均收入高于低保边缘标准',
    },
    reason: {
      'income-at-or-above-standard': '家庭人均收入不低于当地低保标准',
      'financial-assets-over-limit': '存款等金融资产超过当地规定的限额',
      'vehicles-over-limit': '拥有的机动车超过当地规定',
      'homes-over-limit': '拥有的住房超过当地规定',
    },
    incomeKind: {
      wages: '工资收入',
      business: '经营净收入',
      property: '财产净收入（如房租、利息）',
      transfer: '转移净收入（如赡养费、养老金）',
      'basic-pension': '城乡居民基础养老金',
      'special-care': '优抚对象的抚恤金、补助金',
      'family-planning': '计划生育奖励与扶助金',
      scholarship: '奖学金、助学金',
      'bravery-award': '见义勇为奖励',
      'social-assistance': '已领取的社会救助金',
    },
  },
};
