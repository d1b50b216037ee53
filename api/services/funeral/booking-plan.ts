/**
 * What a funeral booking takes and costs (docs/decisions/063), from the checked booking and the rule
 * rows: the places it needs (a cremation slot, a hall's slot, a storage place for each day) and a
 * priced line for each item, priced by the home's list in force on the booking day (the family agrees
 * to those prices; a later list does not change a booking made: decision 062). Pure.
 *
 * A transport request takes no place: the home takes requests at any hour and confirms each itself.
 * An item priced by the kilometre (a county station's transport) is priced when the distance is
 * known: its line says so and counts nothing until then.
 */
import { addDays } from '../../domain/calendar/working-days.ts';
import type { BookedItem } from './fee-exemption.ts';
import type { PriceUnit } from './catalogue.ts';
import type { BookingRows, FuneralBooking } from './booking.schema.ts';
import { priceOf } from './price-list.ts';
import { homeResourcesOn, resourceKey, scheduleOf, STORAGE_DAY_START, type Resource } from './resources-table.ts';

export interface PlannedPlace {
  /** The places' resource: `<home>:<resource id>`. */
  resourceId: string;
  /** The place's kind: the resource's id (one kind of business per resource). */
  kind: string;
  date: string;
  start: string;
  /** The field a refusal of this place is shown next to. */
  field: string;
  resource: Resource;
}

export interface PricedLine {
  item: string;
  kind: 'basic' | 'optional';
  unit: PriceUnit;
  unitFen: number;
  /** Times, days or hours; for an item priced by distance, 0 until the home knows it. */
  quantity: number;
  chargedFen: number;
  /** Priced later (by the kilometre): nothing counted now. */
  pricedLater: boolean;
  /** The day the service is given (the first day, for storage). */
  servedOn: string;
}

export interface BookingPlan {
  places: PlannedPlace[];
  lines: PricedLine[];
  /** The first day any item is served: what the settlement report counts the booking in. */
  servedOn: string;
}

/** Hours a slot of `minutes` is charged, for an item priced by the hour: every hour begun. */
const hoursOf = (minutes: number) => Math.ceil(minutes / 60);

export function planBooking(booking: FuneralBooking, rows: BookingRows, today: string): BookingPlan {
  const resources = homeResourcesOn(rows.resources, booking.home, today);
  const places: PlannedPlace[] = [];
  const lines: PricedLine[] = [];
  const line = (item: string, quantityOf: (unit: PriceUnit) => number, servedOn: string) => {
    const price = priceOf(rows.priceLists, booking.home, item, today);
    if (!price) return;
    const pricedLater = price.unit === 'per-km';
    const quantity = pricedLater ? 0 : quantityOf(price.unit);
    lines.push({ item, kind: price.kind, unit: price.unit, unitFen: price.priceFen, quantity, chargedFen: price.priceFen * quantity, pricedLater, servedOn });
  };
  const resourceOf = (kind: string) => resources?.resources.find((resource) => resource.kind === kind);

  if (booking.transport && resources?.transport) line(resources.transport.item, () => 1, booking.transport.date);
  const storage = resourceOf('storage');
  if (booking.storage && storage) {
    for (let day = 0; day < booking.storage.days; day += 1) {
      places.push({ resourceId: resourceKey(booking.home, storage), kind: storage.id, date: addDays(booking.storage.from, day), start: STORAGE_DAY_START, field: 'storage.from', resource: storage });
    }
    line(storage.item, () => booking.storage?.days ?? 1, booking.storage.from);
  }
  const slotted = (kind: string, slot: { date: string; start: string } | undefined, field: string) => {
    const resource = resourceOf(kind);
    if (!slot || !resource) return;
    places.push({ resourceId: resourceKey(booking.home, resource), kind: resource.id, date: slot.date, start: slot.start, field, resource });
    line(resource.item, (unit) => (unit === 'per-hour' ? hoursOf(scheduleOf(resource).slotMinutes) : 1), slot.date);
  };
  slotted('cremation', booking.cremation, 'cremation.start');
  if (booking.hall) slotted(booking.hall.kind, booking.hall, 'hall.start');

  const days = [booking.transport?.date, booking.storage?.from, booking.cremation?.date, booking.hall?.date].filter((day): day is string => day !== undefined).sort();
  return { places, lines, servedOn: days[0] ?? today };
}

/** The lines as the exemption decision reads them: what each costs now. */
export const bookedItems = (plan: BookingPlan): BookedItem[] => plan.lines.map((line) => ({ item: line.item, chargedFen: line.chargedFen }));
