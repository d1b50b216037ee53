/**
 * Booking basic funeral services, the pure parts (docs/decisions/063), table-driven: the homes'
 * resources as rule data and their calendars (open on holidays), the deceased's schema (death date,
 * birth date, the certificate number's shape), the booking's schema (a window in the past or too
 * long, a service a home does not offer), the plan (places and prices from the list in force) and
 * the fee exemption joined to it.
 */
import { describe, expect, it } from 'vitest';
import { readHolidayFiles } from '../../api/content/holidays.ts';
import { createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { slotsOn } from '../../api/engine/booking/schedule.ts';
import { checkNewRow } from '../../api/engine/rules/rule-table.ts';
import { sourceRuleBook } from '../../api/engine/rules/live-rules.ts';
import { bookedItems, planBooking } from '../../api/services/funeral/booking-plan.ts';
import { funeralReceipt } from '../../api/services/funeral/booking-receipt.ts';
import { funeralBookingSchema, type FuneralBooking } from '../../api/services/funeral/booking.schema.ts';
import { rowsOf, slotProblem } from '../../api/services/funeral/booking-service.ts';
import { bookedDeceasedSchema } from '../../api/services/funeral/deceased.schema.ts';
import { decideExemption } from '../../api/services/funeral/fee-exemption.ts';
import { FEE_EXEMPTIONS_TABLE } from '../../api/services/funeral/fee-exemption-table.ts';
import { FUNERAL_RESOURCES_TABLE, homeResourcesOn, scheduleOf } from '../../api/services/funeral/resources-table.ts';
import { personId } from '../support/applications.ts';

const calendar = createWorkingDayCalendar(readHolidayFiles());
const rules = sourceRuleBook();
const rows = rowsOf(rules);
const TODAY = '2026-12-10';
const moment = { today: TODAY, time: '10:00' };
const HOME = 'demo-district-funeral-home';
const COUNTY = 'demo-county-funeral-station';
const DECEASED_ID = personId(41, 'female', '19400101');

const deceased = (more: Record<string, unknown> = {}) => ({
  name: '王秀英',
  idNumber: DECEASED_ID,
  diedOn: '2026-12-09',
  placeOfDeath: '示例区人民医院',
  certificate: { form: 'paper', number: 'A110123456' },
  ...more,
});
const booking = (more: Record<string, unknown> = {}) => ({
  home: HOME,
  deceased: deceased(),
  contact: { name: '王明', relationship: 'child', phone: '13900002222' },
  transport: { date: TODAY, from: '14:00', to: '16:00', address: '示例区人民医院太平间' },
  storage: { from: TODAY, days: 2 },
  cremation: { date: '2026-12-12', start: '09:00' },
  hall: { kind: 'hall-small', date: '2026-12-12', start: '08:00' },
  ...more,
});
const parse = (input: unknown) => funeralBookingSchema({ moment, rows }).safeParse(input);
const problems = (input: unknown) => {
  const parsed = parse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the homes’ resources as rule data', () => {
  it('has source rows its own schema takes, and a form that gives the same value back', () => {
    for (const row of FUNERAL_RESOURCES_TABLE.source()) {
      expect(FUNERAL_RESOURCES_TABLE.valueSchema.safeParse(row.value).success).toBe(true);
      const again = checkNewRow(FUNERAL_RESOURCES_TABLE, { key: row.key, effectiveFrom: '2027-01-01', basis: 'x', reason: 'a test', value: FUNERAL_RESOURCES_TABLE.fromForm(FUNERAL_RESOURCES_TABLE.toForm(row.value)) as Record<string, unknown> });
      // A row staff enter is real, never an example.
      expect(again).toMatchObject({ ok: true, value: { ...row.value, example: false } });
    }
  });

  it.each([
    ['a hall without sessions', 'hall-small | hall-small | farewell | 1 | 60 | - | 14', 'funeral:funeralBooking.errors.resources.sessionsNeeded'],
    ['a session that ends before it starts', 'cremation | cremation | cremation | 2 | 60 | 12:00-07:00 | 14', 'funeral:funeralBooking.errors.resources.session'],
    ['an unknown kind', 'x1 | chapel | farewell | 1 | 60 | 08:00-12:00 | 14', 'funeral:funeralBooking.errors.resources.kind'],
    ['places out of range', 'cremation | cremation | cremation | 500 | 60 | 08:00-12:00 | 14', 'funeral:funeralBooking.errors.resources.places'],
  ])('refuses %s', (_name, line, message) => {
    const result = checkNewRow(FUNERAL_RESOURCES_TABLE, { key: HOME, effectiveFrom: '2027-01-01', basis: 'x', reason: 'a test', value: FUNERAL_RESOURCES_TABLE.fromForm({ transport: '', resources: line }) as Record<string, unknown> });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues.map((issue) => issue.message)).toContain(message);
  });

  it.each([
    ['a working day', '2026-12-10'],
    ['a Sunday', '2026-12-13'],
    ['National Day, a public holiday', '2026-10-01'],
    ['Spring Festival', '2027-02-06'],
  ])('opens its cremation line on %s: funeral homes work on holidays', (_name, day) => {
    const cremation = homeResourcesOn(rows.resources, HOME, TODAY)?.resources.find((resource) => resource.kind === 'cremation');
    expect(cremation).toBeDefined();
    if (cremation) expect(slotsOn(scheduleOf(cremation), day, calendar).map((slot) => slot.start)).toEqual(['07:00', '08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00']);
  });
});

