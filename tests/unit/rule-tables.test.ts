/**
 * Effective-dated rule tables (api/engine/rules, docs/decisions/030): the value of a key on a day,
 * a database row over the source file's on the same day, a correction over the row it corrects, a
 * row refused by its table; and the two tables the services define on them.
 */
import { describe, expect, it } from 'vitest';
import { checkNewRow, effectiveRows, keyHistories, rowOn, type NewRuleRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { withdrawalRuleOn } from '../../api/services/marriage/withdrawal-rules.ts';
import { WITHDRAWAL_RULES_TABLE, withdrawalRulesOf, withdrawalSourceRows, type WithdrawalValue } from '../../api/services/marriage/withdrawal-table.ts';
import { ALLOWANCE_STANDARDS_TABLE, districtStandards, type AllowanceStandardValue } from '../../api/services/old-age-allowance/standards-table.ts';
import { proposeAllowance } from '../../api/services/old-age-allowance/rules.ts';

const source = <V>(key: string, effectiveFrom: string, value: V): RuleRow<V> => ({ key, value, effectiveFrom, basis: `file ${effectiveFrom}`, origin: 'source', changedBy: null, changedByName: null, reason: null, recordedAt: null, savedSeq: null });
let seq = 0;
const override = <V>(key: string, effectiveFrom: string, value: V): RuleRow<V> => {
  seq += 1;
  return { key, value, effectiveFrom, basis: `override ${seq}`, origin: 'override', changedBy: 'staff-1', changedByName: 'admin', reason: 'a reason', recordedAt: '2026-12-10T02:00:00.000Z', savedSeq: seq };
};

describe('the value of a key on a day', () => {
  const rows = [source('a', '2024-01-01', 1), source('a', '2027-01-01', 2), source('b', '2025-01-01', 10)];

  it.each([
    { day: '2023-12-31', value: undefined, why: 'before the first row' },
    { day: '2024-01-01', value: 1, why: 'its first day' },
    { day: '2026-12-31', value: 1, why: 'the day before the next' },
    { day: '2027-01-01', value: 2, why: 'the next row’s first day' },
    { day: '2099-01-01', value: 2, why: 'long after: the last row holds' },
  ])('is $value on $day ($why)', ({ day, value }) => {
    expect(rowOn(rows, 'a', day)?.value).toBe(value);
  });

  it('reads only the key asked for', () => {
    expect(rowOn(rows, 'b', '2027-06-01')?.value).toBe(10);
    expect(rowOn(rows, 'c', '2027-06-01')).toBeUndefined();
  });

  it('takes a database row over the file’s on the same day, whichever comes first in the list', () => {
    const changed = override('a', '2027-01-01', 3);
    for (const list of [[...rows, changed], [changed, ...rows]]) {
      expect(rowOn(list, 'a', '2027-01-01')).toMatchObject({ value: 3, origin: 'override' });
      // The day before, the file's earlier row still holds.
      expect(rowOn(list, 'a', '2026-12-31')?.value).toBe(1);
    }
  });

  it('takes the later saved of two database rows on the same day: a correction', () => {
    const wrong = override('a', '2027-01-01', 30);
    const corrected = override('a', '2027-01-01', 31);
    expect(rowOn([...rows, corrected, wrong], 'a', '2027-03-01')?.value).toBe(31);
    expect(effectiveRows([...rows, wrong, corrected], 'a').map((row) => row.value)).toEqual([1, 31]);
  });

  it('lets a row from an earlier day bring back an older figure from then on', () => {
    const back = override('a', '2028-01-01', 1);
    expect(rowOn([...rows, back], 'a', '2027-06-01')?.value).toBe(2);
    expect(rowOn([...rows, back], 'a', '2028-01-01')?.value).toBe(1);
  });

  it('tells a key’s history: in force, to come, and every row, the latest first day first', () => {
    const changed = override('a', '2027-01-01', 3);
    const [history] = keyHistories([...rows, changed], ['a'], '2026-12-10');
    expect(history?.inForce?.value).toBe(1);
    expect(history?.upcoming.map((row) => row.value)).toEqual([3]);
    expect(history?.history.map((row) => [row.effectiveFrom, row.origin])).toEqual([
      ['2027-01-01', 'override'],
      ['2027-01-01', 'source'],
      ['2024-01-01', 'source'],
    ]);
  });
});

describe('a new row checked against its table', () => {
  const row = (value: Record<string, unknown>, key = 'demo-district'): NewRuleRow => ({ key, effectiveFrom: '2027-07-01', value, basis: '通知', reason: '调整' });

  it('accepts a value the table’s schema accepts, staff figures not being examples', () => {
    expect(checkNewRow(ALLOWANCE_STANDARDS_TABLE, row({ sourceYear: 2027, bands: [{ fromAge: 80, monthlyAmount: 70 }] }))).toEqual({ ok: true, value: { sourceYear: 2027, example: false, bands: [{ fromAge: 80, monthlyAmount: 70 }] } });
  });

  it('refuses a key the table does not have and a value its schema refuses, each at its field', () => {
    const checked = checkNewRow(ALLOWANCE_STANDARDS_TABLE, row({ sourceYear: 1999, bands: [], extra: true }, 'nowhere'));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['key', 'invalid_value'],
      ['value.sourceYear', 'too_small'],
      ['value.bands', 'too_small'],
      ['value', 'unrecognized_keys'],
    ]);
  });

  it('refuses two bands from the same age, and a withdrawal mode that is none of the two', () => {
    expect(checkNewRow(ALLOWANCE_STANDARDS_TABLE, row({ sourceYear: 2027, bands: [{ fromAge: 80, monthlyAmount: 70 }, { fromAge: 80, monthlyAmount: 80 }] })).ok).toBe(false);
    expect(checkNewRow(WITHDRAWAL_RULES_TABLE, row({ mode: 'sometimes' }, 'office:demo-county-registry')).ok).toBe(false);
    expect(checkNewRow(WITHDRAWAL_RULES_TABLE, row({ mode: 'immediate' }, 'office:demo-county-registry')).ok).toBe(true);
  });
});

