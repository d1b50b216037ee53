/**
 * Marriage registry offices (婚姻登记处) and their booking schedules. Built in: example data in three
 * cities. A bureau loads its own offices instead from a JSON file named by MARRIAGE_OFFICES_FILE
 * (validated by `RegistryOfficesFileSchema`, each schedule by the booking engine's
 * `ResourceScheduleSchema`), read once when the process starts. Each office carries its own name,
 * address and accessibility notes in each language (docs/decisions/011): they are the bureau's data,
 * not the portal's wording, so they live with the office and not in the i18n resources. Since the
 * 2025 regulation any office registers anyone (全国通办).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ResourceScheduleSchema, type ResourceSchedule } from '../../engine/booking/schedule.ts';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { WithdrawalRuleSchema, type WithdrawalRule } from './withdrawal-rules.ts';

export const MARRIAGE_KINDS = ['marriage', 'divorce', 'reissue'] as const;
export type MarriageKind = (typeof MARRIAGE_KINDS)[number];

/** What a person reads about an office, in one language. */
export const OfficeTextSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  /**
   * Short notes, one per fact (step-free entrance, lift, accessible toilet, hearing loop, how to book
   * a sign-language interpreter, parking). At least one: a person in a wheelchair needs to know
   * before travelling, and "call us to ask" is a note too.
   */
  accessibility: z.array(z.string().trim().min(1).max(300)).min(1).max(12),
});
export type OfficeText = z.infer<typeof OfficeTextSchema>;

export const RegistryOfficeSchema = z.object({
  /** In URLs (/marriage/offices/<id>/…): lower case letters, digits and "-". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower case letters, digits and "-", at most 60'),
  /** The staff office that runs it (workbench scope). */
  office: z.string().min(1).max(60),
  /**
   * Chinese is required. English is optional and, when given, complete: an English page falls back
   * to the whole Chinese text rather than mixing languages within one office (a Chinese address is
   * still what a taxi driver reads). Any other key is refused, so a misspelt "en-GB" is not lost.
   */
  text: z.strictObject({ 'zh-CN': OfficeTextSchema, en: OfficeTextSchema.optional() }),
  phone: z.string().min(1).max(40),
  /** A map link for the address (no tracking parameters). */
  mapUrl: z.url({ protocol: /^https?$/ }),
  /**
   * Designated by the province for registrations where a party is a foreigner or a resident of Hong
   * Kong, Macao or Taiwan (涉外、涉港澳台婚姻登记); only those offices accept other ID documents.
   */
  handlesForeign: z.boolean().default(false),
  /** The province's two-digit administrative code (33 浙江): the province's rules apply to it (withdrawal-rules.ts). */
  province: z.string().regex(/^\d{2}$/, 'a province’s two-digit code, e.g. "33"').optional(),
  schedule: ResourceScheduleSchema,
});
export type RegistryOffice = z.output<typeof RegistryOfficeSchema>;

/**
 * The file MARRIAGE_OFFICES_FILE names: `{ "offices": [ … ] }`, each id once, and optionally the
 * local rules for withdrawing a divorce online (`withdrawalRules`: withdrawal-rules.ts), each for a
 * province or for an office of the file.
 */
