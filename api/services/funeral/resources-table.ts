/**
 * What a funeral home can be booked for (docs/decisions/063), as an effective-dated rule table keyed
 * by home (docs/decisions/030): the body transport it takes requests for, its cold storage (places
 * a day), its cremation line and its farewell halls by size (places per slot, the day's sessions).
 * A home works every day, holidays included, so each resource has its own calendar: the booking
 * engine's schedule with `followsWorkingDays: false` and the resource's own closures (a cremator's
 * maintenance day), never the working-day calendar.
 *
 * Each resource books one item of the home's price list (price-list.ts): only what the list in force
 * has can be booked, and its price is the list's. A resource is data, not code: a bureau adds a hall
 * or changes a line's places from the day a notice says.
 *
 * Staff type the resources as lines, one a line, the parts split by "|":
 *   id | kind | item | places | slot minutes | sessions | days ahead [| closures]
 *   e.g. cremation | cremation | cremation | 2 | 60 | 07:00-12:00, 13:00-16:00 | 14
 *        hall-small | hall-small | farewell | 1 | 60 | 08:00-16:00 | 14
 *        storage | storage | body-storage | 20 | - | - | 30
 * and the transport (the item it books, how many days ahead a window may start, the longest window in hours).
 */
import { z } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import { textLine } from '../../domain/text.ts';
import { MAX_DAYS_AHEAD, type ResourceSchedule } from '../../engine/booking/schedule.ts';
import { rowOn, sourceRow, type RuleRow, type RuleTable } from '../../engine/rules/rule-table.ts';
import { translator } from '../../i18n/index.ts';
import { homeKeys } from './homes-table.ts';
import type { FuneralHomeId } from './homes.ts';

