/**
 * The funeral fee exemption (惠民殡葬, docs/decisions/065): the rule table's rows (the regulation's
 * groups at least, a cap for an all-residents scheme, basic items only) and the staff form's lines;
 * the decision, table-driven: both schemes, the cap spent in the national list's order, the scheme
 * in force on the day of death, items outside the basic list or the scheme, a non-resident, what
 * the portal cannot decide and what it would waive; the reasons said in both languages.
 */
import { describe, expect, it } from 'vitest';
import { checkNewRow, sourceRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { translator } from '../../api/i18n/index.ts';
import { decideExemption, type BookedItem, type ExemptionFacts } from '../../api/services/funeral/fee-exemption.ts';
import { EXEMPTION_GROUPS, FEE_EXEMPTIONS_TABLE, FeeExemptionValueSchema, type FeeExemptionValue } from '../../api/services/funeral/fee-exemption-table.ts';
import { exemptionTexts } from '../../api/services/funeral/fee-exemption-words.ts';
import { claimFor, ExemptionClaimSchema } from '../../api/services/funeral/fee-exemption-claim.ts';
import { settlementReport, settlementTable, type ExemptionRecord } from '../../api/services/funeral/fee-exemption-settlement.ts';
import { inForceOn } from '../../api/services/funeral/exemption-check.ts';

const ALL = [...EXEMPTION_GROUPS];
const CORE = ['body-transport', 'body-storage', 'cremation', 'ashes-storage'] as const;
const value = (more: Partial<FeeExemptionValue>): FeeExemptionValue => ({ example: false, scheme: 'targeted', capFen: null, groups: ALL, items: [...CORE], regionCodes: [], ...more });
const row = (key: string, effectiveFrom: string, more: Partial<FeeExemptionValue>): RuleRow<FeeExemptionValue> => sourceRow({ key, effectiveFrom, basis: `notice ${effectiveFrom}`, value: value(more) });

/** A city: targeted until 2026-03-30, then all residents up to ¥1,600. A county: targeted, in full. */
const ROWS = [
  row('city', '2024-01-01', { scheme: 'targeted' }),
  row('city', '2026-03-30', { scheme: 'all-residents', capFen: 160_000, items: [...CORE, 'farewell', 'basic-urn'], regionCodes: ['110101', '110102'] }),
  row('county', '2026-03-30', { scheme: 'targeted', items: [...CORE, 'farewell'] }),
];

/** Transport 200, storage 3 days × 50, farewell 300, cremation 240, a year's ashes storage 100, a basic urn 100, and two optional services. */
const BOOKED: BookedItem[] = [
  { item: 'body-transport', chargedFen: 20_000 },
  { item: 'body-storage', chargedFen: 15_000 },
  { item: 'farewell', chargedFen: 30_000 },
  { item: 'cremation', chargedFen: 24_000 },
  { item: 'ashes-storage', chargedFen: 10_000 },
  { item: 'embalming', chargedFen: 30_000 },
  { item: 'eco-burial', chargedFen: 0 },
  { item: 'flowers', chargedFen: 50_000 },
];
const CHARGED = 179_000;

const facts = (more: Partial<ExemptionFacts>): ExemptionFacts => ({ district: 'city', portalRelief: [], claimsRelief: false, claimsYoufu: false, unidentified: false, ...more });

describe('the fee exemption table', () => {
  it('has the demonstration’s rows: an all-residents district with a cap, a targeted county', () => {
    const rows = FEE_EXEMPTIONS_TABLE.source();
    expect(rows.map((source) => [source.key, source.effectiveFrom, source.value.scheme, source.value.capFen])).toEqual([
      ['demo-district', '2024-01-01', 'targeted', null],
      ['demo-district', '2026-03-30', 'all-residents', 160_000],
      ['demo-county', '2026-03-30', 'targeted', null],
    ]);
    for (const source of rows) expect(FeeExemptionValueSchema.parse(source.value)).toMatchObject({ example: true });
  });

  const newRow = (form: Record<string, string>) => checkNewRow(FEE_EXEMPTIONS_TABLE, { key: 'demo-county', effectiveFrom: '2027-01-01', basis: '通知', reason: '调整', value: FEE_EXEMPTIONS_TABLE.fromForm(form) as Record<string, unknown> });

  it('takes a staff row typed in Chinese names or ids, yuan for the cap', () => {
    const checked = newRow({ scheme: 'all-residents', capFen: '1,800', groups: '低保，特困、优抚 无名遗体', items: '遗体接运, cremation, 骨灰寄存', regionCodes: '110229, 110228' });
    expect(checked).toEqual({ ok: true, value: { example: false, scheme: 'all-residents', capFen: 180_000, groups: ALL, items: ['body-transport', 'cremation', 'ashes-storage'], regionCodes: ['110229', '110228'] } });
    expect(FEE_EXEMPTIONS_TABLE.fromForm(FEE_EXEMPTIONS_TABLE.toForm(value({ capFen: 150_050 })))).toMatchObject({ capFen: 150_050, items: [...CORE] });
  });

  it.each([
    { why: 'fewer groups than the regulation’s', form: { groups: '低保, 特困' }, field: 'groups', message: 'groupsRequired' },
    { why: 'a group it does not know', form: { groups: '低保, 特困, 优抚, 无名遗体, 富人' }, field: 'groups', message: 'group' },
    { why: 'an optional service', form: { items: 'cremation, embalming' }, field: 'items', message: 'item' },
    { why: 'no item', form: { items: '' }, field: 'items', message: 'itemsRequired' },
    { why: 'an item twice', form: { items: 'cremation, 遗体火化' }, field: 'items', message: 'duplicate' },
    { why: 'all residents without a cap', form: { scheme: 'all-residents', capFen: '' }, field: 'capFen', message: 'capRequired' },
    { why: 'all residents without region codes', form: { scheme: 'all-residents', regionCodes: '' }, field: 'regionCodes', message: 'regionCodesRequired' },
    { why: 'a cap of nothing', form: { capFen: '0' }, field: 'capFen', message: 'cap' },
    { why: 'a cap that is not a number', form: { capFen: 'lots' }, field: 'capFen', message: 'cap' },
    { why: 'a region code of 4 digits', form: { regionCodes: '1101' }, field: 'regionCodes', message: 'regionCode' },
  ])('refuses $why next to its field', ({ form, field, message }) => {
    const checked = newRow({ scheme: 'targeted', capFen: '', groups: '低保, 特困, 优抚, 无名遗体', items: 'cremation', regionCodes: '110101', ...form });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const issue = checked.error.issues.find((candidate) => candidate.path[1] === field);
    expect(issue?.message).toBe(`funeral:exemption.errors.table.${message}`);
  });

  it('says a row in both languages', () => {
    const [, city] = FEE_EXEMPTIONS_TABLE.source();
    if (!city) throw new Error('no row');
    expect(FEE_EXEMPTIONS_TABLE.describe(city.value, 'zh-CN')).toContain('1,600');
    expect(FEE_EXEMPTIONS_TABLE.describe(city.value, 'en')).toMatch(/^All registered residents.*limit ¥1,600.*Cremation/);
  });
});

describe('the fee exemption decided', () => {
  it.each<{ why: string; facts: Partial<ExemptionFacts>; diedOn: string; ground: string; reason: string; waived: Partial<Record<string, number>> }>([
    {
      why: 'a resident by the ID number under an all-residents scheme: the covered items up to the cap, in the national list’s order',
      facts: { idRegionCode: '110101' },
      diedOn: '2026-12-01',
      ground: 'resident',
      reason: 'ground.resident.id-number',
      // transport 200 + storage 150 + farewell 300 + cremation 240 + ashes 100 = 990 ≤ 1,600: all waived.
      waived: { 'body-transport': 20_000, 'body-storage': 15_000, farewell: 30_000, cremation: 24_000, 'ashes-storage': 10_000 },
    },
    {
      why: 'a resident by the family’s answer, whatever the ID number says',
      facts: { idRegionCode: '320101', registeredHere: true },
      diedOn: '2026-12-01',
      ground: 'resident',
      reason: 'ground.resident.declared',
      waived: { 'body-transport': 20_000, 'body-storage': 15_000, farewell: 30_000, cremation: 24_000, 'ashes-storage': 10_000 },
    },
    {
      why: 'a 低保 household the portal decided, under a targeted scheme: the covered items in full, farewell outside them',
      facts: { district: 'county', idRegionCode: '320101', portalRelief: ['dibao'], claimsRelief: true },
      diedOn: '2026-12-01',
      ground: 'dibao',
      reason: 'ground.dibao',
      waived: { 'body-transport': 20_000, 'body-storage': 15_000, farewell: 30_000, cremation: 24_000, 'ashes-storage': 10_000 },
    },
    {
      why: '特困 over 低保 when the portal holds both',
      facts: { district: 'county', portalRelief: ['dibao', 'tekun'], claimsRelief: true },
      diedOn: '2026-12-01',
      ground: 'tekun',
      reason: 'ground.tekun',
      waived: { 'body-transport': 20_000, 'body-storage': 15_000, farewell: 30_000, cremation: 24_000, 'ashes-storage': 10_000 },
    },
    {
      why: 'an unidentified body, under a targeted scheme',
      facts: { district: 'county', unidentified: true },
      diedOn: '2026-12-01',
      ground: 'unidentified',
      reason: 'ground.unidentified',
      waived: { 'body-transport': 20_000, 'body-storage': 15_000, farewell: 30_000, cremation: 24_000, 'ashes-storage': 10_000 },
    },
    {
      why: 'a death before the all-residents scheme: the targeted one in force that day, for a 低保 household (farewell not covered then)',
      facts: { idRegionCode: '110101', portalRelief: ['dibao'], claimsRelief: true },
      diedOn: '2026-03-29',
      ground: 'dibao',
      reason: 'ground.dibao',
      waived: { 'body-transport': 20_000, 'body-storage': 15_000, cremation: 24_000, 'ashes-storage': 10_000 },
    },
  ])('waives for $why', ({ facts: given, diedOn, ground, reason, waived }) => {
    const decision = decideExemption(ROWS, facts(given), BOOKED, diedOn);
    expect(decision).toMatchObject({ outcome: 'decided', ground, reason: { key: reason } });
    const expected = Object.fromEntries(BOOKED.map((entry) => [entry.item, waived[entry.item] ?? 0]));
    expect(Object.fromEntries(decision.lines.map((line) => [line.item, line.waivedFen]))).toEqual(expected);
    const total = Object.values(waived).reduce<number>((sum, fen) => sum + (fen ?? 0), 0);
    expect(decision).toMatchObject({ chargedFen: CHARGED, waivedFen: total, toPayFen: CHARGED - total });
    // Optional services are never waived, whatever the ground.
    expect(decision.lines.filter((line) => line.kind === 'optional').map((line) => [line.item, line.waivedFen, line.reason.key])).toEqual([
      ['embalming', 0, 'optional'],
      ['flowers', 0, 'optional'],
    ]);
  });

  it('spends the cap in the national list’s order whatever the booking’s, saying where it ran out', () => {
    const rows = [row('city', '2026-01-01', { scheme: 'all-residents', capFen: 40_000, regionCodes: ['110101'] })];
    const booked = [...BOOKED].reverse();
    const decision = decideExemption(rows, facts({ idRegionCode: '110101' }), booked, '2026-06-01');
    const byItem = Object.fromEntries(decision.lines.map((line) => [line.item, [line.waivedFen, line.reason.key]]));
    // transport 200 + storage 150 = 350; cremation 50 of its 240; ashes storage nothing.
    expect(byItem).toMatchObject({ 'body-transport': [20_000, 'waived'], 'body-storage': [15_000, 'waived'], cremation: [5_000, 'capPartly'], 'ashes-storage': [0, 'capReached'], farewell: [0, 'notCovered'] });
    expect(decision).toMatchObject({ waivedFen: 40_000, toPayFen: CHARGED - 40_000 });
  });

  it.each<{ why: string; facts: Partial<ExemptionFacts>; diedOn: string; reason: string }>([
    { why: 'a non-resident by the family’s answer, under an all-residents scheme', facts: { idRegionCode: '110101', registeredHere: false }, diedOn: '2026-12-01', reason: 'none.notResident' },
    { why: 'nobody in a group, under a targeted scheme, nothing claimed', facts: { district: 'county', idRegionCode: '320101' }, diedOn: '2026-12-01', reason: 'none.notInGroups' },
    { why: 'a death before any scheme', facts: { district: 'county' }, diedOn: '2026-03-29', reason: 'none.noScheme' },
    { why: 'a district without a scheme', facts: { district: 'elsewhere', portalRelief: ['dibao'] }, diedOn: '2026-12-01', reason: 'none.noScheme' },
  ])('waives nothing for $why', ({ facts: given, diedOn, reason }) => {
    const decision = decideExemption(ROWS, facts(given), BOOKED, diedOn);
    expect(decision).toMatchObject({ outcome: 'decided', ground: null, reason: { key: reason }, waivedFen: 0, toPayFen: CHARGED });
    expect(decision.lines.every((line) => line.waivedFen === 0)).toBe(true);
  });

  it.each<{ why: string; facts: Partial<ExemptionFacts>; missing: string[]; claimed: string; wouldWaive: number }>([
    { why: 'a relief claim the portal has no decision for', facts: { district: 'county', claimsRelief: true }, missing: ['relief-proof'], claimed: 'relief', wouldWaive: 99_000 },
    { why: 'a 优抚 claim (the portal holds no 优抚 records)', facts: { district: 'county', claimsYoufu: true }, missing: ['youfu-proof'], claimed: 'youfu', wouldWaive: 99_000 },
    { why: 'an all-residents scheme, an ID number from elsewhere and nothing said', facts: { idRegionCode: '320101' }, missing: ['household-registration'], claimed: 'resident', wouldWaive: 99_000 },
    { why: 'both a claim and the registration unknown', facts: { idRegionCode: '320101', claimsYoufu: true }, missing: ['youfu-proof', 'household-registration'], claimed: 'youfu', wouldWaive: 99_000 },
  ])('cannot decide $why: says what is missing and what would be waived', ({ facts: given, missing, claimed, wouldWaive }) => {
    const decision = decideExemption(ROWS, facts(given), BOOKED, '2026-12-01');
    expect(decision).toMatchObject({ outcome: 'cannot-decide', missing, claimed, waivedFen: 0, toPayFen: CHARGED, ifConfirmed: { waivedFen: wouldWaive, toPayFen: CHARGED - wouldWaive } });
    if (decision.outcome !== 'cannot-decide') return;
    expect(decision.lines.find((line) => line.item === 'cremation')?.reason.key).toBe('unconfirmed');
    expect(decision.lines.find((line) => line.item === 'flowers')?.reason.key).toBe('optional');
  });

  it('decides on the portal’s own record before a claim it cannot check', () => {
    const decision = decideExemption(ROWS, facts({ district: 'county', portalRelief: ['dibao'], claimsRelief: true, claimsYoufu: true }), BOOKED, '2026-12-01');
    expect(decision).toMatchObject({ outcome: 'decided', ground: 'dibao', basis: 'relief-case' });
  });

  it('follows a later scheme from its first day: the day of death, not the day of booking, decides', () => {
    const rows = [...ROWS, row('county', '2027-01-01', { scheme: 'all-residents', capFen: 50_000, regionCodes: ['320101'] })];
    expect(decideExemption(rows, facts({ district: 'county', idRegionCode: '320101' }), BOOKED, '2026-12-31')).toMatchObject({ ground: null });
    expect(decideExemption(rows, facts({ district: 'county', idRegionCode: '320101' }), BOOKED, '2027-01-01')).toMatchObject({ ground: 'resident', waivedFen: 50_000, scheme: { effectiveFrom: '2027-01-01', capFen: 50_000 } });
  });

  it('says each reason in both languages, amounts as money, places and items by name', () => {
    const rows = [row('demo-district', '2026-01-01', { scheme: 'all-residents', capFen: 40_000, regionCodes: ['110101'] })];
    const decision = decideExemption(rows, facts({ district: 'demo-district', idRegionCode: '110101' }), BOOKED, '2026-06-01');
    const zh = exemptionTexts(decision, 'zh-CN');
    expect(zh.reason).toContain('示例区');
    expect(zh.lines.find((line) => line.item === 'cremation')).toMatchObject({ name: '遗体火化', reason: expect.stringContaining('400') });
    const en = exemptionTexts(decision, 'en');
    expect(en.reason).toContain('Demo District');
    expect(en.lines.find((line) => line.item === 'flowers')).toMatchObject({ name: 'flowers', reason: 'Optional service: not waived' });
    const pending = exemptionTexts(decideExemption(ROWS, facts({ district: 'county', claimsYoufu: true }), BOOKED, '2026-12-01'), 'en');
    expect(pending.missing).toEqual([expect.stringContaining('veterans affairs office')]);
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = translator(lang);
      for (const text of [zh, en, pending].flatMap((said) => [said.reason, ...said.lines.map((line) => line.reason), ...said.missing])) expect(text).not.toMatch(/\{\{|exemption\.|undefined/);
      expect(t('funeral:exemption.claim.title')).not.toBe('exemption.claim.title');
    }
  });
});

describe('what the portal’s relief decisions count for', () => {
  it.each([
    { approvedAt: '2026-12-08T02:00:00Z', stoppedAt: null, day: '2026-12-09', inForce: true, why: 'approved before the death' },
    { approvedAt: '2026-12-07T17:00:00Z', stoppedAt: null, day: '2026-12-08', inForce: true, why: 'approved on the day of death in China (after 16:00 UTC)' },
    { approvedAt: '2026-12-08T02:00:00Z', stoppedAt: null, day: '2026-12-07', inForce: false, why: 'approved after the death' },
    { approvedAt: '2026-01-08T02:00:00Z', stoppedAt: '2026-12-11T02:00:00Z', day: '2026-12-09', inForce: true, why: 'stopped after the death (as 身后一件事 stops it)' },
    { approvedAt: '2026-01-08T02:00:00Z', stoppedAt: '2026-06-01T02:00:00Z', day: '2026-12-09', inForce: false, why: 'stopped before the death' },
    { approvedAt: null, stoppedAt: null, day: '2026-12-09', inForce: false, why: 'never approved' },
  ])('$why: $inForce', ({ approvedAt, stoppedAt, day, inForce }) => {
    expect(inForceOn({ approvedAt, stoppedAt }, day)).toBe(inForce);
  });
});

describe('the manual claim', () => {
  it('is called for by a proof missing, not by an unstated registration', () => {
    const pending = (more: Partial<ExemptionFacts>) => {
      const decision = decideExemption(ROWS, facts(more), BOOKED, '2026-12-01');
      if (decision.outcome !== 'cannot-decide') throw new Error('decided');
      return claimFor(decision);
    };
    expect(pending({ district: 'county', claimsRelief: true })).toEqual({ ground: 'relief', proof: 'funeral:exemption.claim.proof.relief' });
    expect(pending({ idRegionCode: '320101', claimsYoufu: true })).toEqual({ ground: 'youfu', proof: 'funeral:exemption.claim.proof.youfu' });
    expect(pending({ idRegionCode: '320101' })).toBeUndefined();
  });

  it('takes a ground and a short note, next to their fields', () => {
    expect(ExemptionClaimSchema.parse({ ground: 'youfu', note: ' 证件在亲戚家 ' })).toEqual({ ground: 'youfu', note: '证件在亲戚家' });
    const refused = ExemptionClaimSchema.safeParse({ ground: 'resident', note: '字'.repeat(501) });
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['ground', 'funeral:exemption.errors.claim.ground'],
      ['note', 'funeral:exemption.errors.claim.note'],
    ]);
  });
});