export const RegistryOfficesFileSchema = z
  .object({
    offices: z
      .array(RegistryOfficeSchema)
      .min(1)
      .refine((offices) => new Set(offices.map((office) => office.id)).size === offices.length, 'each office id may appear only once'),
    withdrawalRules: z.array(WithdrawalRuleSchema).default([]),
  })
  .superRefine((file, context) => {
    file.withdrawalRules.forEach((rule, index) => {
      if (rule.office !== undefined && !file.offices.some((office) => office.id === rule.office)) {
        context.addIssue({ code: 'custom', path: ['withdrawalRules', index, 'office'], message: `no office ${rule.office} in this file` });
      }
    });
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

/**
 * The built-in example offices, used unless MARRIAGE_OFFICES_FILE names others. Names, addresses,
 * phone numbers and accessibility notes are made up (示例 = example): a bureau replaces them all.
 */
export const DEMO_REGISTRY_OFFICES: readonly RegistryOffice[] = [
  {
    id: 'demo-district-registry',
    office: 'demo-district',
    text: {
      'zh-CN': {
        name: '示例区婚姻登记处',
        address: '示例市示例区幸福路 8 号',
        accessibility: [
          '正门有坡道，无台阶进入',
          '登记大厅在一楼；颁证厅在二楼，有无障碍电梯',
          '一楼有无障碍卫生间',
          '服务台有助听环路；需要手语翻译的，请至少提前 3 个工作日致电预约',
          '楼前有 2 个无障碍停车位',
        ],
      },
      en: {
        name: 'Example District Marriage Registry',
        address: '8 Xingfu Road, Example District, Example City',
        accessibility: [
          'Step-free entrance by a ramp at the main door',
          'Registration hall on the ground floor; the certificate hall is on the first floor, with a lift',
          'Accessible toilet on the ground floor',
          'Hearing loop at the service desk; for a sign-language interpreter, phone at least 3 working days ahead',
          '2 accessible parking spaces in front of the building',
        ],
      },
    },
    phone: '0000-12345001',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%8C%BA',
    // The demo's designated office for 涉外、涉港澳台 registrations.
    handlesForeign: true,
    schedule: standardSchedule({ marriage: 10, divorce: 4, reissue: 4 }, [
      // 12.12 falls on a Saturday; the office opens for weddings, bookable from 1 December 09:00.
      { date: '2026-12-12', releasesAt: '2026-12-01T09:00:00+08:00', sessions: [{ from: '09:00', to: '12:00' }] },
    ]),
  },
  {
    id: 'demo-city-north-registry',
    office: 'demo-city-north',
    text: {
      'zh-CN': {
        name: '示例市北城婚姻登记处',
        address: '示例市北城区和平街 20 号',
        accessibility: [
          '正门有 3 级台阶；东侧门有坡道，请按门铃，工作人员会来开门',
          '登记大厅和颁证厅都在一楼',
          '一楼东侧有无障碍卫生间',
          '可以借用轮椅；需要手语翻译的，请提前致电预约',
          '没有专用停车位；最近的公共停车场在和平街 50 号，约 200 米',
        ],
      },
      en: {
        name: 'Example City North Marriage Registry',
        address: '20 Heping Street, North District, Example City',
        accessibility: [
          'Three steps at the main door; step-free side door on the east with a ramp: ring the bell and staff will open it',
          'Registration hall and certificate hall both on the ground floor',
          'Accessible toilet on the ground floor, east side',
          'Wheelchair to borrow; for a sign-language interpreter, phone ahead',
          'No parking of its own; the nearest public car park is at 50 Heping Street, about 200 m away',
        ],
      },
    },
    phone: '0000-12345002',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%B8%82',
    handlesForeign: false,
    schedule: standardSchedule({ marriage: 6, divorce: 2, reissue: 2 }),
  },
  {
    id: 'demo-county-registry',
    office: 'demo-county',
    text: {
      'zh-CN': {
        name: '示例县婚姻登记处',
        address: '示例县城关镇民政路 1 号',
        accessibility: [
          '入口无台阶，门宽可通过轮椅',
          '所有窗口都在一楼，有一个低位服务窗口',
          '大厅北侧有无障碍卫生间',
          '需要手语翻译或其他帮助的，请提前致电',
          '院内停车场有无障碍停车位',
        ],
      },
      en: {
        name: 'Example County Marriage Registry',
        address: '1 Minzheng Road, Chengguan, Example County',
        accessibility: [
          'Step-free entrance, wide enough for a wheelchair',
          'Every counter on the ground floor, one of them at wheelchair height',
          'Accessible toilet on the north side of the hall',
          'For a sign-language interpreter or other help, phone ahead',
          'Accessible parking spaces in the courtyard car park',
        ],
      },
    },
    phone: '0000-12345003',
    mapUrl: 'https://www.openstreetmap.org/search?query=%E7%A4%BA%E4%BE%8B%E5%8E%BF',
    handlesForeign: false,
    schedule: standardSchedule({ marriage: 4, divorce: 2, reissue: 2 }),
  },
];

/** An office's text in a language, and the language it is really in (Chinese when it has no English). */
export function officeText(office: Pick<RegistryOffice, 'text'>, lang: Locale): OfficeText & { lang: Locale } {
  const own = office.text[lang];
  return own ? { ...own, lang } : { ...office.text['zh-CN'], lang: 'zh-CN' };
}

/**
 * The registry offices one portal books for (docs/decisions/035): the offices its file (or the demo)
 * defines, each with the schedule an admin saved in place of the file's. The runtime owns one and
 * hands it to the API (`ApiDeps.offices`) and the pages (`Astro.locals.portal.offices`); nothing
 * keeps offices in a module, so two portals in one process (tests; the built site beside the API)
 * never see each other's.
 */
export interface RegistryOffices {
  /** Every office, with the schedules admins have changed. */
  all(): readonly RegistryOffice[];
  /** One office by its id, with its changed schedule; undefined for an id no longer configured. */
  get(id: string): RegistryOffice | undefined;
  /** The office as its file (or the demo) defines it, before any admin's change: what a new override starts from. */
  configured(id: string): RegistryOffice | undefined;
}

/**
 * The offices of `configured`, each whose id is in `schedules` with that schedule instead (an admin's
 * change replaces the file's schedule whole); an id that is no office here is ignored.
 */
export function registryOfficesOf(configured: readonly RegistryOffice[], schedules: ReadonlyMap<string, ResourceSchedule> = new Map()): RegistryOffices {
  const effective = configured.map((office) => {
    const schedule = schedules.get(office.id);
    return schedule ? { ...office, schedule } : office;
  });
  return {
    all: () => effective,
    get: (id) => effective.find((office) => office.id === id),
    configured: (id) => configured.find((office) => office.id === id),
  };
}

/** The demo offices with their own schedules: for code run outside a portal (a seed, a unit test). */
export const DEMO_OFFICES: RegistryOffices = registryOfficesOf(DEMO_REGISTRY_OFFICES);

/**
 * An office's name by its id, for pages and messages that know only the id (an appointment's). An
 * office no longer configured (an old appointment after a bureau changed its file) is named by its id.
 */
export function officeName(offices: Pick<RegistryOffices, 'get'>, id: string, lang: Locale): string {
  const office = offices.get(id);
  return office ? officeText(office, lang).name : id;
}

/** Checks offices given in code (a test's, a package's) as a file's would be checked. */
export function validRegistryOffices(offices: readonly RegistryOffice[]): RegistryOffice[] {
  return RegistryOfficesFileSchema.parse({ offices }).offices;
}

export class RegistryOfficesFileError extends Error {
  override name = 'RegistryOfficesFileError';
}

/** Reads and validates an offices file (its offices only: readRegistryFile has its rules too). */
export function readRegistryOfficesFile(path: string): RegistryOffice[] {
  return readRegistryFile(path).offices;
}

/** Reads and validates an offices file; the error names the file and each problem's place in it. */
export function readRegistryFile(path: string): { offices: RegistryOffice[]; withdrawalRules: WithdrawalRule[] } {
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
  return parsed.data;
}
