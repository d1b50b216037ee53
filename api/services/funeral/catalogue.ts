/**
 * What a funeral home may put on its public price list (docs/decisions/062): the basic services of
 * the national list (殡葬管理条例, revised 2026, in force 2026-03-30), the items a province adds to
 * that list, and the units a price is given in. A booking (the next slice) names an item by its id,
 * and only an item on the home's price list in force is bookable (price-list.ts).
 *
 * The items' names are the law's, in the `funeral` namespace (`funeral:catalogue.<id>`); a home's
 * optional services are named on its own price list, never here.
 */

/**
 * The national list of basic funeral services (国家基本殡葬服务清单), in the law's order: 遗体接运,
 * 暂存, 告别, 火化, 骨灰寄存, 生态安葬, and 骨灰格位安葬 where a government-run institution provides it.
 */
export const NATIONAL_BASIC_SERVICES = ['body-transport', 'body-storage', 'farewell', 'cremation', 'ashes-storage', 'eco-burial', 'niche-burial'] as const;
export type NationalBasicService = (typeof NATIONAL_BASIC_SERVICES)[number];

/**
 * Items a province adds to the basic list (省级可以增加项目), by the province's two-digit code
 * (GB/T 2260, as the registry offices name theirs). The one province here is the demonstration's:
 * 99 is no province's code, and its two items are EXAMPLES (the guide's "{{ex:本省增加了遗体消毒和简易骨灰盒}}").
 * A province's real additions are a release, as the national list is.
 */
export const PROVINCE_ADDED_SERVICES = {
  '99': ['body-disinfection', 'basic-urn'],
} as const satisfies Record<string, readonly string[]>;
export type ProvinceCode = keyof typeof PROVINCE_ADDED_SERVICES;
export type ProvinceAddedService = (typeof PROVINCE_ADDED_SERVICES)[ProvinceCode][number];

/** Every basic item any list names: what a price list's basic entry may be (its province then decides: price-list.ts). */
export const BASIC_SERVICES: readonly (NationalBasicService | ProvinceAddedService)[] = [...NATIONAL_BASIC_SERVICES, ...Object.values(PROVINCE_ADDED_SERVICES).flat()];
export type BasicService = NationalBasicService | ProvinceAddedService;

export const isNational = (item: string): item is NationalBasicService => (NATIONAL_BASIC_SERVICES as readonly string[]).includes(item);
export const isBasicService = (item: string): item is BasicService => (BASIC_SERVICES as readonly string[]).includes(item);

/** The basic items a home in `province` may list: the national ones and the province's own. */
export function basicServicesOf(province: string | undefined): readonly BasicService[] {
  const added = Object.entries(PROVINCE_ADDED_SERVICES).find(([code]) => code === province)?.[1] ?? [];
  return [...NATIONAL_BASIC_SERVICES, ...added];
}

/** What a price is for: one time, a day, a kilometre, a year, an hour, one piece. */
export const PRICE_UNITS = ['per-time', 'per-day', 'per-km', 'per-year', 'per-hour', 'per-piece'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];
