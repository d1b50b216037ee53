/**
 * Marriage registry offices (婚姻登记处) and their booking schedules. Example data in three cities:
 * a bureau replaces it with its own offices (names and addresses in the i18n resources under
 * marriage.office.<id>). Since the 2025 regulation any office registers anyone (全国通办).
 */
import { ResourceScheduleSchema, type ResourceSchedule } from '../../domain/booking/schedule.ts';

export const MARRIAGE_KINDS = ['marriage', 'divorce', 'reissue'] as const;
export type MarriageKind = (typeof MARRIAGE_KINDS)[number];

export interface RegistryOffice {
  id: string;
  /** The staff office that runs it (workbench scope). */
  office: string;
  phone: string;
  /** A map link for the address (no tracking parameters). */
  mapUrl: string;
  schedule: ResourceSchedule;
}

const WEEKDAYS = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:00' },
];

const standardSchedule = (places: Record<MarriageKind, number>, specialDates: ResourceSchedule['specialDates'] = []) =>
  ResourceScheduleSchema.parse({
    weekly: { '1': WEEKDAYS, '2': WEEKDAYS, '3': WEEKDAYS, '4': WEEKDAYS, '5': WEEKDAYS },
    slotMinutes: 30,
    placesPerSlot: places,
    window: { minDaysAhead: 1, maxDaysAhead: 30 },
    closures: [],
    specialDates,
  });

export const REGISTRY_OFFICES: readonly RegistryOffice[] = [
  {
    id: 'demo-district-registry',
    office: 'demo-district',
    phone: '0000-12345001',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%8C%BA',
    schedule: standardSchedule({ marriage: 10, divorce: 4, reissue: 4 }, [
      // 12.12 falls on a Saturday; the office opens for weddings, bookable from 1 December 09:00.
      { date: '2026-12-12', releasesAt: '2026-12-01T09:00:00+08:00', sessions: [{ from: '09:00', to: '12:00' }] },
    ]),
  },
  {
    id: 'demo-city-north-registry',
    office: 'demo-city-north',
    phone: '0000-12345002',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%B8%82',
    schedule: standardSchedule({ marriage: 6, divorce: 2, reissue: 2 }),
  },
  {
    id: 'demo-county-registry',
    office: 'demo-county',
    phone: '0000-12345003',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%8E%BF',
    schedule: standardSchedule({ marriage: 4, divorce: 2, reissue: 2 }),
  },
];

export function registryOffice(id: string): RegistryOffice | undefined {
  return REGISTRY_OFFICES.find((office) => office.id === id);
}
