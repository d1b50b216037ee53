import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { ELDER_ID, ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface CaseWork {
  trackingNumber: string;
  state: string;
  version: number;
  revealed: boolean;
  mayReveal: boolean;
  answers: { label: string; value: string }[];
  timeline: { transition: string; actorRole: string | null; details: Record<string, string> }[];
  deadlines: { key: string; dueOn: string; status: string }[];
  actions: { name: string; fields: { name: string; control: string }[] }[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}


describe.each(DIALECTS)('the workbench case page on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => new Date(), lang: 'zh-CN' });
  const member = (username: string, roles: StaffRole[], offices = ['demo-district'], serviceAreas = ['allowances']) => staff.member(username, roles, { offices, serviceAreas });
  const as = staff.request;
  const open = async (username: string, trackingNumber: string) => (await (await as(username, `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
  const act = (username: string, trackingNumber: string, transition: string, version: number, input: Record<string, string | number> = {}, lang = 'zh-CN') =>
    as(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input }, lang });
  async function newCase(district = 'demo-district'): Promise<string> {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication(district)),
      headers: { 'content-type': 'application/json' },
    });
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  const auditActions = async () => (await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_id']).orderBy('seq').execute()).map((row) => row.action);
  const outboxOf = async (trackingNumber: string) => {
    const stored = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    return runtime.database.db.selectFrom('notification_outbox').select(['template', 'params_json']).where('case_id', '=', stored.id).orderBy('created_at').execute();
  };
  const progress = async (trackingNumber: string) =>
    (await (
      await runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: ELDER_PHONE }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.9.9.9' })
    ).json()) as { state: string; documentsRequested: string | null; timeline: { transition: string; details: Record<string, string> }[] };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await member('clerk', ['intake']);
    await member('reviewer', ['reviewer']);
    await member('approver', ['approver']);
    await member('admin', ['office-admin']);
    await member('county.clerk', ['intake'], ['demo-county']);
    await member('marriage.clerk', ['intake'], ['demo-district'], ['marriage']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('shows the case with personal values masked, the deadlines, and only the actions the member may take now, each with its fields', async () => {
    const trackingNumber = await newCase();
    const view = await open('clerk', trackingNumber);
    expect(view).toMatchObject({ trackingNumber, state: 'submitted', version: 1, revealed: false, mayReveal: true });
    const values = Object.fromEntries(view.answers.map((row) => [row.label, row.value]));
    expect(values['old-age-allowance:fields.elder.idNumber']).toBe(`${ELDER_ID.slice(0, 4)}**********${ELDER_ID.slice(-4)}`);
    expect(values['old-age-allowance:fields.elder.phone']).toBe('138****5678');
    expect(values['old-age-allowance:fields.bank.accountNumber']).toBe('**** 2333');
    expect(JSON.stringify(view)).not.toContain(ELDER_ID);
    expect(view.deadlines).toEqual([{ key: 'acceptance', startedOn: expect.any(String), dueOn: expect.any(String), status: 'on-time' }]);
    expect(view.actions).toEqual([
      { name: 'accept', fields: [] },
      { name: 'not-accept', fields: [{ name: 'reason', control: 'textarea' }] },
      { name: 'request-documents', fields: [{ name: 'documents', control: 'textarea' }] },
    ]);
    expect((await open('reviewer', trackingNumber)).actions.map((a) => a.name)).toEqual(['request-documents']);
    // An office admin administers; it does not read cases (docs/access-control.md).
    expect((await as('admin', `/staff/cases/${trackingNumber}`)).status).toBe(404);
  });

  it('shows whole values only to case-handling roles, and audits every look', async () => {
    const trackingNumber = await newCase();
    const before = (await auditActions()).length;
    await open('clerk', trackingNumber);
    const revealed = (await (await as('clerk', `/staff/cases/${trackingNumber}/reveal`, { method: 'POST' })).json()) as CaseWork;
    expect(revealed.revealed).toBe(true);
    expect(revealed.answers.find((row) => row.label === 'old-age-allowance:fields.elder.idNumber')?.value).toBe(ELDER_ID);
    expect((await as('admin', `/staff/cases/${trackingNumber}/reveal`, { method: 'POST' })).status).toBe(404);
    expect((await auditActions()).slice(before)).toEqual(['case.view', 'case.reveal']);
  });

  it('answers 404 to a member outside the case’s office or service area, as to an unknown number, and 401 without a session', async () => {
    const trackingNumber = await newCase();
    for (const outsider of ['county.clerk', 'marriage.clerk']) {
      expect((await as(outsider, `/staff/cases/${trackingNumber}`)).status).toBe(404);
      expect((await act(outsider, trackingNumber, 'accept', 1)).status).toBe(404);
    }
    expect((await as('clerk', '/staff/cases/2222-2222-222')).status).toBe(404);
    expect((await runtime.portal.app.request(`/api/v1/staff/cases/${trackingNumber}`)).status).toBe(401);
    expect((await open('clerk', trackingNumber)).state).toBe('submitted');
  });

  it('takes a case from submission to approval, notifying the applicant at every step with what was decided', async () => {
    const trackingNumber = await newCase();
    expect((await act('clerk', trackingNumber, 'accept', 1)).status).toBe(200);
    expect((await act('reviewer', trackingNumber, 'review', 2, { opinion: '经审核，符合申领条件，同意上报审批。' })).status).toBe(200);
    const approved = await act('approver', trackingNumber, 'approve', 3, { monthlyAmount: '300', firstMonth: '2027-01' });
    expect(approved.status).toBe(200);
    const view = (await approved.json()) as CaseWork;
    expect(view.state).toBe('approved');
    expect(view.actions).toEqual([]);
    expect(view.timeline.map((event) => [event.transition, event.actorRole])).toEqual([
      ['submit', null],
      ['accept', 'intake'],
      ['review', 'reviewer'],
      ['approve', 'approver'],
    ]);
    const outbox = await outboxOf(trackingNumber);
    // The approval finishes the case: with it, in the same moment, the invitation to rate it (docs/decisions/053).
    expect(outbox.map((row) => row.template).slice(0, 3)).toEqual(['case.submitted', 'case.accepted', 'case.reviewed']);
    expect(outbox.map((row) => row.template).slice(3).sort()).toEqual(['case.approved', 'case.ratingInvited']);
    expect(JSON.parse(outbox.find((row) => row.template === 'case.approved')?.params_json ?? '{}')).toEqual({ trackingNumber, monthlyAmount: '300', firstMonth: '2027-01' });
    const seen = await progress(trackingNumber);
    expect(seen.state).toBe('approved');
    expect(seen.timeline.at(-1)).toEqual({ at: expect.any(String), transition: 'approve', to: 'approved', details: { monthlyAmount: '300', firstMonth: '2027-01' } });
    expect(await auditActions()).toEqual(expect.arrayContaining(['case.accept', 'case.review', 'case.approve']));
  });

  it('explains a missing or bad field in the reader’s language, naming it, and changes nothing', async () => {
    const trackingNumber = await newCase();
    const refused = await act('clerk', trackingNumber, 'not-accept', 1, {}, 'en');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.fields).toEqual([{ field: 'reason', code: 'invalid_type', message: 'Enter the reason' }]);
    await act('clerk', trackingNumber, 'accept', 1);
    await act('reviewer', trackingNumber, 'review', 2, { opinion: '经审核，符合申领条件，同意上报审批。' });
    const badAmount = await act('approver', trackingNumber, 'approve', 3, { monthlyAmount: 'lots', firstMonth: '2027-13' });
    expect(badAmount.status).toBe(422);
    expect(((await badAmount.json()) as ErrorBody).error.fields?.map((f) => f.message)).toEqual(['每月金额应为 1 到 10000 之间的整数（元）', '起始发放月份的格式应为 年-月，例如 2027-01']);
    expect((await open('approver', trackingNumber)).state).toBe('reviewed');
  });

  it('refuses an action of another role (403), from another state or a stale page (409), and never answers 5xx to a bad body', async () => {
    const trackingNumber = await newCase();
    expect((await act('reviewer', trackingNumber, 'accept', 1)).status).toBe(403);
    expect((await act('clerk', trackingNumber, 'review', 1)).status).toBe(409);
    expect((await act('clerk', trackingNumber, 'accept', 7)).status).toBe(409);
    expect((await act('clerk', trackingNumber, 'no-such-action', 1)).status).toBe(403);
    for (const body of ['{', '[]', '{"transition": 5}', '{"transition":"accept","version":"1"}']) {
      const response = await runtime.portal.app.request(`http://localhost/api/v1/staff/cases/${trackingNumber}/transitions`, {
        method: 'POST',
        body,
        headers: { cookie: staff.cookie('clerk'), 'content-type': 'application/json' },
      });
      expect([400, 422], body).toContain(response.status);
    }
    expect((await open('clerk', trackingNumber)).state).toBe('submitted');
  });

  it('lets exactly one of two members acting at once from the same state succeed; the other is told the case changed', async () => {
    const trackingNumber = await newCase();
    const answers = await Promise.all([act('clerk', trackingNumber, 'accept', 1, {}, 'en'), act('clerk', trackingNumber, 'not-accept', 1, { reason: '材料不全，户籍不在本区' }, 'en')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409);
    expect(((await loser?.json()) as ErrorBody).error.message).toMatch(/reload/);
    expect((await open('clerk', trackingNumber)).timeline).toHaveLength(2);
  });

  it('pauses the clock while the applicant provides documents (补正), shows them what is asked, and resumes it', async () => {
    const trackingNumber = await newCase();
    await act('clerk', trackingNumber, 'accept', 1);
    const before = (await open('reviewer', trackingNumber)).deadlines.find((d) => d.key === 'decision');
    expect((await act('reviewer', trackingNumber, 'request-documents', 2, { documents: '老人本人的银行卡复印件' })).status).toBe(200);
    const paused = await open('clerk', trackingNumber);
    expect(paused.state).toBe('awaiting-documents');
    expect(paused.deadlines.find((d) => d.key === 'decision')?.status).toBe('paused');
    expect(paused.actions.map((a) => a.name)).toEqual(['provide-documents']);
    expect(await progress(trackingNumber)).toMatchObject({ state: 'awaiting-documents', documentsRequested: '老人本人的银行卡复印件' });
    expect((await act('clerk', trackingNumber, 'provide-documents', 3)).status).toBe(200);
    const resumed = await open('clerk', trackingNumber);
    expect(resumed.state).toBe('accepted');
    expect(resumed.deadlines.find((d) => d.key === 'decision')).toMatchObject({ status: 'on-time', dueOn: before?.dueOn });
    expect((await progress(trackingNumber)).documentsRequested).toBeNull();
    expect((await outboxOf(trackingNumber)).map((row) => row.template)).toEqual(['case.submitted', 'case.accepted', 'case.documentsRequested', 'case.documentsReceived']);
  });
});
