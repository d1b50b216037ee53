/**
 * A booking of basic funeral services (docs/decisions/063): one schema for the journey's pages, the
 * API and the tests. The home; who died (deceased.schema.ts); the family's contact (their phone,
 * confirmed before the booking is taken); what is needed — a transport request (a day, a window and
 * the pickup address: taken at any hour, confirmed later by the home), cold storage (from a day, for
 * some days), a cremation slot, a farewell hall of a size and its slot —, and the facts the fee
 * exemption is decided on (the household's registration if the family says, 低保/特困 or 优抚 claimed).
 *
 * What the schema can decide from the day and the rule rows it is given, it decides next to the
 * field: a window in the past or too long, a home without the resource asked, an item not on the
 * home's price list. Whether a slot exists on the day and still has a place is the booking's
 * (booking-service.ts: the calendar and the database). The moment is an argument: no clock.
 */
import { z } from 'zod';
import { MobilePhone, PersonName } from '../../domain/identity/person-fields.ts';
import { textLine } from '../../domain/text.ts';
import { validFields } from '../../domain/valid-fields.ts';
import { addDays } from '../../domain/calendar/working-days.ts';
import type { RuleBook } from '../../engine/rules/live-rules.ts';
import type { RuleRow } from '../../engine/rules/rule-table.ts';
import { parseDay } from '../../domain/calendar/typed-day.ts';
import { bookedDeceasedSchema } from './deceased.schema.ts';
import { FUNERAL_HOMES } from './homes.ts';
import { isBookable, type PriceListValue } from './price-list.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from './price-list-table.ts';
import { FUNERAL_RESOURCES_TABLE, HALL_KINDS, homeResourcesOn, type HomeResources } from './resources-table.ts';

const E = 'funeral:funeralBooking.errors';
const Time = (message: string) =>
  textLine({ error: message })
    .transform((typed) => typed.normalize('NFKC').trim().replace(/^(\d):/, '0$1:').replace('：', ':'))
    .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message));
const Day = (message: string) =>
  textLine({ error: message }).transform((typed, context) => {
    const day = parseDay(typed);
    if (!day) context.addIssue({ code: 'custom', message });
    return day ?? z.NEVER;
  });

export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'other-relative', 'other'] as const;

/** The moment the schema judges "in the past" by: China's date and time to the minute. */
export interface BookingMoment {
  today: string;
  /** HH:MM, China time. */
  time: string;
}

export interface BookingRows {
  priceLists: readonly RuleRow<PriceListValue>[];
  resources: readonly RuleRow<HomeResources>[];
}

/** The rows the schema reads, as this process has them. */
export const rowsOf = (rules: RuleBook): BookingRows => ({ priceLists: rules.rows(FUNERAL_PRICE_LISTS_TABLE), resources: rules.rows(FUNERAL_RESOURCES_TABLE) });

export function funeralBookingSchema(options: { moment: BookingMoment; rows: BookingRows }) {
  const { moment, rows } = options;
  const { today } = moment;
  const resourcesOf = (home: string) => homeResourcesOn(rows.resources, home, today);
  return z
    .object({
      home: textLine({ error: `${E}.home` }).refine((id) => FUNERAL_HOMES.some((home) => home.id === id), `${E}.home`),
      deceased: bookedDeceasedSchema(today),
      contact: z.object({
        name: PersonName,
        relationship: z.enum(RELATIONSHIPS, { error: `${E}.relationship` }),
        phone: MobilePhone,
      }),
      transport: z
        .object({
          date: Day(`${E}.transport.date`),
          from: Time(`${E}.transport.from`),
          to: Time(`${E}.transport.to`),
          address: textLine({ error: `${E}.transport.address` }).trim().min(2, `${E}.transport.address`).max(120, `${E}.transport.addressTooLong`),
        })
        .optional(),
      storage: z.object({ from: Day(`${E}.storage.from`), days: z.coerce.number({ error: `${E}.storage.days` }).int(`${E}.storage.days`).min(1, `${E}.storage.days`) }).optional(),
      cremation: z.object({ date: Day(`${E}.slot.date`), start: Time(`${E}.slot.start`) }).optional(),
      hall: z.object({ kind: z.enum(HALL_KINDS, { error: `${E}.hall.kind` }), date: Day(`${E}.slot.date`), start: Time(`${E}.slot.start`) }).optional(),
      /** The journey's answers to "do you need …" (absent from the API: what is given is what is needed). */
      needs: z.object({ transport: z.boolean(), storage: z.boolean(), cremation: z.boolean(), hall: z.boolean() }).partial().optional(),
      /** The family's answer on the household registration (户籍) in the home's district; absent: not said. */
      registeredHere: z.boolean().optional(),
      claims: z.object({ relief: z.boolean().default(false), youfu: z.boolean().default(false) }).default({ relief: false, youfu: false }),
    })
    .superRefine((booking, context) => {
      // Said next to the journey's first question of what is needed, or of the request as a whole.
      if (booking.needs) {
        if (!Object.values(booking.needs).some(Boolean)) context.addIssue({ code: 'custom', path: ['needs', 'transport'], message: `${E}.nothingChosen` });
      } else if (!booking.transport && !booking.storage && !booking.cremation && !booking.hall) context.addIssue({ code: 'custom', path: ['needs'], message: `${E}.nothingChosen` });
    })
    .superRefine(
      (booking, context) => {
        const resources = resourcesOf(booking.home);
        const listed = (item: string) => isBookable(rows.priceLists, booking.home, item, today);
        const { transport } = booking;
        if (transport) {
          const rule = resources?.transport;
          if (!rule || !listed(rule.item)) context.addIssue({ code: 'custom', path: ['transport', 'date'], message: `${E}.transport.notOffered` });
          else if (transport.date < today || (transport.date === today && transport.to <= moment.time)) context.addIssue({ code: 'custom', path: ['transport', 'date'], message: `${E}.transport.past` });
          else if (transport.date > addDays(today, rule.daysAhead)) context.addIssue({ code: 'custom', path: ['transport', 'date'], message: `${E}.transport.tooFar` });
          else if (transport.to <= transport.from) context.addIssue({ code: 'custom', path: ['transport', 'to'], message: `${E}.transport.order` });
          else if (minutes(transport.to) - minutes(transport.from) > rule.maxWindowHours * 60) context.addIssue({ code: 'custom', path: ['transport', 'to'], message: `${E}.transport.tooLong`, params: { hours: rule.maxWindowHours } });
        }
        const resourceIssue = (kind: string, path: readonly string[]) => {
          const resource = resources?.resources.find((candidate) => candidate.kind === kind);
          if (!resource || !listed(resource.item)) context.addIssue({ code: 'custom', path: [...path], message: `${E}.notOffered` });
          return resource;
        };
        if (booking.storage) {
          const resource = resourceIssue('storage', ['storage', 'from']);
          if (resource && booking.storage.from < today) context.addIssue({ code: 'custom', path: ['storage', 'from'], message: `${E}.storage.past` });
          else if (resource && booking.storage.days > resource.daysAhead) context.addIssue({ code: 'custom', path: ['storage', 'days'], message: `${E}.storage.tooMany`, params: { days: resource.daysAhead } });
        }
        if (booking.cremation) resourceIssue('cremation', ['cremation', 'date']);
        if (booking.hall) resourceIssue(booking.hall.kind, ['hall', 'kind']);
      },
      { when: (payload) => validFields(payload.issues, [['home'], ['transport'], ['storage'], ['cremation'], ['hall']]) },
    );
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export type FuneralBooking = z.output<ReturnType<typeof funeralBookingSchema>>;
