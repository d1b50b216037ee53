/**
 * The public cemetery plot's rules (docs/decisions/064), table-driven: who may apply (the
 * cemetery's residence rule), the fee and number of each kind of place (the notice in force, staff's
 * rows included), the places left (never below zero), the application's refusals (a kind the
 * cemetery does not have, no certificate, a deceased the rule does not cover), the files an
 * application needs by its route, the workflow 受理 → 审核 → 分配 → 完成 by state and role, the
 * decision aid's words, and the rule table's plain form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar, HolidayYearSchema } from '../../api/domain/calendar/working-days.ts';
import { applyTransition, definitionProblems, startDeadlines, type Actor, type CaseSnapshot, type StaffRole } from '../../api/domain/workflow/workflow.ts';
import { sourceRuleBook } from '../../api/engine/rules/live-rules.ts';
import { checkNewRow, sourceRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { keyFrom, translator } from '../../api/i18n/index.ts';
import { cemeteryApplicationSchema } from '../../api/services/public-cemetery/application.schema.ts';
import { CEMETERIES_TABLE, type CemeteryDetails } from '../../api/services/public-cemetery/cemeteries-table.ts';
import { cemeteryAid } from '../../api/services/public-cemetery/decision-aid.ts';
import { cemeteryApplicationFrom, uploadsNeededFor } from '../../api/services/public-cemetery/journey.ts';
import type { PlotType, ResidenceRule } from '../../api/services/public-cemetery/kinds.ts';
import { cemeteriesOn } from '../../api/services/public-cemetery/public-view.ts';
import { placeKey, plotFor, plotsLeft, residenceAllows, stockKey } from '../../api/services/public-cemetery/rules.ts';
import { cemeteryService } from '../../api/services/public-cemetery/service.ts';
import { cemeteryWorkflow as workflow } from '../../api/services/public-cemetery/workflow.ts';
import { CASE_SERVICES, onlineChannelAt } from '../../api/services/registry.ts';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import { ruleTables } from '../../api/services/rule-tables.ts';
import { cemeteryAnswers, cemeteryApplication } from '../support/applications.ts';

const TODAY = '2026-12-12';
const sourceRows = CEMETERIES_TABLE.source();
const schema = (rows: readonly RuleRow<CemeteryDetails>[] = sourceRows) => cemeteryApplicationSchema({ today: TODAY, rows });
const issuesOf = (input: unknown, rows?: readonly RuleRow<CemeteryDetails>[]) => {
  const parsed = schema(rows).safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('who may apply: the residence rule', () => {
  it.each<[ResidenceRule, boolean, boolean | undefined, { allowed: boolean; proofNeeded: boolean }]>([
    ['registered', true, undefined, { allowed: true, proofNeeded: false }],
    ['registered', false, true, { allowed: false, proofNeeded: false }],
    ['registered', false, false, { allowed: false, proofNeeded: false }],
    ['registered-or-resident', true, undefined, { allowed: true, proofNeeded: false }],
    ['registered-or-resident', false, true, { allowed: true, proofNeeded: true }],
    ['registered-or-resident', false, false, { allowed: false, proofNeeded: false }],
    ['registered-or-resident', false, undefined, { allowed: false, proofNeeded: false }],
  ])('%s, registered here %s, lived here %s', (rule, registeredHere, livedHere, expected) => {
    expect(residenceAllows(rule, { registeredHere, livedHere })).toEqual(expected);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['registered in the district', {}, []],
    ['registered elsewhere, at a cemetery for registered residents only', { 'plot.cemetery': 'demo-county-cemetery', 'residence.registeredHere': 'no', 'residence.livedHere': 'yes' }, ['residence.registeredHere: public-cemetery:errors.cemetery.registeredOnly']],
    ['registered elsewhere, lived here with a permit, where the rule allows it', { 'residence.registeredHere': 'no', 'residence.livedHere': 'yes' }, []],
    ['registered elsewhere and did not live here', { 'residence.registeredHere': 'no', 'residence.livedHere': 'no' }, ['residence.livedHere: public-cemetery:errors.cemetery.notResident']],
    ['registered elsewhere, not said whether they lived here', { 'residence.registeredHere': 'no' }, ['residence.livedHere: public-cemetery:errors.cemetery.livedHere']],
  ])('%s', (_what, overrides, expected) => {
    expect(issuesOf(cemeteryApplicationFrom(cemeteryAnswers(1, overrides)))).toEqual(expected);
  });
});

describe('the fee and number of each kind of place', () => {
  it.each<[string, PlotType, string, number | 'not offered', number | 'not offered']>([
    ['demo-district-cemetery', 'niche', '2026-12-12', 0, 200],
    ['demo-district-cemetery', 'lawn', '2026-12-12', 80000, 60],
    ['demo-district-cemetery', 'single-grave', '2026-12-12', 300000, 30],
    ['demo-district-cemetery', 'double-grave', '2026-12-12', 500000, 2],
    ['demo-county-cemetery', 'niche', '2026-12-12', 50000, 80],
    ['demo-county-cemetery', 'lawn', '2026-12-12', 'not offered', 'not offered'],
    ['demo-county-cemetery', 'double-grave', '2026-12-12', 'not offered', 'not offered'],
    // Before the first notice, nothing is offered.
    ['demo-district-cemetery', 'niche', '2026-03-29', 'not offered', 'not offered'],
    ['nowhere', 'niche', '2026-12-12', 'not offered', 'not offered'],
  ])('%s, %s on %s: fee %s, %s places', (cemetery, type, day, fee, count) => {
    const plot = plotFor(sourceRows, cemetery, type, day);
    expect(plot.offered ? [plot.feeFen, plot.count] : ['not offered', 'not offered']).toEqual([fee, count]);
  });

  it('follows a row staff added, from its first day: a new fee, and a kind it leaves out is no longer offered', () => {
    const value = CEMETERIES_TABLE.valueSchema.parse(CEMETERIES_TABLE.fromForm({ ...CEMETERIES_TABLE.toForm(sourceRows[0]?.value as CemeteryDetails), lawnFeeFen: '1000', treeFeeFen: '', treePlots: '' }));
    const staffRow: RuleRow<CemeteryDetails> = { ...sourceRow({ key: 'demo-district-cemetery', value, effectiveFrom: '2027-01-01', basis: '示例区 2027 年公告' }), origin: 'override', changedBy: 's1', changedByName: '管理员', reason: '调整收费', recordedAt: '2026-12-30T00:00:00Z', savedSeq: 3 };
    const rows = [...sourceRows, staffRow];
    expect(plotFor(rows, 'demo-district-cemetery', 'lawn', '2026-12-31')).toMatchObject({ offered: true, feeFen: 80000 });
    expect(plotFor(rows, 'demo-district-cemetery', 'lawn', '2027-01-01')).toMatchObject({ offered: true, feeFen: 100000 });
    expect(plotFor(rows, 'demo-district-cemetery', 'tree', '2027-01-01').offered).toBe(false);
  });
});

describe('the places left', () => {
  it.each<[number, number, number]>([
    [2, 0, 2],
    [2, 1, 1],
    [2, 2, 0],
    // A notice lowered the number under what is held: none left, never a negative count.
    [1, 3, 0],
    [5, -1, 5],
  ])('%s places, %s held: %s left', (count, taken, left) => {
    expect(plotsLeft(count, taken)).toBe(left);
  });

  it.each<[string, string, string]>([
    ['A区3排12号', 'a区 3排 12号', 'the same place'],
    ['Ａ区３排１２号', 'A区3排12号', 'the same place'],
    ['A区3排12号', 'A区3排13号', 'another place'],
  ])('a place typed %s and %s is %s', (one, other, expected) => {
    expect(placeKey('demo-district-cemetery', one) === placeKey('demo-district-cemetery', other) ? 'the same place' : 'another place').toBe(expected);
    expect(placeKey('demo-district-cemetery', one)).not.toBe(placeKey('demo-county-cemetery', one));
  });

  it('counts each cemetery’s kind under its own key, and the public view shows what is left', () => {
    expect(stockKey('demo-county-cemetery', 'single-grave')).toBe('public-cemetery:demo-county-cemetery:single-grave');
    const view = cemeteriesOn(sourceRuleBook(), TODAY, 'zh-CN', new Map([[stockKey('demo-county-cemetery', 'single-grave'), 1]]));
    const county = view.find((each) => each.id === 'demo-county-cemetery');
    expect(county?.types.map((type) => [type.type, type.fee, type.left])).toEqual([
      ['niche', '500 元', 80],
      ['tree', '免费', 40],
      ['single-grave', '2,000 元', 0],
    ]);
  });

  it('takes one place of the application’s kind, by the number the rules give on the day', () => {
    const application = schema().parse(cemeteryApplication(2, { 'plot.type': 'double-grave' }));
    expect(cemeteryService.holds?.stock(application, TODAY, sourceRuleBook())).toEqual({ key: 'public-cemetery:demo-district-cemetery:double-grave', capacity: 2 });
    expect(cemeteryService.holds?.stock(application, '2026-01-01', sourceRuleBook())).toEqual({ key: 'public-cemetery:demo-district-cemetery:double-grave', capacity: 0 });
    expect(cemeteryService.holds?.releasedIn).toEqual(['not-accepted', 'refused', 'withdrawn']);
    expect(CASE_SERVICES['public-cemetery'].holds?.stock(application, TODAY, sourceRuleBook())).toEqual({ key: 'public-cemetery:demo-district-cemetery:double-grave', capacity: 2 });
  });
});

describe('the application', () => {
  it('is applied for online at its own path', () => {
    expect(onlineChannelAt('/apply/public-cemetery')).toBe('apply');
    expect(schema().safeParse(cemeteryApplication(3)).success).toBe(true);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['a kind the cemetery does not have', { 'plot.cemetery': 'demo-county-cemetery', 'plot.type': 'lawn' }, ['plot.type: public-cemetery:errors.cemetery.typeNotOffered']],
    ['no proof chosen: a plot is sold only against a certificate', { 'proof.kind': '' }, ['proof.kind: public-cemetery:errors.cemetery.proofKind']],
    ['the death certificate chosen without its number', { 'proof.deathCertificateNumber': '' }, ['proof.deathCertificateNumber: eco-burial-subsidy:errors.ecoBurial.certificateNumber']],
    ['a death certificate number of the wrong shape', { 'proof.deathCertificateNumber': '12-3' }, ['proof.deathCertificateNumber: eco-burial-subsidy:errors.ecoBurial.certificateNumber']],
    ['a date of death in the future', { 'deceased.diedOn': '2026-12-13' }, ['deceased.diedOn: funeral:errors.deceased.diedOnFuture']],
    ['a date of death before the birth date', { 'deceased.diedOn': '1930-01-01' }, ['deceased.diedOn: funeral:errors.deceased.diedBeforeBirth']],
    ['the applicant’s ID number is the deceased’s', { 'family.idNumber': cemeteryAnswers(4)['deceased.idNumber'] ?? '' }, ['family.idNumber: public-cemetery:errors.cemetery.applicantIsDeceased']],
    ['the promise not ticked', { pledge: 'no' }, ['pledge: public-cemetery:errors.cemetery.pledge']],
  ])('refuses %s next to its field', (_what, overrides, expected) => {
    expect(issuesOf(cemeteryApplicationFrom(cemeteryAnswers(4, overrides)))).toEqual(expected);
  });

  it('takes the cremation certificate as a file instead of the number: only that route needs the file, and a permit only where it is asked', () => {
    const byCremation = cemeteryApplicationFrom(cemeteryAnswers(5, { 'proof.kind': 'cremation-certificate' }));
    // The number is not on the route, so not in the application.
    expect(byCremation['proof']).toEqual({ kind: 'cremation-certificate' });
    const parsed = schema().parse(byCremation);
    expect(uploadsNeededFor(parsed)).toEqual({ cremationCertificate: 1, residenceProof: 0 });
    expect(uploadsNeededFor(schema().parse(cemeteryApplication(5)))).toEqual({ cremationCertificate: 0, residenceProof: 0 });
    expect(uploadsNeededFor(schema().parse(cemeteryApplication(5, { 'residence.registeredHere': 'no', 'residence.livedHere': 'yes' })))).toEqual({ cremationCertificate: 0, residenceProof: 1 });
  });

  it('allows one plot per deceased, freed by a case that ended without one', () => {
    const application = schema().parse(cemeteryApplication(6));
    expect(cemeteryService.oncePer?.key(application)).toBe(application.deceased.idNumber);
    expect(cemeteryService.oncePer?.releasedIn).toEqual(['not-accepted', 'refused', 'withdrawn']);
  });
});

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const staff = (role: StaffRole): Actor => ({ kind: 'staff', staffId: `${role}-1`, roles: [role], offices: ['demo-district'], serviceAreas: ['funeral'] });
const applicant: Actor = { kind: 'applicant' };
const APPROVAL = { opinion: '户籍和死亡证明核对无误' };
function submitted(day = '2026-11-30'): CaseSnapshot {
  return { state: 'submitted', version: 1, office: 'demo-district', deadlines: startDeadlines(workflow, workflow.initialDeadlines ?? [], { today: day, calendar }) };
}
const attempt = (snapshot: CaseSnapshot, name: string, actor: Actor, input: unknown = {}, day = '2026-12-01') => applyTransition(workflow, snapshot, name, actor, input, { today: day, calendar });
function take(snapshot: CaseSnapshot, name: string, actor: Actor, input: unknown = {}, day = '2026-12-01'): CaseSnapshot {
  const outcome = attempt(snapshot, name, actor, input, day);
  if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.refusal)}`);
  return outcome.result.snapshot;
}
const accepted = () => take(submitted(), 'accept', staff('intake'));
const approved = () => take(accepted(), 'approve', staff('reviewer'), APPROVAL);
const allocated = () => take(approved(), 'allocate', staff('approver'), { plotNumber: 'A区3排12号' });

describe('the workflow 受理 → 审核 → 分配 → 完成', () => {
  it('is consistent, in the funeral service area', () => {
    expect(definitionProblems(workflow)).toEqual([]);
    expect(workflow.serviceArea).toBe('funeral');
  });

  it.each<[string, () => CaseSnapshot, string, Actor, unknown, string]>([
    ['intake accepts a new application', submitted, 'accept', staff('intake'), {}, 'accepted'],
    ['a reviewer cannot accept it', submitted, 'accept', staff('reviewer'), {}, 'not_permitted'],
    ['intake does not accept it, with reasons', submitted, 'not-accept', staff('intake'), { reason: '不属于本区县受理范围' }, 'not-accepted'],
    ['intake asks for documents', submitted, 'request-documents', staff('intake'), { documents: '火化证明照片不清楚，请重新上传' }, 'awaiting-documents'],
    ['a reviewer approves', accepted, 'approve', staff('reviewer'), APPROVAL, 'approved'],
    ['an approval needs the opinion', accepted, 'approve', staff('reviewer'), {}, 'invalid_input'],
    ['a reviewer refuses, with reasons', accepted, 'refuse', staff('reviewer'), { reason: '逝者户籍不在本区县' }, 'refused'],
    ['nobody allocates before approval', accepted, 'allocate', staff('approver'), { plotNumber: 'A区3排12号' }, 'wrong_state'],
    ['an approver allocates a specific place', approved, 'allocate', staff('approver'), { plotNumber: 'A区3排12号' }, 'allocated'],
    ['an allocation names the place', approved, 'allocate', staff('approver'), { plotNumber: ' ' }, 'invalid_input'],
    ['intake does not allocate', approved, 'allocate', staff('intake'), { plotNumber: 'A区3排12号' }, 'not_permitted'],
    ['the applicant withdraws after approval, before a place is allocated', approved, 'withdraw', applicant, {}, 'withdrawn'],
    ['the applicant cannot withdraw once a place is allocated', allocated, 'withdraw', applicant, {}, 'wrong_state'],
    ['intake completes it', allocated, 'complete', staff('intake'), {}, 'completed'],
  ])('%s', (_what, from, name, actor, input, expected) => {
    const outcome = attempt(from(), name, actor, input);
    expect(outcome.ok ? outcome.result.snapshot.state : outcome.refusal.code).toBe(expected);
  });

  it('runs 5 working days to accept, 10 to decide, 5 to allocate, each stopped by its step', () => {
    const start = submitted('2026-11-30');
    expect(start.deadlines).toEqual([expect.objectContaining({ key: 'acceptance', dueOn: '2026-12-07' })]);
    const running = (snapshot: CaseSnapshot) => Object.fromEntries(snapshot.deadlines.filter((deadline) => !deadline.stoppedOn).map((deadline) => [deadline.key, deadline.dueOn]));
    const a = take(start, 'accept', staff('intake'), {}, '2026-12-01');
    expect(running(a)).toEqual({ decision: '2026-12-15' });
    const b = take(a, 'approve', staff('reviewer'), APPROVAL, '2026-12-02');
    expect(running(b)).toEqual({ allocation: '2026-12-09' });
    expect(running(take(b, 'allocate', staff('approver'), { plotNumber: 'A区3排12号' }, '2026-12-03'))).toEqual({});
  });

  it('declares the guide’s time limits from its workflow', () => {
    expect(cemeteryService.timeLimits?.map((limit) => [limit.deadline, workflow.deadlines[limit.deadline]?.workingDays])).toEqual([
      ['acceptance', 5],
      ['decision', 10],
    ]);
  });
});

describe('the decision aid and the rule table', () => {
  it('says every word of it in both languages (the keys exist)', () => {
    const keys = (value: unknown): string[] =>
      Array.isArray(value) ? value.flatMap(keys) : value && typeof value === 'object' ? [...('key' in value && typeof value.key === 'string' ? [value.key] : []), ...Object.values(value).flatMap(keys)] : [];
    const aids = [
      cemeteryAid(schema().parse(cemeteryApplication(9)), sourceRows, TODAY),
      cemeteryAid(schema().parse(cemeteryApplication(9, { 'residence.registeredHere': 'no', 'residence.livedHere': 'yes', 'proof.kind': 'cremation-certificate' })), sourceRows, TODAY),
      cemeteryAid(schema().parse(cemeteryApplication(9)), [], TODAY),
    ];
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const key of aids.flatMap(keys)) expect(translator(lang)(keyFrom(key), { defaultValue: '' }), `${lang} ${key}`).not.toBe('');
    }
    expect(aids[0]?.facts.find((fact) => fact.testId === 'aid-fee')?.value).toEqual({ key: 'public-cemetery:cemeteryAid.money', values: { amount: { fen: 0 } } });
  });

  it('is one of the tables staff see at /staff/rules, keyed by cemetery, with every field named in both languages', () => {
    expect(ruleTables({ offices: DEMO_OFFICES }).map((table) => table.name)).toContain('public-cemetery.cemeteries');
    expect(CEMETERIES_TABLE.keys('zh-CN').map((key) => key.label)).toEqual(['示例区青山公益性公墓', '示例县城关公益性公墓']);
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const field of CEMETERIES_TABLE.fields) expect(translator(lang)(keyFrom(`fields.value.${field.name}`), { defaultValue: '' }), `${lang} ${field.name}`).not.toBe('');
      expect(CEMETERIES_TABLE.describe(sourceRows[1]?.value as CemeteryDetails, lang)).not.toContain('rules.tables');
    }
  });

  it('reads its plain form: fees in yuan as typed, a blank kind not offered, a fee without a number refused next to its field', () => {
    const form = { phone: '0000-12345680', addressZh: '示例区青山路 66 号', addressEn: '66 Qingshan Road', hoursZh: '每天 8:00–16:30', hoursEn: 'Every day 8:00–16:30', residence: 'registered' };
    const value = CEMETERIES_TABLE.fromForm({ ...form, nicheFeeFen: '０', nichePlots: '１２０', lawnFeeFen: '800元', lawnPlots: '10' });
    expect(value).toMatchObject({ nicheFeeFen: 0, nichePlots: 120, lawnFeeFen: 80000, lawnPlots: 10 });
    const row = { key: 'demo-county-cemetery', effectiveFrom: '2027-01-01', basis: '公告', reason: '新增草坪葬', value: value as Record<string, unknown> };
    expect(checkNewRow(CEMETERIES_TABLE, row).ok).toBe(true);
    const bad = checkNewRow(CEMETERIES_TABLE, { ...row, value: CEMETERIES_TABLE.fromForm({ ...form, treeFeeFen: '100', nichePlots: 'many' }) as Record<string, unknown> });
    expect(bad.ok ? [] : bad.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['value.nicheFeeFen', 'value.nichePlots', 'value.treePlots']);
  });
});
