/**
 * Marriage registry offices (婚姻登记处) and their booking schedules. Built in: example data in three
 * cities. A bureau loads its own offices instead from a JSON file named by MARRIAGE_OFFICES_FILE
 * (validated by `RegistryOfficesFileSchema`, each schedule by the booking engine's
 * `ResourceScheduleSchema`), read once when the process starts; names and addresses are in the i18n
 * resources under marriage.office.<id>. Since the 2025 regulation any office registers anyone (全国通办).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
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
  /** Designated for registrations involving foreigners and residents of Hong Kong, Macao and Taiwan. */
  handlesForeign?: boolean;
  schedule: ResourceSchedule;
}

export const RegistryOfficeSchema = z.object({
  /** In URLs (/marriage/offices/<id>/…) and in i18n keys: lower case letters, digits and "-". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower case letters, digits and "-", at most 60'),
  office: z.string().min(1).max(60),
  phone: z.string().min(1).max(40),
  mapUrl: z.url({ protocol: /^https?$/ }),
  handlesForeign: z.boolean().optional(),
  schedule: ResourceScheduleSchema,
});

/** The file MARRIAGE_OFFICES_FILE names: `{ "offices": [ … ] }`, each id once. */
export const RegistryOfficesFileSchema = z.object({
  offices: z
    .array(RegistryOfficeSchema)
    .min(1)
    .refine((offices) => new Set(offices.map((office) => office.id)).size === offices.length, 'each office id may appear only once'),
});

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

/** The built-in example offices, used unless MARRIAGE_OFFICES_FILE names others. */
export const DEMO_REGISTRY_OFFICES: readonly RegistryOffice[] = [
  {
    id: 'demo-district-registry',
    office: 'demo-district',
    phone: '0000-12345001',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%8C%BA',
    handlesForeign: true,
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

/**
 * The loaded offices are kept process-wide: the built site bundles its own copy of this module, and
 * its pages must see the same offices as the API. So are the schedules admins have changed (kept in
 * the database and read into this cache: api/appointments/office-schedules.ts), which replace the
 * file's or demo's schedule of their office whole.
 */
const LOADED = Symbol.for('civil-affairs-portal.marriage.registryOffices');
const OVERRIDES = Symbol.for('civil-affairs-portal.marriage.scheduleOverrides');
const EFFECTIVE = Symbol.for('civil-affairs-portal.marriage.effectiveOffices');
const slot = globalThis as {
  [LOADED]?: readonly RegistryOffice[];
  [OVERRIDES]?: ReadonlyMap<string, ResourceSchedule>;
  [EFFECTIVE]?: readonly RegistryOffice[];
};

function effectiveOffices(): readonly RegistryOffice[] {
  const base = slot[LOADED] ?? DEMO_REGISTRY_OFFICES;
  const overrides = slot[OVERRIDES];
  if (!overrides || overrides.size === 0) return base;
  return base.map((office) => {
    const schedule = overrides.get(office.id);
    return schedule ? { ...office, schedule } : office;
  });
}

/**
 * The offices this process books for, with the schedules admins have changed: the demo offices, or
 * those loaded at start-up by `useRegistryOffices`. A live binding: importers always see the
 * current list (the site's copy of this module reads `registryOffices()`).
 */
export let REGISTRY_OFFICES: readonly RegistryOffice[] = slot[EFFECTIVE] ?? effectiveOffices();

export function registryOffices(): readonly RegistryOffice[] {
  return slot[EFFECTIVE] ?? REGISTRY_OFFICES;
}

export function registryOffice(id: string): RegistryOffice | undefined {
  return registryOffices().find((office) => office.id === id);
}

/** The office as its file (or the demo) defines it, before any admin's change: what a new override starts from. */
export function configuredRegistryOffice(id: string): RegistryOffice | undefined {
  return (slot[LOADED] ?? DEMO_REGISTRY_OFFICES).find((office) => office.id === id);
}

function publish(): void {
  REGISTRY_OFFICES = effectiveOffices();
  slot[EFFECTIVE] = REGISTRY_OFFICES;
}

/**
 * Replaces the offices for the whole process (at start-up, before the first request). Schedules
 * changed by admins are dropped with them until the database is read again.
 */
export function useRegistryOffices(offices: readonly RegistryOffice[]): void {
  slot[LOADED] = RegistryOfficesFileSchema.parse({ offices }).offices;
  slot[OVERRIDES] = new Map();
  publish();
}

/**
 * The schedules admins have changed, by office id (all of them, as read from the database): each
 * replaces its office's schedule. An id that is no office of this process is ignored.
 */
export function useScheduleOverrides(overrides: ReadonlyMap<string, ResourceSchedule>): void {
  slot[OVERRIDES] = new Map(overrides);
  publish();
}

export class RegistryOfficesFileError extends Error {
  override name = 'RegistryOfficesFileError';
}

/** Reads and validates an offices file; the error names the file and each problem's place in it. */
export function readRegistryOfficesFile(path: string): RegistryOffice[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RegistryOfficesFileError(`MARRIAGE_OFFICES_FILE ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = RegistryOfficesFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new RegistryOfficesFileError(`MARRIAGE_OFFICES_FILE ${path} is not a valid offices file:\n${lines.join('\n')}`);
  }
  return parsed.data.offices;
}
