/**
 * Deciding a 高龄津贴 case on the workbench, through the API: the case view gives the approver the
 * elder's age on the decision day, the district's standard for the first month paid and the
 * approval it proposes (which the approver may still change); the reviewer's 审核通过 carries a
 * required opinion, kept on the case for staff and never shown to the applicant or texted. On a
 * fixed day (10 December 2026), so the ages and standards are the same whenever the suite runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface CaseWork {
  state: string;
  version: number;
  timeline: { transition: string; details: Record<string, string> }[];
  decisionAid: unknown;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

/** 10:00 on 10 December 2026 in China. */
const NOW = new Date('2026-12-10T02:00:00Z');
const OPINION = '经审核，老人户籍和年龄属实，发放账户为本人账户，符合申领条件，同意上报审批。';

describe.each(DIALECTS)('deciding a 高龄津贴 case on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => NOW, lang: 'zh-CN', serviceAreas: ['allowances'] });
  const member = (username: string, roles: StaffRole[], offices: string[]) => staff.member(username, roles, { offices });
  const as = staff.request;
  const open = async (username: string, trackingNumber: string) => (await (await as(username, `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
  const act = (username: string, trackingNumber: string, transition: string, input: Record<string, string | number> = {}, lang = 'zh-CN') =>
    open(username, trackingNumber).then(({ version }) => as(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input }, lang }));
  async function reviewedCase(district: 'demo-district' | 'demo-county'): Promise<string> {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication(district)),
      headers: { 'content-type': 'application/json' },
    });
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    const clerk = district === 'demo-district' ? 'clerk' : 'county.clerk';
    const reviewer = district === 'demo-district' ? 'reviewer' : 'county.reviewer';
    expect((await act(clerk, trackingNumber, 'accept')).status).toBe(200);
    expect((await act(reviewer, trackingNumber, 'review', { opinion: OPINION })).status).toBe(200);
    return trackingNumber;
  }
  const progress = async (trackingNumber: string) =>
    (await (
      await runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: ELDER_PHONE }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.9.9.8' })
    ).json()) as { timeline: { transition: string; details: Record<string, string> }[] };
  const outboxOf = async (trackingNumber: string) => {
    const stored = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    return runtime.database.db.selectFrom('notification_outbox').select(['template', 'params_json']).where('case_id', '=', stored.id).orderBy('created_at').execute();
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => NOW });
    await member('clerk', ['intake'], ['demo-district']);
    await member('reviewer', ['reviewer'], ['demo-district']);
    await member('approver', ['approver'], ['demo-district']);
    await member('county.clerk', ['intake'], ['demo-county']);
    await member('county.reviewer', ['reviewer'], ['demo-county']);
    await member('county.approver', ['approver'], ['demo-county']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('gives the approver the elder’s age on the day, the district’s standard for the first month paid, and the approval it proposes', async () => {
    // Born 1 March 1940: 86 on 10 December 2026; paid from January 2027, when the district's raised standard applies.
    const trackingNumber = await reviewedCase('demo-district');
    const view = await open('approver', trackingNumber);
    const district = { key: 'old-age-allowance:application.district.demo-district' };
    expect(view.decisionAid).toEqual({
      on: '2026-12-10',
      lead: { key: 'old-age-allowance:aid.lead', values: { district, date: { date: '2026-12-10' } } },
      facts: [
        { label: { key: 'old-age-allowance:aid.age' }, value: { key: 'old-age-allowance:aid.ageValue', values: { age: 86 } }, testId: 'aid-age' },
        { label: { key: 'old-age-allowance:aid.proposal' }, value: { key: 'old-age-allowance:aid.proposalValue', values: { amount: '60', month: { month: '2027-01' } } }, testId: 'aid-proposal' },
      ],
      tables: [
        {
          testId: 'aid-standard',
          caption: { key: 'old-age-allowance:aid.caption', values: { district, from: { date: '2027-01-01' } } },
          example: true,
          head: [{ key: 'old-age-allowance:aid.ageBand' }, { key: 'old-age-allowance:aid.monthlyAmount' }],
          rows: [
            { header: { key: 'old-age-allowance:aid.band', values: { from: 80, to: 89 } }, cells: [{ key: 'old-age-allowance:aid.amount', values: { amount: 60 } }], current: { key: 'old-age-allowance:aid.thisBand' } },
            { header: { key: 'old-age-allowance:aid.band', values: { from: 90, to: 99 } }, cells: [{ key: 'old-age-allowance:aid.amount', values: { amount: 120 } }] },
            { header: { key: 'old-age-allowance:aid.bandLast', values: { from: 100 } }, cells: [{ key: 'old-age-allowance:aid.amount', values: { amount: 600 } }] },
          ],
        },
      ],
      notes: [{ key: 'workbench.aid.example', values: { year: 2026 } }],
      proposals: { approve: { monthlyAmount: '60', firstMonth: '2027-01' } },
      hints: {
        approve: {
          monthlyAmount: { key: 'old-age-allowance:aid.hint.monthlyAmount', values: { district, age: 86, amount: '60' } },
          firstMonth: { key: 'old-age-allowance:aid.hint.firstMonth' },
        },
      },
    });
  });

  it('follows the district the elder applied in (a county with bands from 70)', async () => {
    const view = await open('county.approver', await reviewedCase('demo-county'));
    expect(view.decisionAid).toMatchObject({
      facts: [{ value: { values: { age: 86 } } }, {}],
      tables: [{ caption: { values: { district: { key: 'old-age-allowance:application.district.demo-county' }, from: { date: '2025-01-01' } } } }],
      notes: [{ values: { year: 2024 } }],
      proposals: { approve: { monthlyAmount: '50', firstMonth: '2027-01' } },
    });
    // The county's bands start at 70: the elder's is the second, 80 and over.
    const rows = (view.decisionAid as { tables: { rows: { header: { values: { from: number } }; current?: unknown }[] }[] }).tables[0]?.rows ?? [];
    expect(rows.filter((row) => row.current).map((row) => row.header.values.from)).toEqual([80]);
    expect(rows[0]?.header.values.from).toBe(70);
  });

  it('lets the approver decide otherwise than proposed, records what was decided, and proposes nothing once the case is decided', async () => {
    const trackingNumber = await reviewedCase('demo-district');
    const approved = await act('approver', trackingNumber, 'approve', { monthlyAmount: '75', firstMonth: '2027-02' });
    expect(approved.status).toBe(200);
    const view = (await approved.json()) as CaseWork;
    expect(view.state).toBe('approved');
    expect(view.timeline.at(-1)).toMatchObject({ transition: 'approve', details: { monthlyAmount: '75', firstMonth: '2027-02' } });
    expect(view.decisionAid).toBeNull();
  });

  it('asks the reviewer for an opinion, in the reader’s language, and changes nothing without one', async () => {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication()),
      headers: { 'content-type': 'application/json' },
    });
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    await act('clerk', trackingNumber, 'accept');
    const missing = await act('reviewer', trackingNumber, 'review', {});
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'opinion', message: '请填写审核意见' })]);
    const blank = await act('reviewer', trackingNumber, 'review', { opinion: '  ' }, 'en');
    expect(blank.status).toBe(422);
    expect(((await blank.json()) as ErrorBody).error.fields?.map((field) => field.message)).toEqual(['The review opinion must be at least 2 characters']);
    expect((await open('reviewer', trackingNumber)).state).toBe('accepted');
  });

  it('keeps the opinion on the case’s timeline for staff, and out of the applicant’s status page and text', async () => {
    const trackingNumber = await reviewedCase('demo-district');
    const review = (await open('approver', trackingNumber)).timeline.find((event) => event.transition === 'review');
    expect(review?.details).toEqual({ opinion: OPINION });
    const seen = (await progress(trackingNumber)).timeline.find((event) => event.transition === 'review');
    expect(seen).toBeDefined();
    expect(seen?.details).toEqual({});
    const reviewed = (await outboxOf(trackingNumber)).find((row) => row.template === 'case.reviewed');
    expect(JSON.parse(reviewed?.params_json ?? '{}')).toEqual({ trackingNumber });
  });
});