describe('the monthly settlement per funeral home', () => {
  const record = (n: number, home: string, servedOn: string, ground: ExemptionRecord['ground'], items: [string, number][]): ExemptionRecord => ({ trackingNumber: `T${n}`, home, servedOn, ground, items: items.map(([item, waivedFen]) => ({ item, waivedFen })) });
  const RECORDS = [
    record(1, 'demo-district-funeral-home', '2026-11-30', 'resident', [['cremation', 24_000], ['body-transport', 20_000]]),
    record(2, 'demo-district-funeral-home', '2026-12-01', 'dibao', [['body-transport', 20_000], ['cremation', 24_000], ['ashes-storage', 10_000]]),
    record(3, 'demo-district-funeral-home', '2026-12-31', 'resident', [['cremation', 24_000]]),
    record(4, 'demo-county-funeral-station', '2026-12-15', 'youfu', [['body-transport', 10_000]]),
    // Nothing waived (a claim refused): not an exemption to settle.
    record(5, 'demo-county-funeral-station', '2026-12-16', 'relief', [['body-transport', 0]]),
  ];

  it('groups by home and month, counting people by ground and amounts by item in the national list’s order', () => {
    expect(settlementReport(RECORDS)).toEqual([
      { home: 'demo-county-funeral-station', month: '2026-12', deceased: 1, byGround: { resident: 0, dibao: 0, tekun: 0, relief: 0, youfu: 1, unidentified: 0 }, byItem: [{ item: 'body-transport', waivedFen: 10_000 }], waivedFen: 10_000 },
      { home: 'demo-district-funeral-home', month: '2026-11', deceased: 1, byGround: { resident: 1, dibao: 0, tekun: 0, relief: 0, youfu: 0, unidentified: 0 }, byItem: [{ item: 'body-transport', waivedFen: 20_000 }, { item: 'cremation', waivedFen: 24_000 }], waivedFen: 44_000 },
      {
        home: 'demo-district-funeral-home',
        month: '2026-12',
        deceased: 2,
        byGround: { resident: 1, dibao: 1, tekun: 0, relief: 0, youfu: 0, unidentified: 0 },
        byItem: [{ item: 'body-transport', waivedFen: 20_000 }, { item: 'cremation', waivedFen: 48_000 }, { item: 'ashes-storage', waivedFen: 10_000 }],
        waivedFen: 78_000,
      },
    ]);
    expect(settlementReport(RECORDS, '2026-11').map((row) => [row.home, row.month])).toEqual([['demo-district-funeral-home', '2026-11']]);
    expect(settlementReport([])).toEqual([]);
  });

  it('is a table in each language, yuan with two decimals, for the staff CSV', () => {
    const zh = settlementTable(settlementReport(RECORDS, '2026-12'), 'zh-CN');
    expect(zh.header.slice(0, 4)).toEqual(['殡仪馆', '月份', '减免人数', '本地户籍居民']);
    expect(zh.header).toContain('遗体火化减免（元）');
    expect(zh.header.at(-1)).toBe('减免合计（元）');
    expect(zh.rows[1]?.slice(0, 3)).toEqual(['示例区殡仪馆', '2026-12', 2]);
    expect(zh.rows[1]?.at(-1)).toBe('780.00');
    const en = settlementTable(settlementReport(RECORDS, '2026-12'), 'en');
    expect(en.header).toContain('Cremation waived (yuan)');
    expect(en.rows.every((row) => row.length === en.header.length)).toBe(true);
  });
});
