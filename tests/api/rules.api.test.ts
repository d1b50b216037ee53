/**
 * Effective-dated rule tables through the API (docs/decisions/030), on SQLite and PostgreSQL: a
 * system admin adds a row (audited, in the history, never replacing the row it corrects), the
 * 高龄津贴 proposal follows it, the others are refused by role, a bad row is answered next to its
 * fields, and another process sees the row once it refreshes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { bootstrap, type Runtime } from '../../api/server/bootstrap.ts';
import { ALLOWANCE_STANDARDS_TABLE } from '../../api/services/old-age-allowance/standards-table.ts';
import { oldAgeAllowanceApplication, personId } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, silentLogger, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 on 10 December 2026 in China: an approval now is paid from January 2027. */
const NOW = new Date('2026-12-10T02:00:00Z');
const STANDARDS = '/staff/rules/old-age-allowance.standards';

interface RowView {
  key: string;
  effectiveFrom: string;
  value: Record<string, unknown>;
  text: string;
  basis: string;
  origin: 'source' | 'override';
  changedBy: string | null;
  reason: string | null;
  counts: boolean;
}
interface TableView {
  name: string;
  title: string;
  fields: { name: string; control: string; options?: { value: string; label: string }[] }[];
  keys: { key: string; label: string; inForce: RowView | null; upcoming: RowView[]; history: RowView[] }[];
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string; message: string }[] };
}

const raise = {
  key: 'demo-district',
  effectiveFrom: '2027-01-01',
  value: { sourceYear: 2026, bands: [{ fromAge: 80, monthlyAmount: 65 }, { fromAge: 90, monthlyAmount: 130 }, { fromAge: 100, monthlyAmount: 650 }] },
  basis: '示例区民政局关于调整高龄津贴标准的通知（2026 年 12 月）',
  reason: '通知的金额与配置文件中的示例不同，按通知录入',
};