describe('the deceased', () => {
  const schema = bookedDeceasedSchema(TODAY);
  it.each([
    ['a paper certificate', {}, []],
    ['an electronic certificate, typed with spaces', { certificate: { form: 'electronic', number: '1101 0120 2612 0900 1234' } }, []],
    ['a death date in the future', { diedOn: '2026-12-11' }, ['diedOn: funeral:errors.deceased.diedOnFuture']],
    ['a death date before the birth date', { idNumber: personId(7, 'male', '19600301'), diedOn: '1959-01-01' }, ['diedOn: funeral:errors.deceased.diedBeforeBirth']],
    ['a death date not a date', { diedOn: '昨天' }, ['diedOn: funeral:errors.deceased.diedOn']],
    ['a paper number of the wrong shape', { certificate: { form: 'paper', number: '12345' } }, ['certificate.number: funeral:funeralBooking.errors.deceased.certificateNumber.paper']],
    ['an electronic number of the paper shape', { certificate: { form: 'electronic', number: 'A110123456' } }, ['certificate.number: funeral:funeralBooking.errors.deceased.certificateNumber.electronic']],
    ['no certificate form', { certificate: { number: 'A110123456' } }, ['certificate.form: funeral:funeralBooking.errors.deceased.certificateForm']],
  ])('%s', (_name, more, expected) => {
    const parsed = schema.safeParse(deceased(more));
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual(expected);
  });
});

describe('the booking’s schema', () => {
  it.each([
    ['everything', {}, []],
    ['a transport window already over today', { transport: { date: TODAY, from: '07:00', to: '09:30', address: '示例区幸福路 1 号' } }, ['transport.date: funeral:funeralBooking.errors.transport.past']],
    ['a transport window on a past day', { transport: { date: '2026-12-09', from: '14:00', to: '16:00', address: '示例区人民医院' } }, ['transport.date: funeral:funeralBooking.errors.transport.past']],
    ['a window that has begun but not ended: picked up as soon as possible', { transport: { date: TODAY, from: '09:00', to: '11:00', address: '示例区人民医院' } }, []],
    ['a window longer than the home allows', { transport: { date: TODAY, from: '11:00', to: '18:00', address: '示例区人民医院' } }, ['transport.to: funeral:funeralBooking.errors.transport.tooLong']],
    ['a window the wrong way round', { transport: { date: TODAY, from: '16:00', to: '14:00', address: '示例区人民医院' } }, ['transport.to: funeral:funeralBooking.errors.transport.order']],
    ['storage for longer than the home books online', { storage: { from: TODAY, days: 31 } }, ['storage.days: funeral:funeralBooking.errors.storage.tooMany']],
    ['nothing asked for', { transport: undefined, storage: undefined, cremation: undefined, hall: undefined }, ['needs: funeral:funeralBooking.errors.nothingChosen']],
    ['cremation at a station that does not cremate', { home: COUNTY, transport: undefined, storage: undefined, hall: undefined }, ['cremation.date: funeral:funeralBooking.errors.notOffered']],
    ['a hall size the home does not have', { hall: { kind: 'hall-medium', date: '2026-12-12', start: '08:00' } }, ['hall.kind: funeral:funeralBooking.errors.notOffered']],
    ['a time typed as 9:00', { cremation: { date: '2026-12-12', start: '9:00' } }, []],
  ])('%s', (_name, more, expected) => {
    expect(problems(booking(more))).toEqual(expected);
  });
});