describe('高龄津贴 standards as a rule table', () => {
  it('reads the form’s lines into bands, and a line that is not two numbers as not a number', () => {
    expect(ALLOWANCE_STANDARDS_TABLE.fromForm({ bands: '80 60\n 90，120 \n\n100: 600', sourceYear: '2026' })).toEqual({
      sourceYear: 2026,
      bands: [
        { fromAge: 80, monthlyAmount: 60 },
        { fromAge: 90, monthlyAmount: 120 },
        { fromAge: 100, monthlyAmount: 600 },
      ],
    });
    const bad = ALLOWANCE_STANDARDS_TABLE.valueSchema.safeParse(ALLOWANCE_STANDARDS_TABLE.fromForm({ bands: '80 sixty', sourceYear: '26' }));
    expect(bad.success).toBe(false);
    expect(ALLOWANCE_STANDARDS_TABLE.toForm({ sourceYear: 2026, example: false, bands: [{ fromAge: 80, monthlyAmount: 60 }] })).toEqual({ bands: '80 60', sourceYear: '2026' });
  });

  it('proposes from a same-day override, and from the file before it', () => {
    const rows: RuleRow<AllowanceStandardValue>[] = [...ALLOWANCE_STANDARDS_TABLE.source(), override('demo-district', '2027-01-01', { sourceYear: 2026, example: false, bands: [{ fromAge: 80, monthlyAmount: 65 }] })];
    const standards = districtStandards(rows, 'demo-district');
    expect(standards.map((standard) => standard.effectiveFrom)).toEqual(['2024-01-01', '2027-01-01']);
    expect(proposeAllowance({ standards }, '1940-03-01', '2026-12-01').monthlyAmount).toBe(65);
    expect(proposeAllowance({ standards }, '1940-03-01', '2026-11-30').monthlyAmount).toBe(50);
  });
});

describe('divorce withdrawal rules as a rule table', () => {
  const office = { id: 'demo-county-registry', province: '33' };
  const file = withdrawalSourceRows([{ province: '33', effectiveFrom: '2026-01-01', mode: 'immediate', basis: '《某省婚姻登记工作规范》第二十条' }]);

  it('keeps the file’s rules as they were read', () => {
    expect(withdrawalRuleOn(withdrawalRulesOf(file), office, '2026-12-10')).toEqual({ mode: 'immediate', basis: '《某省婚姻登记工作规范》第二十条', effectiveFrom: '2026-01-01' });
  });

  it('lets a later office row outweigh the province’s, and a same-day province row replace the file’s', () => {
    const rows: RuleRow<WithdrawalValue>[] = [...file, override('office:demo-county-registry', '2027-01-01', { mode: 'office-confirms' })];
    expect(withdrawalRuleOn(withdrawalRulesOf(rows), office, '2026-12-31').mode).toBe('immediate');
    expect(withdrawalRuleOn(withdrawalRulesOf(rows), office, '2027-01-01')).toMatchObject({ mode: 'office-confirms', effectiveFrom: '2027-01-01' });
    const replaced = [...file, override<WithdrawalValue>('province:33', '2026-01-01', { mode: 'office-confirms' })];
    expect(withdrawalRuleOn(withdrawalRulesOf(replaced), office, '2026-12-10').mode).toBe('office-confirms');
  });
});
