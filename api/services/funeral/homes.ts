/**
 * The funeral homes (殡仪馆) people are pointed to, and the demonstration's details and price lists:
 * the source rows of the rule tables funeral.homes and funeral.price-lists (docs/decisions/062),
 * over which a system admin enters a change from its first day at /staff/rules.
 *
 * A home is its id, its name (`funeral:homes.<id>.name`) and its district: what identifies it, as a
 * district does for the relief standards; a new home comes with a release. Its address, phone and
 * hours, and its price list, change by notice and are effective-dated.
 *
 * Both homes, and every figure here, are EXAMPLES (made up, as the guides' local figures are marked),
 * in the demonstration's two districts; the prices are near published city lists (a standard
 * cremation ¥240, as the basic-funeral-services guide's example).
 */
import type { HomeDetails } from './homes-table.ts';
import type { PriceListValue } from './price-list.ts';

/** The districts homes are in, with the province whose additions to the basic list apply (catalogue.ts). */
export const FUNERAL_DISTRICTS = [
  { id: 'demo-district', province: '99' },
  { id: 'demo-county', province: '99' },
] as const;
export type FuneralDistrict = (typeof FUNERAL_DISTRICTS)[number]['id'];

export const FUNERAL_HOMES = [
  { id: 'demo-district-funeral-home', district: 'demo-district' },
  { id: 'demo-county-funeral-station', district: 'demo-county' },
] as const satisfies readonly { id: string; district: FuneralDistrict }[];
export type FuneralHomeId = (typeof FUNERAL_HOMES)[number]['id'];

export const funeralHome = (id: string) => FUNERAL_HOMES.find((home) => home.id === id);
export const provinceOfHome = (id: string): string | undefined => FUNERAL_DISTRICTS.find((district) => district.id === funeralHome(id)?.district)?.province;

const yuan = (amount: number) => amount * 100;
const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The homes' details from a day: the demonstration's. */
export const FUNERAL_SOURCE_DETAILS: readonly { home: FuneralHomeId; effectiveFrom: string; basis: string; value: HomeDetails }[] = [
  {
    home: 'demo-district-funeral-home',
    effectiveFrom: '2026-01-01',
    basis: '示例区民政局关于示例区殡仪馆服务信息的公告（示例）',
    value: {
      example: true,
      phone: '0000-12345678',
      addressZh: '示例区殡仪路 8 号',
      addressEn: '8 Binyi Road, Demo District',
      hoursZh: '电话 24 小时接听，随时接运遗体；业务大厅每天 7:00–17:00，节假日照常',
      hoursEn: 'The phone is answered 24 hours a day, and transport is arranged at any hour; the service hall is open 7:00–17:00 every day, holidays included',
    },
  },
  {
    home: 'demo-county-funeral-station',
    effectiveFrom: '2026-01-01',
    basis: '示例县民政局关于示例县殡仪服务站服务信息的公告（示例）',
    value: {
      example: true,
      phone: '0000-12345679',
      addressZh: '示例县城关镇安宁街 21 号',
      addressEn: '21 Anning Street, Chengguan Town, Demo County',
      hoursZh: '电话 24 小时接听，随时接运遗体；服务站每天 8:00–17:30',
      hoursEn: 'The phone is answered 24 hours a day, and transport is arranged at any hour; the station is open 8:00–17:30 every day',
    },
  },
];

/** The homes' price lists from a day: the demonstration's, from the day the revised regulation took effect. */
export const FUNERAL_SOURCE_PRICE_LISTS: readonly { home: FuneralHomeId; effectiveFrom: string; basis: string; value: PriceListValue }[] = [
  {
    // A home that cremates: the whole national list, and the province's two additions.
    home: 'demo-district-funeral-home',
    effectiveFrom: '2026-03-30',
    basis: '示例市发展和改革委员会、示例市民政局关于殡葬服务收费标准的通知（示例，2026 年）',
    value: {
      example: true,
      basic: [
        { item: 'body-transport', unit: 'per-time', priceFen: yuan(200), note: both('市区内，含车辆和抬运', 'Within the city, vehicle and carrying included') },
        { item: 'body-storage', unit: 'per-day', priceFen: yuan(50), note: both('冷藏', 'Refrigerated') },
        { item: 'farewell', unit: 'per-time', priceFen: yuan(300), note: both('小告别厅，30 分钟', 'Small hall, 30 minutes') },
        { item: 'cremation', unit: 'per-time', priceFen: yuan(240), note: both('普通火化炉', 'Standard cremator') },
        { item: 'ashes-storage', unit: 'per-year', priceFen: yuan(100) },
        { item: 'eco-burial', unit: 'per-time', priceFen: 0, note: both('树葬、海葬由区民政局组织，不收费', 'Tree and sea burials are arranged by the district bureau, free of charge') },
        { item: 'niche-burial', unit: 'per-time', priceFen: yuan(1500), note: both('区公益性骨灰堂格位', 'A niche in the district’s public columbarium') },
        { item: 'body-disinfection', unit: 'per-time', priceFen: yuan(50) },
        { item: 'basic-urn', unit: 'per-piece', priceFen: yuan(100) },
      ],
      optional: [
        { item: 'embalming', name: both('遗体防腐', 'Embalming'), unit: 'per-time', priceFen: yuan(300) },
        { item: 'cosmetics', name: both('遗体整容化妆', 'Restoration and make-up'), unit: 'per-time', priceFen: yuan(200) },
        { item: 'large-hall', name: both('大告别厅', 'Large farewell hall'), unit: 'per-hour', priceFen: yuan(600) },
        { item: 'flowers', name: both('鲜花布置', 'Flower arrangement'), unit: 'per-time', priceFen: yuan(500) },
        { item: 'vigil-room', name: both('守灵室', 'Vigil room'), unit: 'per-day', priceFen: yuan(400) },
        { item: 'wooden-urn', name: both('木质骨灰盒', 'Wooden urn'), unit: 'per-piece', priceFen: yuan(600) },
      ],
    },
  },
  {
    // A service station that does not cremate (the district's home does): what it offers, no more.
    home: 'demo-county-funeral-station',
    effectiveFrom: '2026-03-30',
    basis: '示例县发展和改革局、示例县民政局关于殡葬服务收费标准的通知（示例，2026 年）',
    value: {
      example: true,
      basic: [
        { item: 'body-transport', unit: 'per-km', priceFen: yuan(5), note: both('按实际里程计算，送往示例区殡仪馆火化', 'By the distance driven, to Demo District Funeral Home for cremation') },
        { item: 'body-storage', unit: 'per-day', priceFen: yuan(40), note: both('冷藏', 'Refrigerated') },
        { item: 'farewell', unit: 'per-time', priceFen: yuan(200) },
      ],
      optional: [
        { item: 'embalming', name: both('遗体防腐', 'Embalming'), unit: 'per-time', priceFen: yuan(300) },
        { item: 'vigil-room', name: both('守灵室', 'Vigil room'), unit: 'per-day', priceFen: yuan(300) },
      ],
    },
  },
];