describe('the plan: places, prices and the exemption', () => {
  const planned = (more: Record<string, unknown> = {}) => {
    const parsed = parse(booking(more));
    if (!parsed.success) throw new Error(parsed.error.message);
    return { booking: parsed.data as FuneralBooking, plan: planBooking(parsed.data, rows, TODAY) };
  };

  it('takes a place for each slot and each day of storage, and prices each item by the list in force', () => {
    const { plan } = planned();
    expect(plan.places.map((place) => `${place.resourceId} ${place.date} ${place.start} → ${place.field}`)).toEqual([
      `${HOME}:storage 2026-12-10 00:00 → storage.from`,
      `${HOME}:storage 2026-12-11 00:00 → storage.from`,
      `${HOME}:cremation 2026-12-12 09:00 → cremation.start`,
      `${HOME}:hall-small 2026-12-12 08:00 → hall.start`,
    ]);
    expect(plan.lines.map((line) => [line.item, line.quantity, line.unitFen, line.chargedFen])).toEqual([
      ['body-transport', 1, 20_000, 20_000],
      ['body-storage', 2, 5_000, 10_000],
      ['cremation', 1, 24_000, 24_000],
      ['farewell', 1, 30_000, 30_000],
    ]);
    expect(plan.servedOn).toBe(TODAY);
  });

  it.each([
    // The large hall is an optional service priced by the hour: a two-hour slot is two hours.
    ['a large hall by the hour', { hall: { kind: 'hall-large', date: '2026-12-12', start: '08:00' } }, 'large-hall', 2, 120_000],
  ])('prices %s', (_name, more, item, quantity, charged) => {
    const line = planned(more).plan.lines.find((candidate) => candidate.item === item);
    expect(line).toMatchObject({ quantity, chargedFen: charged, kind: 'optional' });
  });

  it('prices a county transport by the kilometre later, counting nothing now', () => {
    const { plan } = planned({ home: COUNTY, cremation: undefined, hall: { kind: 'hall-small', date: '2026-12-12', start: '08:00' } });
    expect(plan.lines[0]).toMatchObject({ item: 'body-transport', unit: 'per-km', quantity: 0, chargedFen: 0, pricedLater: true });
  });

  it.each([
    // All residents up to ¥1,600 from 2026-03-30: transport, storage, cremation and the small hall (if covered) within the cap.
    ['a resident by the ID number', {}, { outcome: 'decided', ground: 'resident' }],
    ['someone registered elsewhere', { registeredHere: false }, { outcome: 'decided', ground: null, waivedFen: 0 }],
    ['a 优抚 claim the portal cannot check', { registeredHere: false, claims: { relief: false, youfu: true } }, { outcome: 'cannot-decide', waivedFen: 0 }],
  ])('joins the exemption for %s', (_name, more, expected) => {
    const { booking: checked, plan } = planned(more);
    const decision = decideExemption(
      rules.rows(FEE_EXEMPTIONS_TABLE),
      { district: 'demo-district', idRegionCode: checked.deceased.idNumber.slice(0, 6), registeredHere: checked.registeredHere, portalRelief: [], claimsRelief: checked.claims.relief, claimsYoufu: checked.claims.youfu, unidentified: false },
      bookedItems(plan),
      checked.deceased.diedOn,
    );
    expect(decision).toMatchObject(expected);
    expect(decision.lines.map((line) => line.item)).toEqual(plan.lines.map((line) => line.item));
    if (decision.outcome === 'decided' && decision.ground === 'resident') expect(decision.waivedFen).toBeGreaterThan(0);
  });

  it.each([
    ['a slot that exists', { cremation: { date: '2026-12-12', start: '09:00' } }, undefined],
    ['a time between slots', { cremation: { date: '2026-12-12', start: '09:30' } }, { refusal: 'no-such-slot', field: 'cremation.start' }],
    ['a slot today that has begun', { cremation: { date: TODAY, start: '09:00' } }, { refusal: 'past', field: 'cremation.start' }],
    ['a day beyond the window', { cremation: { date: '2027-02-01', start: '09:00' } }, { refusal: 'beyond-window', field: 'cremation.start' }],
  ])('checks %s against the resource’s calendar', (_name, more, expected) => {
    const { plan } = planned({ storage: undefined, hall: undefined, ...more });
    expect(slotProblem({ calendar }, plan, new Date('2026-12-10T02:00:00Z'))).toEqual(expected);
  });

  it('writes a receipt with every item, its price, the waived amount and why, and nothing personal', () => {
    const { booking: checked, plan } = planned();
    const content = funeralReceipt({
      lang: 'zh-CN',
      trackingNumber: '7KQ4-M9XH-2CP',
      home: HOME,
      homePhone: '0000-12345678',
      lines: plan.lines.map((line) => ({ ...line, waivedFen: line.chargedFen, reason: { key: 'waived', values: { item: line.item, ground: 'resident' } } })),
      exemption: { key: 'ground.resident.id-number', values: { district: 'demo-district' } },
      transport: checked.transport,
      slots: [{ label: '遗体火化', date: '2026-12-12', start: '09:00', end: '10:00' }],
      statusUrl: 'https://example.gov.cn/track',
      issuedAt: new Date('2026-12-10T02:00:00Z'),
    });
    const text = JSON.stringify(content);
    for (const word of ['遗体接运', '遗体暂存', '遗体火化', '遗体告别', '减免', '0000-12345678']) expect(text).toContain(word);
    for (const personal of ['王秀英', DECEASED_ID, 'A110123456', '13900002222', '太平间']) expect(text).not.toContain(personal);
  });
});