const E = 'funeral:funeralBooking.errors.resources';
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${E}.session`);
const Session = z.object({ from: Time, to: Time }).refine((session) => session.from < session.to, `${E}.session`);

/** The kinds a booking asks for: cremation, a farewell hall of a size, cold storage. Transport is a request, not a resource (below). */
export const RESOURCE_KINDS = ['cremation', 'hall-small', 'hall-medium', 'hall-large', 'storage'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const HALL_KINDS = ['hall-small', 'hall-medium', 'hall-large'] as const satisfies readonly ResourceKind[];
export type HallKind = (typeof HALL_KINDS)[number];
export const isHall = (kind: string): kind is HallKind => (HALL_KINDS as readonly string[]).includes(kind);

export const ResourceSchema = z.strictObject({
  /** Its id within the home (the places' resource is `<home>:<id>`). */
  id: textLine().regex(/^[a-z][a-z0-9-]{1,30}$/, `${E}.id`),
  kind: z.enum(RESOURCE_KINDS, { error: `${E}.kind` }),
  /** The price list's item it books (cremation, farewell, large-hall, body-storage…). */
  item: textLine().trim().min(1, `${E}.item`).max(40),
  /** Places per slot (per day for storage: its drawers). */
  places: z.number({ error: `${E}.places` }).int(`${E}.places`).min(0, `${E}.places`).max(100, `${E}.places`),
  /** Storage is booked by the day: no slots. */
  slotMinutes: z.number({ error: `${E}.slotMinutes` }).int(`${E}.slotMinutes`).min(15, `${E}.slotMinutes`).max(240, `${E}.slotMinutes`).optional(),
  sessions: z.array(Session).max(6).default([]),
  /** How far ahead it may be booked (days); storage: the most days a body is kept on one booking. */
  daysAhead: z.number({ error: `${E}.daysAhead` }).int(`${E}.daysAhead`).min(1, `${E}.daysAhead`).max(MAX_DAYS_AHEAD, `${E}.daysAhead`),
  closures: z.array(z.iso.date({ error: `${E}.closure` })).max(60).default([]),
});
export type Resource = z.output<typeof ResourceSchema>;

export const TransportSchema = z.strictObject({
  item: textLine().trim().min(1, `${E}.item`).max(40),
  /** How many days ahead a pickup window may start. */
  daysAhead: z.number({ error: `${E}.daysAhead` }).int(`${E}.daysAhead`).min(1, `${E}.daysAhead`).max(30, `${E}.daysAhead`),
  /** The longest window the family may give, hours: the home plans its vehicles by it. */
  maxWindowHours: z.number({ error: `${E}.maxWindowHours` }).int(`${E}.maxWindowHours`).min(1, `${E}.maxWindowHours`).max(48, `${E}.maxWindowHours`),
});
export type TransportRule = z.output<typeof TransportSchema>;

export const HomeResourcesSchema = z
  .strictObject({
    example: z.boolean().default(false),
    /** Absent: the home takes no transport requests online (the family phones). */
    transport: TransportSchema.optional(),
    resources: z.array(ResourceSchema).max(20),
  })
  .superRefine((value, context) => {
    value.resources.forEach((resource, index) => {
      if (value.resources.findIndex((other) => other.id === resource.id) !== index) context.addIssue({ code: 'custom', path: ['resources', index, 'id'], message: `${E}.duplicate`, params: { entry: index + 1 } });
      if (resource.kind !== 'storage' && (resource.slotMinutes === undefined || resource.sessions.length === 0)) context.addIssue({ code: 'custom', path: ['resources', index, 'sessions'], message: `${E}.sessionsNeeded`, params: { entry: index + 1 } });
    });
  });
export type HomeResources = z.output<typeof HomeResourcesSchema>;

/** The places' resource id: the home and its resource, so two homes' cremation lines never share a place. */
export const resourceKey = (home: string, resource: Pick<Resource, 'id'>): string => `${home}:${resource.id}`;

/** The slot a storage day's place is counted in: storage has one place row a day. */
export const STORAGE_DAY_START = '00:00';

/**
 * A resource's calendar as the booking engine reads it: the same sessions every day of the week,
 * holidays included (`followsWorkingDays: false`), its own closures, bookable from today (a death
 * does not wait for tomorrow) up to its days ahead. Storage is one slot a day.
 */
export function scheduleOf(resource: Resource): ResourceSchedule {
  const storage = resource.kind === 'storage';
  const sessions = storage ? [{ from: STORAGE_DAY_START, to: '04:00' }] : resource.sessions;
  return {
    weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, sessions])),
    slotMinutes: storage ? 240 : (resource.slotMinutes ?? 60),
    placesPerSlot: { [resource.id]: resource.places },
    window: { minDaysAhead: 0, maxDaysAhead: resource.daysAhead },
    closures: resource.closures,
    specialDates: [],
    followsWorkingDays: false,
  };
}

/** A home's resources in force on `day`; undefined when none are published for it. */
export const homeResourcesOn = (rows: readonly RuleRow<HomeResources>[], home: string, day: string): HomeResources | undefined => rowOn(rows, home, day)?.value;

/** One resource of a home in force on `day`. */
export function resourceOn(rows: readonly RuleRow<HomeResources>[], home: string, id: string, day: string): Resource | undefined {
  return homeResourcesOn(rows, home, day)?.resources.find((resource) => resource.id === id);
}

const parts = (line: string) => line.split(/\s*[|｜]\s*/).map((part) => part.trim());
const linesOf = (text: string | undefined) => (text ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
const numberOf = (typed: string | undefined) => (typed === undefined || typed === '' || typed === '-' ? undefined : /^\d{1,4}$/.test(typed.normalize('NFKC')) ? Number(typed.normalize('NFKC')) : Number.NaN);
const sessionsOf = (typed: string | undefined) =>
  typed === undefined || typed === '' || typed === '-'
    ? []
    : typed.split(/\s*[,，、]\s*/).map((text) => {
        const [from = '', to = ''] = text.normalize('NFKC').split(/\s*[-–~]\s*/);
        return { from, to };
      });
const listOf = (typed: string | undefined) => (typed === undefined || typed === '' || typed === '-' ? [] : typed.split(/\s*[,，、]\s*/));

function resourceLine(line: string) {
  const [id, kind, item, places, slotMinutes, sessions, daysAhead, closures] = parts(line);
  const slot = numberOf(slotMinutes);
  return { id: id ?? '', kind: kind ?? '', item: item ?? '', places: numberOf(places), ...(slot === undefined ? {} : { slotMinutes: slot }), sessions: sessionsOf(sessions), daysAhead: numberOf(daysAhead), closures: listOf(closures) };
}
const resourceText = (resource: Resource) =>
  [resource.id, resource.kind, resource.item, String(resource.places), resource.slotMinutes === undefined ? '-' : String(resource.slotMinutes), resource.sessions.length === 0 ? '-' : resource.sessions.map((s) => `${s.from}-${s.to}`).join(', '), String(resource.daysAhead), ...(resource.closures.length > 0 ? [resource.closures.join(', ')] : [])].join(' | ');

function describe(value: HomeResources, lang: Locale): string {
  const t = translator(lang);
  const text = t('rules.tables.funeral.resources.describe', {
    transport: value.transport ? t('rules.tables.funeral.resources.transport', { hours: value.transport.maxWindowHours }) : t('rules.tables.funeral.resources.noTransport'),
    resources: value.resources.map((resource) => `${resource.id} ×${resource.places}`).join(t('punctuation.inlineList')),
  });
  return `${text}${value.example ? ` (${t('rules.example')})` : ''}`;
}

/** The demonstration's resources: EXAMPLES, as the homes' details are. */
const SOURCE: readonly { home: FuneralHomeId; effectiveFrom: string; basis: string; value: HomeResources }[] = [
  {
    home: 'demo-district-funeral-home',
    effectiveFrom: '2026-03-30',
    basis: '示例区民政局关于示例区殡仪馆服务安排的公告（示例）',
    value: {
      example: true,
      transport: { item: 'body-transport', daysAhead: 7, maxWindowHours: 4 },
      resources: [
        { id: 'cremation', kind: 'cremation', item: 'cremation', places: 2, slotMinutes: 60, sessions: [{ from: '07:00', to: '12:00' }, { from: '13:00', to: '16:00' }], daysAhead: 14, closures: [] },
        { id: 'hall-small', kind: 'hall-small', item: 'farewell', places: 2, slotMinutes: 60, sessions: [{ from: '07:00', to: '12:00' }, { from: '13:00', to: '16:00' }], daysAhead: 14, closures: [] },
        { id: 'hall-large', kind: 'hall-large', item: 'large-hall', places: 1, slotMinutes: 120, sessions: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '15:00' }], daysAhead: 14, closures: [] },
        { id: 'storage', kind: 'storage', item: 'body-storage', places: 20, sessions: [], daysAhead: 30, closures: [] },
      ],
    },
  },
  {
    home: 'demo-county-funeral-station',
    effectiveFrom: '2026-03-30',
    basis: '示例县民政局关于示例县殡仪服务站服务安排的公告（示例）',
    value: {
      example: true,
      transport: { item: 'body-transport', daysAhead: 7, maxWindowHours: 6 },
      resources: [
        { id: 'hall-small', kind: 'hall-small', item: 'farewell', places: 1, slotMinutes: 60, sessions: [{ from: '08:00', to: '12:00' }, { from: '13:30', to: '17:30' }], daysAhead: 14, closures: [] },
        { id: 'storage', kind: 'storage', item: 'body-storage', places: 6, sessions: [], daysAhead: 30, closures: [] },
      ],
    },
  },
];

export const FUNERAL_RESOURCES_TABLE: RuleTable<HomeResources> = {
  name: 'funeral.resources',
  valueSchema: HomeResourcesSchema,
  keys: homeKeys,
  describe,
  fields: [
    { name: 'transport', control: 'text' },
    { name: 'resources', control: 'textarea' },
  ],
  toForm: (value) => ({
    transport: value.transport ? `${value.transport.item} | ${value.transport.daysAhead} | ${value.transport.maxWindowHours}` : '',
    resources: value.resources.map(resourceText).join('\n'),
  }),
  fromForm: (form) => {
    const [item, daysAhead, maxWindowHours] = parts(form.transport ?? '');
    const transport = item ? { transport: { item, daysAhead: numberOf(daysAhead), maxWindowHours: numberOf(maxWindowHours) } } : {};
    return { ...transport, resources: linesOf(form.resources).map(resourceLine) };
  },
  source: () =>
    SOURCE.map((row) =>
      sourceRow({
        key: row.home,
        value: { ...row.value, ...(row.value.transport ? { transport: { ...row.value.transport } } : {}), resources: row.value.resources.map((resource) => ({ ...resource, sessions: resource.sessions.map((s) => ({ ...s })), closures: [...resource.closures] })) },
        effectiveFrom: row.effectiveFrom,
        basis: row.basis,
      }),
    ),
};
