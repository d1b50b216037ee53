/**
 * The eco-burial subsidy's rules (docs/decisions/061), table-driven: the amount for a kind in a
 * district on a burial day (the notice in force then, staff's rows included), a kind not funded, the
 * days (death not in the future, burial not before it nor after today), the applicant's own account,
 * one subsidy per deceased as the service declares it, the workflow's transitions by state and role
 * with its limits and time limits, the decision aid, and the rule table's plain form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar, HolidayYearSchema } from '../../api/domain/calendar/working-days.ts';
import { applyTransition, definitionProblems, startDeadlines, staffOnlyFields, type Actor, type CaseSnapshot, type StaffRole } from '../../api/domain/workflow/workflow.ts';
import { checkNewRow, sourceRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { sourceRuleBook, type RuleBook } from '../../api/engine/rules/live-rules.ts';
import { ECO_BURIAL_AMOUNTS_TABLE, type SubsidyAmountsValue } from '../../api/services/eco-burial-subsidy/amounts-table.ts';
import { ecoBurialApplicationSchema } from '../../api/services/eco-burial-subsidy/application.schema.ts';
import { ecoBurialAid } from '../../api/services/eco-burial-subsidy/decision-aid.ts';
import { ecoBurialApplicationFrom } from '../../api/services/eco-burial-subsidy/journey.ts';
import type { BurialKind } from '../../api/services/eco-burial-subsidy/kinds.ts';
import { subsidyFor } from '../../api/services/eco-burial-subsidy/rules.ts';
import { ecoBurialService } from '../../api/services/eco-burial-subsidy/service.ts';
import { ecoBurialWorkflow as workflow, SUBSIDY_SETTING } from '../../api/services/eco-burial-subsidy/workflow.ts';
import { keyFrom, translator } from '../../api/i18n/index.ts';
import { CASE_SERVICES, onlineChannelAt } from '../../api/services/registry.ts';
import { ruleTables } from '../../api/services/rule-tables.ts';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import { ecoBurialAnswers, ecoBurialApplication } from '../support/applications.ts';

const TODAY = '2026-12-12';
const sourceRows = ECO_BURIAL_AMOUNTS_TABLE.source();
const schema = (rows: readonly RuleRow<SubsidyAmountsValue>[] = sourceRows, today = TODAY) => ecoBurialApplicationSchema({ today, rows });
const issuesOf = (input: unknown, rows?: readonly RuleRow<SubsidyAmountsValue>[]) => {
  const parsed = schema(rows).safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the amount the rules give', () => {
  it.each<[string, BurialKind, string, number | 'not funded']>([
    // The demo district's first notice (2024) funds sea, scattering, degradable urns and columbaria only.
    ['demo-district', 'sea', '2025-06-01', 300000],
    ['demo-district', 'scattering', '2025-06-01', 400000],
    ['demo-district', 'columbarium', '2025-06-01', 100000],
    ['demo-district', 'tree', '2025-06-01', 'not funded'],
    // Its 2026 notice: more for a sea burial, and tree, flower and lawn burials from its first day.
    ['demo-district', 'sea', '2025-12-31', 300000],
    ['demo-district', 'sea', '2026-01-01', 460000],
    ['demo-district', 'tree', '2026-01-01', 200000],
    ['demo-district', 'degradable-urn', '2026-11-05', 300000],
    // The county funds no sea burial or scattering at all, and nothing before its notice.
    ['demo-county', 'sea', '2026-11-05', 'not funded'],
    ['demo-county', 'scattering', '2026-11-05', 'not funded'],
    ['demo-county', 'lawn', '2026-11-05', 150000],
    ['demo-county', 'tree', '2024-12-31', 'not funded'],
    ['nowhere', 'tree', '2026-11-05', 'not funded'],
  ])('%s, %s buried on %s: %s', (district, kind, day, expected) => {
    const rule = subsidyFor(sourceRows, district, kind, day);
    expect(rule.funded ? rule.amountFen : 'not funded').toBe(expected);
  });

  it('follows a row staff added, from its first burial day, and a kind it leaves out is no longer funded', () => {
    const staffRow: RuleRow<SubsidyAmountsValue> = { ...sourceRow({ key: 'demo-county', value: { sourceYear: 2026, example: false, treeFen: 250000 }, effectiveFrom: '2026-12-01', basis: '示例县 2026 年通知' }), origin: 'override', changedBy: 's1', changedByName: '管理员', reason: '调整标准', recordedAt: '2026-11-30T00:00:00Z', savedSeq: 9 };
    const rows = [...sourceRows, staffRow];
    expect(subsidyFor(rows, 'demo-county', 'tree', '2026-11-30')).toMatchObject({ funded: true, amountFen: 150000 });
    expect(subsidyFor(rows, 'demo-county', 'tree', '2026-12-01')).toMatchObject({ funded: true, amountFen: 250000, row: { basis: '示例县 2026 年通知' } });
    expect(subsidyFor(rows, 'demo-county', 'lawn', '2026-12-01').funded).toBe(false);
  });
});

describe('the application', () => {
  it('takes a whole application, normalising the numbers as people type them', () => {
    const parsed = schema().parse({ ...ecoBurialApplication(1), deceased: { ...ecoBurialApplication(1).deceased, deathCertificateNumber: 'ａ 1100 0000-1' } });
    expect(parsed.account.number).toBe('6222000011112222333');
    expect(parsed.deceased.deathCertificateNumber).toBe('A110000001');
    expect(parsed.burial.buriedOn).toBe('2026-11-05');
  });

  it('is the application its journey’s answers make', () => {
    expect(schema().parse(ecoBurialApplicationFrom(ecoBurialAnswers(2)))).toEqual(schema().parse(ecoBurialApplication(2)));
  });

  it.each<[string, Record<string, string>, string]>([
    ['a kind the district does not fund', { 'burial.district': 'demo-county' }, 'burial.kind: eco-burial-subsidy:errors.ecoBurial.kindNotFunded'],
    ['a kind not funded yet on the burial day', { 'burial.kind': 'tree', 'burial.buriedOn': '2025-12-20', 'deceased.diedOn': '2025-12-01' }, 'burial.kind: eco-burial-subsidy:errors.ecoBurial.kindNotFunded'],
    ['a death in the future', { 'deceased.diedOn': '2026-12-13' }, 'deceased.diedOn: eco-burial-subsidy:errors.ecoBurial.diedOnFuture'],
    ['a death before the birth the ID number gives', { 'deceased.diedOn': '1901-01-01' }, 'deceased.diedOn: eco-burial-subsidy:errors.ecoBurial.diedBeforeBirth'],
    ['a date that is no day', { 'deceased.diedOn': '2026-02-30' }, 'deceased.diedOn: eco-burial-subsidy:errors.ecoBurial.diedOn'],
    ['a burial in the future', { 'burial.buriedOn': '2026-12-13' }, 'burial.buriedOn: eco-burial-subsidy:errors.ecoBurial.buriedOnFuture'],
    ['a burial before the death', { 'burial.buriedOn': '2026-10-19' }, 'burial.buriedOn: eco-burial-subsidy:errors.ecoBurial.buriedBeforeDeath'],
    ['an account in someone else’s name', { 'account.holder': '王建国' }, 'account.holder: eco-burial-subsidy:errors.ecoBurial.holderNotClaimant'],
    ['the deceased’s ID number as the applicant’s', {}, 'claimant.idNumber: eco-burial-subsidy:errors.ecoBurial.claimantIsDeceased'],
    ['an account number of the wrong shape', { 'account.number': '1234' }, 'account.number: eco-burial-subsidy:errors.ecoBurial.accountNumber'],
    ['a kind that does not exist', { 'burial.kind': 'rocket' }, 'burial.kind: eco-burial-subsidy:errors.ecoBurial.kind'],
    ['a certificate number with other characters', { 'deceased.deathCertificateNumber': '第12号' }, 'deceased.deathCertificateNumber: eco-burial-subsidy:errors.ecoBurial.certificateNumber'],
  ])('refuses %s next to its field', (_what, overrides, expected) => {
    const answers = ecoBurialApplication(3, overrides);
    const input = _what.startsWith('the deceased’s') ? { ...answers, claimant: { ...answers.claimant, idNumber: answers.deceased.idNumber } } : answers;
    expect(issuesOf(input)).toEqual([expected]);
  });

  it('checks the kind only once the district, kind and day are valid (the burial page’s own problems first)', () => {
    expect(issuesOf(ecoBurialApplication(4, { 'burial.district': 'demo-county', 'burial.buriedOn': 'soon' }))).toEqual(['burial.buriedOn: eco-burial-subsidy:errors.ecoBurial.buriedOn']);
  });
});

describe('one subsidy per deceased', () => {
  it('is declared on the service: keyed by the deceased’s ID number as normalised, refused next to it, freed only by a case that ended without a subsidy', () => {
    const once = ecoBurialService.oncePer;
    const application = schema().parse(ecoBurialApplication(5, { 'deceased.idNumber': ecoBurialApplication(5).deceased.idNumber.toLowerCase() }));
    expect(once?.key(application)).toBe(ecoBurialApplication(5).deceased.idNumber.toUpperCase());
    expect(once?.field).toEqual(['deceased', 'idNumber']);
    expect(once?.message).toBe('eco-burial-subsidy:errors.ecoBurial.alreadyApplied');
    expect([...(once?.releasedIn ?? [])].sort()).toEqual(['not-accepted', 'refused', 'withdrawn']);
    // Every state that frees the key is an end without a subsidy; approved and paid never do.
    for (const state of once?.releasedIn ?? []) expect(workflow.states[state]?.terminal).toBe(true);
    expect(once?.releasedIn).not.toContain('paid');
    expect(once?.releasedIn).not.toContain('approved');
    // The registry keeps it for the submission.
    expect(CASE_SERVICES['eco-burial-subsidy'].oncePer?.key(application)).toBe(once?.key(application));
  });
});

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const staff = (role: StaffRole): Actor => ({ kind: 'staff', staffId: `${role}-1`, roles: [role], offices: ['demo-district'], serviceAreas: ['funeral'] });
const applicant: Actor = { kind: 'applicant' };
const APPROVAL = { subsidyFen: '4,600', opinion: '逝者信息、海葬证明和申请人身份核对无误' };
const AMOUNT = { [SUBSIDY_SETTING]: '460000' };

function submitted(day = '2026-11-30'): CaseSnapshot {
  return { state: 'submitted', version: 1, office: 'demo-district', deadlines: startDeadlines(workflow, workflow.initialDeadlines ?? [], { today: day, calendar }), settings: AMOUNT };
}
const attempt = (snapshot: CaseSnapshot, name: string, actor: Actor, input: unknown = {}, day = '2026-12-01') => applyTransition(workflow, snapshot, name, actor, input, { today: day, calendar });
function take(snapshot: CaseSnapshot, name: string, actor: Actor, input: unknown = {}, day = '2026-12-01'): CaseSnapshot {
  const outcome = attempt(snapshot, name, actor, input, day);
  if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.refusal)}`);
  return { ...outcome.result.snapshot, settings: AMOUNT };
}
const accepted = () => take(submitted(), 'accept', staff('intake'));
const approved = () => take(accepted(), 'approve', staff('reviewer'), APPROVAL);

describe('the workflow 受理 → 审核 → 发放', () => {
  it('is consistent, in the funeral service area', () => {
    expect(definitionProblems(workflow)).toEqual([]);
    expect(workflow.serviceArea).toBe('funeral');
  });

  it.each<[string, () => CaseSnapshot, string, Actor, unknown, string]>([
    ['intake accepts a new application', submitted, 'accept', staff('intake'), {}, 'accepted'],
    ['a reviewer cannot accept it', submitted, 'accept', staff('reviewer'), {}, 'not_permitted'],
    ['intake does not accept it, with reasons', submitted, 'not-accept', staff('intake'), { reason: '不属于本区县受理范围' }, 'not-accepted'],
    ['not accepting needs a reason', submitted, 'not-accept', staff('intake'), {}, 'invalid_input'],
    ['intake asks for more documents before accepting', submitted, 'request-documents', staff('intake'), { documents: '火化证明照片不清楚，请重新上传' }, 'awaiting-documents'],
    ['nobody approves before acceptance', submitted, 'approve', staff('reviewer'), APPROVAL, 'wrong_state'],
    ['a reviewer approves the amount the rules give', accepted, 'approve', staff('reviewer'), APPROVAL, 'approved'],
    ['less than the rules give is allowed', accepted, 'approve', staff('reviewer'), { ...APPROVAL, subsidyFen: '3000' }, 'approved'],
    ['more than the rules give is refused', accepted, 'approve', staff('reviewer'), { ...APPROVAL, subsidyFen: '4600.01' }, 'invalid_input'],
    ['an approval needs the reviewer’s opinion', accepted, 'approve', staff('reviewer'), { subsidyFen: '4600' }, 'invalid_input'],
    ['an approver does not review', accepted, 'approve', staff('approver'), APPROVAL, 'not_permitted'],
    ['a reviewer refuses, with reasons', accepted, 'refuse', staff('reviewer'), { reason: '安葬方式不属于奖补范围' }, 'refused'],
    ['a reviewer asks for more documents', accepted, 'request-documents', staff('reviewer'), { documents: '请提供户口本' }, 'awaiting-documents'],
    ['the applicant withdraws before the decision', accepted, 'withdraw', applicant, {}, 'withdrawn'],
    ['nobody pays before approval', accepted, 'record-payment', staff('approver'), { paidFen: '4600' }, 'wrong_state'],
    ['an approver records the payment', approved, 'record-payment', staff('approver'), { paidFen: '4600' }, 'paid'],
    ['a payment over the rules is refused', approved, 'record-payment', staff('approver'), { paidFen: '5000' }, 'invalid_input'],
    ['intake does not pay', approved, 'record-payment', staff('intake'), { paidFen: '4600' }, 'not_permitted'],
    ['the applicant cannot withdraw once approved', approved, 'withdraw', applicant, {}, 'wrong_state'],
  ])('%s', (_what, from, name, actor, input, expected) => {
    const outcome = attempt(from(), name, actor, input);
    expect(outcome.ok ? outcome.result.snapshot.state : outcome.refusal.code).toBe(expected);
  });

  it('runs 5 working days to accept, then 20 to decide and 60 to pay; paused during 补正; each stopped by its step', () => {
    const start = submitted('2026-11-30');
    expect(start.deadlines).toEqual([expect.objectContaining({ key: 'acceptance', dueOn: '2026-12-07' })]);
    const a = take(start, 'accept', staff('intake'), {}, '2026-12-01');
    const running = (snapshot: CaseSnapshot) => Object.fromEntries(snapshot.deadlines.filter((deadline) => !deadline.stoppedOn).map((deadline) => [deadline.key, deadline.dueOn]));
    expect(running(a)).toEqual({ decision: '2026-12-29', payment: '2027-02-26' });
    const asked = take(a, 'request-documents', staff('reviewer'), { documents: '请提供户口本' }, '2026-12-02');
    expect(asked.deadlines.filter((deadline) => !deadline.stoppedOn).every((deadline) => deadline.pausedOn === '2026-12-02')).toBe(true);
    const back = take(asked, 'provide-documents', applicant, {}, '2026-12-04');
    expect(back.state).toBe('accepted');
    const decided = take(back, 'approve', staff('reviewer'), APPROVAL, '2026-12-07');
    expect(Object.keys(running(decided))).toEqual(['payment']);
    const paid = take(decided, 'record-payment', staff('approver'), { paidFen: '4600' }, '2026-12-10');
    expect(running(paid)).toEqual({});
  });

  it('keeps the reviewer’s opinion from the applicant', () => {
    expect(staffOnlyFields(workflow.transitions.find((transition) => transition.name === 'approve'))).toEqual(['opinion']);
  });

  it('reads the most an approval may be from the rules on the burial day, whatever day it is decided', () => {
    const application = schema().parse(ecoBurialApplication(6));
    const rules: RuleBook = sourceRuleBook();
    const settings = ecoBurialService.settings?.(application, '2027-06-01', rules, { offices: DEMO_OFFICES, rules });
    expect(settings?.[SUBSIDY_SETTING]).toEqual({ value: '460000', basis: expect.stringContaining('2025'), effectiveFrom: '2026-01-01' });
  });
});

describe('the decision aid', () => {
  it('says what the rules give for the kind, shows the notice’s amounts with this case’s kind marked, and proposes it', () => {
    const aid = ecoBurialAid(schema().parse(ecoBurialApplication(7)), sourceRows, TODAY);
    expect(aid.facts.find((fact) => fact.testId === 'aid-amount')?.value).toEqual({ key: 'eco-burial-subsidy:ecoBurialAid.money', values: { amount: { fen: 460000 } } });
    const table = aid.tables[0];
    expect(table?.rows).toHaveLength(7);
    expect(table?.rows.filter((row) => row.current).map((row) => row.header)).toEqual([{ key: 'eco-burial-subsidy:ecoBurial.kind.sea' }]);
    expect(aid.proposals).toEqual({ approve: { subsidyFen: '4600' }, 'record-payment': { paidFen: '4600' } });
  });

  it('says every word of it in both languages (the keys exist)', () => {
    const keys = (value: unknown): string[] =>
      Array.isArray(value) ? value.flatMap(keys) : value && typeof value === 'object' ? [...('key' in value && typeof value.key === 'string' ? [value.key] : []), ...Object.values(value).flatMap(keys)] : [];
    const aids = [ecoBurialAid(schema().parse(ecoBurialApplication(9)), sourceRows, TODAY), ecoBurialAid(schema().parse(ecoBurialApplication(9, { 'burial.kind': 'tree' })), [], TODAY)];
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const key of aids.flatMap(keys)) expect(translator(lang)(keyFrom(key), { defaultValue: '' }), `${lang} ${key}`).not.toBe('');
    }
  });

  it('proposes nothing where the kind is no longer funded (rows changed since the application)', () => {
    const application = schema().parse(ecoBurialApplication(8, { 'burial.kind': 'tree' }));
    const aid = ecoBurialAid(application, sourceRows.filter((row) => row.effectiveFrom !== '2026-01-01'), TODAY);
    expect(aid.proposals).toEqual({});
    expect(aid.facts.find((fact) => fact.testId === 'aid-amount')?.value).toMatchObject({ key: 'eco-burial-subsidy:ecoBurialAid.notFunded' });
  });
});

describe('the rule table eco-burial-subsidy.amounts', () => {
  it('is one of the tables staff see at /staff/rules, keyed by district', () => {
    expect(ruleTables({ offices: DEMO_OFFICES }).map((table) => table.name)).toContain('eco-burial-subsidy.amounts');
    expect(ECO_BURIAL_AMOUNTS_TABLE.keys('zh-CN')).toEqual([{ key: 'demo-district', label: '示例区' }, { key: 'demo-county', label: '示例县' }]);
  });

  it('reads its plain form: amounts in yuan as typed, a blank kind not funded, anything else refused next to its field', () => {
    const value = ECO_BURIAL_AMOUNTS_TABLE.fromForm({ seaFen: '４,６００', treeFen: '', columbariumFen: '1000元', sourceYear: '2026' });
    expect(value).toEqual({ seaFen: 460000, columbariumFen: 100000, sourceYear: 2026 });
    const row = { key: 'demo-district', effectiveFrom: '2027-01-01', basis: '通知', reason: '调整标准', value: value as Record<string, unknown> };
    expect(checkNewRow(ECO_BURIAL_AMOUNTS_TABLE, row).ok).toBe(true);
    const bad = checkNewRow(ECO_BURIAL_AMOUNTS_TABLE, { ...row, value: ECO_BURIAL_AMOUNTS_TABLE.fromForm({ seaFen: 'lots', sourceYear: '2026' }) as Record<string, unknown> });
    expect(bad.ok ? [] : bad.error.issues.map((issue) => issue.path.join('.'))).toEqual(['value.seaFen']);
    // What the form shows of a value is what it reads back.
    expect(ECO_BURIAL_AMOUNTS_TABLE.fromForm(ECO_BURIAL_AMOUNTS_TABLE.toForm({ sourceYear: 2026, example: false, seaFen: 460050 }))).toEqual({ seaFen: 460050, sourceYear: 2026 });
    expect(ECO_BURIAL_AMOUNTS_TABLE.describe({ sourceYear: 2026, example: true, seaFen: 460000, columbariumFen: 100000 }, 'zh-CN')).toBe('海葬（骨灰撒海） 4,600 元、骨灰堂（格位存放） 1,000 元 (示例)');
  });
});

describe('the guide', () => {
  it('offers to apply online: the registry has the journey at its path', () => {
    expect(onlineChannelAt('/apply/eco-burial-subsidy')).toBe('apply');
  });
});
