/** 殡葬 (funeral)'s own words in Simplified Chinese: its namespace (docs/decisions/038, 062). */
import { exemptionZhCN } from './exemption.zh-CN.ts';
import { bookingZhCN } from './booking.zh-CN.ts';
import { homeDayZhCN } from './home-day.zh-CN.ts';

export const funeralZhCN = {
  /** 惠民殡葬: the fee exemption (docs/decisions/065). */
  exemption: exemptionZhCN,
  /** Booking basic funeral services (docs/decisions/063). */
  funeralBooking: bookingZhCN,
  /** The funeral home's day and the exemption settlement, for staff (docs/decisions/072). */
  homeDay: homeDayZhCN,
  /** What a booking's steps record, as its timeline names it (docs/decisions/075). */
  fields: { waived: '减免金额' },
  /** The basic items by their id: the national list in the law's words (殡葬管理条例, 2026 年修订), then the provinces' additions. */
  catalogue: {
    'body-transport': '遗体接运',
    'body-storage': '遗体暂存',
    farewell: '遗体告别',
    cremation: '遗体火化',
    'ashes-storage': '骨灰寄存',
    'eco-burial': '生态安葬',
    'niche-burial': '骨灰格位安葬',
    'body-disinfection': '遗体消毒',
    'basic-urn': '简易骨灰盒',
  },
  /** A price with its unit ({{amount}}: 240 元). */
  units: {
    'per-time': '{{amount}}/次',
    'per-day': '{{amount}}/天',
    'per-km': '{{amount}}/公里',
    'per-year': '{{amount}}/年',
    'per-hour': '{{amount}}/小时',
    'per-piece': '{{amount}}/个',
    free: '免费',
  },
  /** The homes' names (homes.ts): the demonstration's. */
  homes: {
    'demo-district-funeral-home': { name: '示例区殡仪馆' },
    'demo-county-funeral-station': { name: '示例县殡仪服务站' },
  },
  districts: {
    'demo-district': '示例区',
    'demo-county': '示例县',
  },
  /** The public pages /funeral-homes and /funeral-homes/<id>: written for people in grief, plain and short. */
  funeralHomes: {
    title: '殡仪馆和收费标准',
    lead: '家里有人去世，可以随时打殡仪馆的 24 小时电话，请他们来接遗体。不必先去殡仪馆。',
    phone: '24 小时电话',
    address: '地址',
    district: '所在区县',
    hours: '服务时间',
    /** Notices tied to the home (a cremator closed for maintenance, changed hours): docs/decisions/056. */
    notices: '通知公告',
    details: '服务项目和价格',
    example: '示例：这是演示用的殡仪馆，名称、地址、电话和价格都是虚构的。',
    none: '暂时没有殡仪馆的信息。请拨打 12345 政务服务便民热线询问。',
    guide: '亲人去世后要做什么：基本殡葬服务',
    basicTitle: '基本殡葬服务',
    basicNote: '这些是国家规定的基本殡葬服务，价格由政府制定，符合条件的可以减免费用。',
    exemptionLink: '看看能不能减免（惠民殡葬）',
    provinceAdded: '本省增加的项目',
    optionalTitle: '可选服务',
    optionalNote: '这些服务你都不必购买，只选基本服务也可以。价目表上没有的项目，殡仪馆不能收费，也不能把几项捆在一起卖。',
    noOptional: '这里没有可选服务。',
    service: '服务项目',
    price: '价格',
    note: '说明',
    pricesFrom: '以上价格自 {{date}} 起执行。',
    basis: '依据',
    noPrices: '价目表还没有公布。请打 24 小时电话询问价格。',
    complaint: '结账时可以要求收费明细。多收费、被要求买没有选的服务，可以拨打 12345 或 12315 反映。',
    all: '所有殡仪馆',
  },
  errors: {
    priceList: {
      basicRequired: '请至少列出一项基本殡葬服务',
      unknownBasic: '第 {{entry}} 项“{{item}}”不是国家或本省清单上的基本殡葬服务。请写清单上的编号或名称，例如 cremation 或 遗体火化',
      notInProvince: '第 {{entry}} 项“$t(funeral:catalogue.{{item}})”是其他省份增加的项目，不在本馆所在省的清单上',
      unit: '第 {{entry}} 项的计价单位应是 次、天、公里、年、小时 或 个（也可以写 per-time、per-day、per-km、per-year、per-hour、per-piece）',
      price: '第 {{entry}} 项的价格应是不小于 0 的金额（元，最多两位小数，不超过 10 万元）',
      note: '第 {{entry}} 项的说明要中文和英文都写，用“|”隔开',
      malformed: '第 {{entry}} 项的写法不对，请按提示的格式填写',
      duplicate: '第 {{entry}} 项“$t(funeral:catalogue.{{item}})”重复了：每项服务只列一次，只有一个价格',
      duplicateOptional: '第 {{entry}} 项“{{name}}”重复了：每项服务只列一次，只有一个价格',
      missingNational: '提供火化的殡仪馆要列出国家清单上的全部基本殡葬服务，还缺少“$t(funeral:catalogue.{{item}})”',
      optionalId: '第 {{entry}} 项的编号只能用小写英文字母、数字和连字符（2 到 40 个），例如 embalming',
      optionalName: '第 {{entry}} 项要写中文名称和英文名称',
      reusesBasic: '第 {{entry}} 项用了基本殡葬服务“$t(funeral:catalogue.{{item}})”的编号或名称。可选服务不能用基本服务的名义收费',
      bundle: '第 {{entry}} 项“{{name}}”像是套餐。每项只能是一项服务、一个价格，不能捆绑销售',
    },
    /** The deceased as every after-death application names them (deceased.schema.ts, docs/decisions/064). */
    deceased: {
      diedOn: '请填写去世日期，例如 2026-11-20',
      diedOnFuture: '去世日期不能晚于今天，请再看一下',
      diedBeforeBirth: '去世日期早于身份证上的出生日期，请再看一下',
    },
    home: {
      phone: '24 小时电话只能写数字，可以用空格或连字符隔开，例如 0571-88880000',
    },
  },
};
