/**
 * The funeral home's day (docs/decisions/072): the shapes its staff type (the cremation certificate
 * number, the service marked done), who sees which home's day and which homes' settlement, and the
 * bookings' waived lines made into the settlement's records, table-driven.
 */
import { describe, expect, it } from 'vitest';
import { CremationCertificateSchema, itemOfPlace, MarkDoneSchema } from '../../api/services/funeral/home-day.schema.ts';
import { homesOf } from '../../api/services/funeral/home-day.ts';
import { exemptionRecords, settlementHomesOf } from '../../api/services/funeral/settlement-read.ts';
import { settlementReport, settlementTable } from '../../api/services/funeral/fee-exemption-settlement.ts';
import type { StaffMember } from '../../api/domain/staff/staff.ts';

const member = (roles: StaffMember['roles'], offices: string[] = ['demo-district'], serviceAreas: string[] = ['funeral']): StaffMember => ({ id: 'm', username: 'm', displayName: 'm', roles, offices, serviceAreas });

describe('the cremation certificate number', () => {
  it.each([
    ['HZ-2026-000123', 'HZ-2026-000123'],
    [' hz-2026-000123 ', 'HZ-2026-000123'],
    ['ＨＺ２０２６０００１２３', 'HZ2026000123'],
    ['123456', '123456'],
    ['HZ 2026 0001', 'HZ20260001'],
  ])('takes %j as %j', (typed, number) => {
    expect(CremationCertificateSchema.parse({ number: typed })).toEqual({ number });
  });

  it.each([['12345'], ['-HZ2026001'], ['HZ2026001-'], ['火化2026001'], ['HZ_2026_001'], ['A'.repeat(31)], ['']])('refuses %j next to the number', (typed) => {
    const result = CremationCertificateSchema.safeParse({ number: typed });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['number', 'funeral:homeDay.errors.certificateNumber']]);
  });

  it('refuses a missing number with the same message', () => {
    expect(CremationCertificateSchema.safeParse({}).error?.issues[0]?.message).toBe('funeral:homeDay.errors.certificateNumber');
  });
});

describe('a service marked done', () => {
  it.each(['transport', 'cremation', 'hall', 'storage'])('takes %s', (item) => expect(MarkDoneSchema.parse({ item })).toEqual({ item }));
  it('refuses anything else next to the item', () => {
    expect(MarkDoneSchema.safeParse({ item: 'farewell' }).error?.issues.map((issue) => issue.message)).toEqual(['funeral:homeDay.errors.item']);
  });
  it.each([
    ['cremation', 'cremation'],
    ['storage', 'storage'],
    ['hall-small', 'hall'],
    ['hall-large', 'hall'],
  ])('reads a place of kind %s as the %s', (kind, item) => expect(itemOfPlace(kind)).toBe(item));
});

describe('whose day and whose settlement', () => {
  it.each([
    ['the funeral intake of the district', member(['intake']), ['demo-district-funeral-home']],
    ['the funeral intake of both districts', member(['intake'], ['demo-district', 'demo-county']), ['demo-district-funeral-home', 'demo-county-funeral-station']],
    ['a reviewer (no step of a booking is theirs)', member(['reviewer', 'approver']), []],
    ['an intake clerk of another area', member(['intake'], ['demo-district'], ['marriage']), []],
    ['an office admin', member(['office-admin']), []],
    ['a system admin', member(['system-admin'], []), []],
  ])('%s has the day of %j', (_name, who, homes) => expect(homesOf(who)).toEqual(homes));

  it.each([
    ['an office admin of the district', member(['office-admin']), ['demo-district-funeral-home']],
    ['an office admin of the county', member(['office-admin'], ['demo-county']), ['demo-county-funeral-station']],
    ['a system admin', member(['system-admin'], []), ['demo-district-funeral-home', 'demo-county-funeral-station']],
    ['the funeral intake', member(['intake']), []],
    ['an approver', member(['approver']), []],
  ])('%s reads the settlement of %j', (_name, who, homes) => expect(settlementHomesOf(who)).toEqual(homes));
});

describe('the bookings’ waived lines as the settlement’s records', () => {
  const line = (caseId: string, item: string, waivedFen: number, ground: string | null, servedOn = '2026-12-10', home = 'demo-district-funeral-home') => ({ caseId, trackingNumber: `${caseId}2345678ABC`.slice(0, 13), home, item, waivedFen, ground, servedOn });

  it.each([
    ['one booking’s lines are one person, its last day served', [line('A', 'body-transport', 20_000, 'resident', '2026-12-10'), line('A', 'cremation', 24_000, 'resident', '2026-12-12')], [{ servedOn: '2026-12-12', ground: 'resident', items: [{ item: 'body-transport', waivedFen: 20_000 }, { item: 'cremation', waivedFen: 24_000 }] }]],
    ['two bookings are two people', [line('A', 'cremation', 24_000, 'dibao'), line('B', 'cremation', 24_000, 'tekun')], [{ ground: 'dibao' }, { ground: 'tekun' }]],
    ['a line without a ground (nothing decided) is left out', [line('A', 'cremation', 24_000, null)], []],
    ['a ground the settlement does not know is left out', [line('A', 'cremation', 24_000, 'unknown')], []],
    ['nothing waived is left out', [line('A', 'cremation', 0, 'resident')], []],
  ])('%s', (_name, lines, records) => {
    expect(exemptionRecords(lines)).toEqual(records.map((record) => expect.objectContaining(record)));
  });

  it('adds up per home in the national list’s order, and says it in both languages with the columns of the CSV', () => {
    const rows = settlementReport(
      exemptionRecords([line('A', 'cremation', 24_000, 'resident'), line('A', 'body-transport', 20_000, 'resident'), line('B', 'cremation', 24_000, 'dibao'), line('C', 'farewell', 30_000, 'tekun', '2026-12-20', 'demo-county-funeral-station')]),
      '2026-12',
    );
    expect(rows.map((row) => [row.home, row.deceased, row.byItem.map((entry) => `${entry.item}:${entry.waivedFen}`), row.waivedFen])).toEqual([
      ['demo-county-funeral-station', 1, ['farewell:30000'], 30_000],
      ['demo-district-funeral-home', 2, ['body-transport:20000', 'cremation:48000'], 68_000],
    ]);
    const zh = settlementTable(rows, 'zh-CN');
    expect(zh.header.slice(0, 3)).toEqual(['殡仪馆', '月份', '减免人数']);
    expect(zh.rows[1]?.slice(0, 3)).toEqual(['示例区殡仪馆', '2026-12', 2]);
    expect(zh.rows[1]?.at(-1)).toBe('680.00');
    expect(settlementTable(rows, 'en').header.at(-1)).toMatch(/waived/i);
  });
});