describe.each(DIALECTS)('rule tables on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => NOW, lang: 'en', serviceAreas: ['allowances'] });
  const as = staff.request;
  const table = async (username: string, path = STANDARDS, lang?: string) => (await (await as(username, path, lang ? { lang } : {})).json()) as TableView;
  const add = (username: string, body: unknown, path = STANDARDS) => as(username, path, { method: 'POST', body });

  async function reviewedCase(): Promise<string> {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication('demo-district')),
      headers: { 'content-type': 'application/json' },
    });
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    for (const [username, transition, input] of [
      ['clerk', 'accept', {}],
      ['reviewer', 'review', { opinion: '经审核，符合申领条件，同意上报审批。' }],
    ] as const) {
      const { version } = (await (await as(username, `/staff/cases/${trackingNumber}`)).json()) as { version: number };
      expect((await as(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input } })).status).toBe(200);
    }
    return trackingNumber;
  }
  const proposal = async (trackingNumber: string) =>
    ((await (await as('approver', `/staff/cases/${trackingNumber}`)).json()) as { decisionAid: { proposals: { approve: Record<string, string> } } }).decisionAid;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => NOW });
    const members: [string, StaffRole][] = [
      ['admin', 'system-admin'],
      ['office.admin', 'office-admin'],
      ['clerk', 'intake'],
      ['reviewer', 'reviewer'],
      ['approver', 'approver'],
    ];
    for (const [username, role] of members) await staff.member(username, [role]);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('shows every staff member each district’s standard in force, the one to come, and the source file’s rows', async () => {
    const view = await table('clerk');
    expect(view).toMatchObject({ name: 'old-age-allowance.standards', title: 'Old-age allowance standards' });
    expect(view.fields.map((field) => field.name)).toEqual(['bands', 'sourceYear']);
    const district = view.keys.find((key) => key.key === 'demo-district');
    expect(district).toMatchObject({ label: 'Example District', inForce: { effectiveFrom: '2024-01-01', origin: 'source', counts: true }, upcoming: [{ effectiveFrom: '2027-01-01', origin: 'source' }] });
    expect(district?.inForce?.text).toBe('from 80: 50 yuan a month, from 90: 100 yuan a month, from 100: 500 yuan a month (example)');
    expect(district?.history.map((row) => row.effectiveFrom)).toEqual(['2027-01-01', '2024-01-01']);
    // In the reader's language.
    expect((await table('clerk', STANDARDS, 'zh-CN')).keys[0]?.label).toBe('示例区');
  });

  it('lets a system admin add a row, audited; on the same day it replaces the file’s row, and the proposal follows it at once', async () => {
    const trackingNumber = await reviewedCase();
    expect((await proposal(trackingNumber)).proposals.approve.monthlyAmount).toBe('60');

    const added = await add('admin', raise);
    expect(added.status).toBe(201);
    const district = ((await added.json()) as TableView).keys.find((key) => key.key === 'demo-district');
    expect(district?.upcoming).toEqual([expect.objectContaining({ effectiveFrom: '2027-01-01', origin: 'override', changedBy: 'admin', reason: raise.reason, basis: raise.basis, counts: true })]);
    // The file's row stays in the history, no longer counting.
    expect(district?.history.map((row) => [row.effectiveFrom, row.origin, row.counts])).toEqual([
      ['2027-01-01', 'override', true],
      ['2027-01-01', 'source', false],
      ['2024-01-01', 'source', true],
    ]);
    expect((await proposal(trackingNumber)).proposals.approve.monthlyAmount).toBe('65');

    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'record_type', 'record_id', 'actor_role', 'details_json']).where('action', '=', 'rules.add').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ record_type: 'rule_table', record_id: 'old-age-allowance.standards/demo-district', actor_role: 'system-admin' });
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toMatchObject({ effectiveFrom: '2027-01-01', reason: raise.reason, value: { sourceYear: 2026, example: false } });

    // A correction is a newer row of the same day: the earlier stays, and the later counts.
    const corrected = await add('admin', { ...raise, value: { ...raise.value, bands: [{ fromAge: 80, monthlyAmount: 66 }] }, reason: '更正：上一条录错了金额' });
    expect(corrected.status).toBe(201);
    expect((await proposal(trackingNumber)).proposals.approve.monthlyAmount).toBe('66');
    const stored = await runtime.database.db.selectFrom('rule_overrides').select(['effective_from', 'reason']).orderBy('recorded_at').execute();
    expect(stored.map((row) => row.reason)).toEqual([raise.reason, '更正：上一条录错了金额']);
  });

  it('takes the age from which one may apply from the standard in force: a district raising it refuses a younger elder from that day', async () => {
    // Born 15 November 1944: 82 on 10 December 2026, above demo-district's 80.
    const apply = (key: string) =>
      runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
        method: 'POST',
        body: JSON.stringify({ ...oldAgeAllowanceApplication('demo-district'), elder: { ...oldAgeAllowanceApplication('demo-district').elder, idNumber: personId(7, 'female', '19441115') } }),
        headers: { 'content-type': 'application/json', 'accept-language': 'en', 'idempotency-key': key },
      });
    expect((await apply('district-before-raise')).status).toBe(201);
    // From today to the raise already announced for 2027 (the earlier test's), the district starts at 85.
    const raised = await add('admin', { key: 'demo-district', effectiveFrom: '2026-12-10', value: { sourceYear: 2026, bands: [{ fromAge: 85, monthlyAmount: 60 }, { fromAge: 90, monthlyAmount: 120 }] }, basis: '示例区关于调整高龄津贴起始年龄的通知', reason: '起始年龄调整为 85 周岁' });
    expect(raised.status).toBe(201);
    const refused = await apply('district-after-raise');
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.fields?.find((field) => field.field === 'elder.idNumber')?.message).toMatch(/85/);
  });

  it('lets only system admins add rows, and no one not signed in read them', async () => {
    for (const username of ['office.admin', 'clerk', 'approver']) {
      const refused = await add(username, raise);
      expect(refused.status, username).toBe(403);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('not_permitted');
    }
    expect((await add('nobody', raise)).status).toBe(401);
    expect((await as('nobody', STANDARDS)).status).toBe(401);
    expect((await add('admin', raise, '/staff/rules/no-such.table')).status).toBe(404);
    expect((await as('admin', '/staff/rules/no-such.table')).status).toBe(404);
  });

  it('answers a bad row next to each field, in the reader’s language, and saves nothing', async () => {
    const before = await runtime.database.db.selectFrom('rule_overrides').select('id').execute();
    const refused = await add('admin', { ...raise, key: 'nowhere', reason: 'x', value: { sourceYear: 2026, bands: [{ fromAge: 80, monthlyAmount: 50 }, { fromAge: 80, monthlyAmount: 60 }] } });
    expect(refused.status).toBe(422);
    // The body's own checks first (the reason): the table's (key, value) once the body is well formed.
    expect(((await refused.json()) as ErrorBody).error.fields).toEqual([{ field: 'reason', code: 'too_small', message: 'Say why you are changing it, in 2 to 500 characters' }]);
    const table = await add('admin', { ...raise, key: 'nowhere', value: { sourceYear: 2026, bands: [{ fromAge: 80, monthlyAmount: 50 }, { fromAge: 80, monthlyAmount: 60 }] } });
    expect(table.status).toBe(422);
    expect(((await table.json()) as ErrorBody).error.fields).toEqual([
      { field: 'key', code: 'invalid_value', message: 'Choose what it applies to from the list' },
      { field: 'value.bands', code: 'custom', message: 'Write one age band a line: the age it starts at and the monthly amount in yuan, like 80 50; each starting age once' },
    ]);
    expect(await runtime.database.db.selectFrom('rule_overrides').select('id').execute()).toHaveLength(before.length);
  });

  it('keeps the divorce withdrawal rules in a table of their own, keyed by registry and province', async () => {
    const path = '/staff/rules/marriage.withdrawal-rules';
    const added = await add('admin', { key: 'office:demo-county-registry', effectiveFrom: '2026-12-15', value: { mode: 'immediate' }, basis: '《示例省婚姻登记工作规范》第二十条', reason: '省厅新规定' }, path);
    expect(added.status).toBe(201);
    const view = (await added.json()) as TableView;
    expect(view.fields).toEqual([{ name: 'mode', control: 'select', options: [{ value: 'office-confirms', label: 'a request online, confirmed by the registry' }, { value: 'immediate', label: 'takes effect at once online' }] }]);
    expect(view.keys.find((key) => key.key === 'office:demo-county-registry')).toMatchObject({ label: 'Example County Marriage Registry', inForce: null, upcoming: [{ effectiveFrom: '2026-12-15', text: 'takes effect at once online' }] });
    const bad = await add('admin', { key: 'office:demo-county-registry', effectiveFrom: '2026-12-15', value: { mode: 'sometimes' }, basis: '某规定', reason: '试一下' }, path);
    expect(((await bad.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'value.mode', code: 'invalid_value' })]);
  });

  it('keeps the social relief standards in a table of their own: amounts in fen, said in yuan, a bad one answered with the service’s words', async () => {
    const path = '/staff/rules/social-relief.standards';
    const view = await table('clerk', path);
    expect(view).toMatchObject({ name: 'social-relief.standards', title: 'Social relief standards' });
    const district = view.keys.find((key) => key.key === 'demo-district');
    // On 10 December 2026 the raise of 1 July 2026 is in force.
    expect(district).toMatchObject({ label: 'Example District', inForce: { effectiveFrom: '2026-07-01', origin: 'source', value: { dibaoUrbanFen: 140_000, example: true } }, upcoming: [] });
    expect(district?.inForce?.text).toContain('dibao: town ¥1,400, countryside ¥1,250 (a person a month)');
    expect(district?.inForce?.text).toMatch(/\(example\)$/);
    const value = { ...(district?.inForce?.value ?? {}), sourceYear: 2027, example: false, dibaoUrbanFen: 145_000 };
    const added = await add('admin', { key: 'demo-district', effectiveFrom: '2027-07-01', value, basis: '示例区 2027 年调整低保标准的通知', reason: '按通知录入' }, path);
    expect(added.status).toBe(201);
    expect(((await added.json()) as TableView).keys.find((key) => key.key === 'demo-district')?.upcoming).toMatchObject([{ effectiveFrom: '2027-07-01', origin: 'override', value: { dibaoUrbanFen: 145_000 } }]);
    const bad = await add('admin', { key: 'demo-district', effectiveFrom: '2027-07-01', value: { ...value, dibaoRuralFen: -1, advanceCapFen: 12.5 }, basis: '某通知', reason: '试一下' }, path);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.fields).toEqual([
      { field: 'value.dibaoRuralFen', code: 'too_small', message: 'Dibao standard in the countryside (yuan a person a month) must be more than 0' },
      { field: 'value.advanceCapFen', code: 'invalid_type', message: 'Enter most emergency help granted at once (yuan) with at most 2 digits after the decimal point (fen)' },
    ]);
  });

  it('reaches another process when it refreshes (every minute in a server)', async () => {
    const other: Runtime = await bootstrap({ target: runtime.target, logger: silentLogger, contentCheckMs: 0, now: () => NOW });
    try {
      const inForce = () => other.rules.rows(ALLOWANCE_STANDARDS_TABLE).filter((row) => row.key === 'demo-county' && row.origin === 'override');
      expect(inForce()).toEqual([]);
      expect((await add('admin', { ...raise, key: 'demo-county', effectiveFrom: '2027-07-01', reason: '县里调整标准' })).status).toBe(201);
      // Not yet: the other process reads what it read at its start until its next refresh.
      expect(inForce()).toEqual([]);
      await other.rules.refresh();
      expect(inForce()).toEqual([expect.objectContaining({ effectiveFrom: '2027-07-01', changedBy: expect.any(String), changedByName: 'admin', reason: '县里调整标准' })]);
    } finally {
      await other.close();
    }
  });
});
