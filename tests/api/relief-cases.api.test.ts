/**
 * A 低保 case through the statutory workflow on the engine parts (issue 14; docs/decisions/043–046),
 * in process: accepted and investigated (two investigators' visit, the household check sent to the
 * 核对 system as a signed hand-off with only the members' names and ID numbers, its answer recorded by
 * the system), an opinion with the amount the decision aid proposes, 公示 on the community's board
 * masked as the district sets it, an objection from the public form recorded sealed on the case and
 * shown to staff only, the file referred to the township (the demo district delegates the decision)
 * once the notice is over, approved, and announced (公布) while the notice comes down. Staff of
 * another office cannot open it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueHandoffs } from '../../api/engine/handoffs/handoffs.ts';
import { findCaseByTrackingNumber } from '../../api/db/cases.repo.ts';
import { HANDOFF_PAYLOAD_CONTEXT } from '../../api/engine/handoffs/queue.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { RELIEF_SERVICES, reliefApplication, reliefPeople } from '../support/relief-applications.ts';

const API = 'http://localhost/api/v1';
// Monday 7 December 2026, 10:00 in China.
const START = new Date('2026-12-07T02:00:00Z');
const DAY_MS = 86_400_000;

interface CaseView {
  state: string;
  version: number;
  actions: { name: string }[];
  decisionAid: { facts: { testId?: string }[]; proposals: Record<string, Record<string, string>> } | null;
  handoffs: { handoff: string; status: string; answer: Record<string, string> | null }[];
  timeline: { transition: string; actorRole: string | null; visibility: string; details: Record<string, string> }[];
}
interface Board {
  entries: { id: string; list: string; maskedName: string; householdSize: number; kind: string; amountFen: number | null; toDay: string }[];
}

describe.each(DIALECTS)('a 低保 case through notice to approval, on %s', (dialect) => {
  let runtime: TestRuntime;
  let clock = START;
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'zh-CN' });
  const scope = { offices: ['demo-district'], serviceAreas: ['relief'] };
  const request = (path: string, init: RequestInit = {}) => runtime.portal.app.request(`${API}${path}`, init, { clientAddress: '10.30.0.1' });
  const open = async (username: string, trackingNumber: string) => {
    const response = await staff.request(username, `/staff/cases/${trackingNumber}`);
    return { status: response.status, view: response.status === 200 ? ((await response.json()) as CaseView) : undefined };
  };
  const step = async (username: string, trackingNumber: string, transition: string, input: Record<string, unknown> = {}) => {
    const { view } = await open(username, trackingNumber);
    const response = await staff.request(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version: view?.version, input } });
    expect(response.status, `${transition}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as CaseView;
  };
  const board = async (list: 'notice' | 'announcement') => (await (await request(`/notices/heping-community?list=${list}`)).json()) as Board;

  beforeAll(async () => {
    runtime = await createTestRuntime(dialect, {
      now: () => clock,
      // The development receiver answers the check at once, through the portal's own app.
      handoffs: { fetch: async (input, init) => runtime.portal.app.request(String(input), init), random: () => 0.5, settings: { endpoints: {}, devReceiverMode: 'immediate', devReceiverDelayMs: 60_000 } },
    });
    for (const role of ['intake', 'investigator', 'reviewer', 'approver'] as const) await staff.member(`relief.${role}`, [role], scope);
    await staff.member('county.approver', ['approver'], { offices: ['demo-county'], serviceAreas: ['relief'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('is investigated with the 核对 hand-off, noticed, objected to, approved by the township and announced', async () => {
    const response = await request(`/services/${RELIEF_SERVICES.dibao}/applications`, { method: 'POST', body: JSON.stringify(reliefApplication('dibao', 7301)), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(201);
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    const { applicant, child } = reliefPeople(7301);

    // Staff of another office do not see it at all.
    expect((await open('county.approver', trackingNumber)).status).toBe(404);

    await step('relief.intake', trackingNumber, 'accept');
    await step('relief.investigator', trackingNumber, 'start-investigation');
    await step('relief.investigator', trackingNumber, 'record-home-visit', { firstInvestigator: '李明', secondInvestigator: '赵丽', findings: '家中两人，母亲灵活就业，孩子二级残疾，住房为租住。' });

    // The check goes to the 核对 system with the members' names and ID numbers only, and comes back recorded by the system.
    await step('relief.investigator', trackingNumber, 'request-household-check');
    const stored = await findCaseByTrackingNumber(runtime.database.db, trackingNumber.replaceAll('-', ''));
    const [sent] = await runtime.database.db.selectFrom('handoff_requests').selectAll().where('case_id', '=', stored?.id ?? '').execute();
    const payload = JSON.parse(runtime.crypto.decrypt(sent?.payload_enc ?? '', HANDOFF_PAYLOAD_CONTEXT)) as { values: Record<string, unknown>; lists: { members: Record<string, string>[] } };
    expect(payload.lists.members).toEqual([
      { relationship: 'self', name: applicant.name, idNumber: applicant.idNumber },
      { relationship: 'child', name: child.name, idNumber: child.idNumber },
    ]);
    expect(payload.values).toEqual({ district: 'demo-district', authorised: true });
    expect(JSON.stringify(payload)).not.toMatch(/wages|800|chronic|grade-2/);
    const report = await deliverDueHandoffs({ db: runtime.database.db, kind: runtime.database.kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => clock, services: runtime.portal.services, handoffs: runtime.portal.handoffs }, { workerId: 'test', origin: 'http://localhost' });
    expect(report.answered).toBe(1);
    let { view } = await open('relief.reviewer', trackingNumber);
    expect(view?.timeline.filter((event) => event.transition === 'record-household-check')).toEqual([expect.objectContaining({ actorRole: null, visibility: 'internal', details: expect.objectContaining({ result: 'within-limits' }) })]);

    // The aid proposes (1,400 × 2 − 1,100) = 1,700 a month; the opinion and the notice take it.
    expect(view?.decisionAid?.proposals['give-opinion']).toEqual({ amountFen: '1700' });
    await step('relief.reviewer', trackingNumber, 'give-opinion', { opinion: '入户调查和核对结果与申报一致，建议按标准差额给予低保。', amountFen: '1700' });
    await step('relief.reviewer', trackingNumber, 'start-notice', { amountFen: '1700' });

    // On the community's board: the name masked as the district sets it (张* style), the household's size, the amount.
    const notice = await board('notice');
    const entry = notice.entries.find((candidate) => candidate.kind === RELIEF_SERVICES.dibao);
    expect(entry).toMatchObject({ maskedName: '王*', householdSize: 2, amountFen: 170_000, toDay: '2026-12-14' });
    expect(JSON.stringify(notice)).not.toMatch(new RegExp(`${applicant.idNumber}|${applicant.phone}|秀兰|${child.name}`));

    // An objection from the public form: recorded by the system, sealed at rest, shown to staff.
    const objected = await request(`/notices/entries/${entry?.id}/objections`, { method: 'POST', body: JSON.stringify({ text: '听说她家开了小卖部，收入不止这些。', contact: '13900001111' }), headers: { 'content-type': 'application/json' } });
    expect(objected.status).toBe(201);
    ({ view } = await open('relief.reviewer', trackingNumber));
    expect(view?.timeline.at(-1)).toMatchObject({ transition: 'record-objection', actorRole: null, visibility: 'internal', details: { text: '听说她家开了小卖部，收入不止这些。', contact: '13900001111' } });
    const events = await runtime.database.db.selectFrom('case_events').select('input_json').where('case_id', '=', stored?.id ?? '').execute();
    expect(JSON.stringify(events)).not.toContain('小卖部');
    expect(JSON.stringify(events)).not.toContain('入户调查和核对结果');

    // Not before the notice is over; then the demo district's township decides.
    expect(view?.actions.map((action) => action.name)).not.toContain('refer-to-township');
    clock = new Date(START.getTime() + 8 * DAY_MS);
    // Sessions do not last a week.
    for (const username of ['relief.reviewer', 'relief.approver']) await staff.signIn(username);
    ({ view } = await open('relief.reviewer', trackingNumber));
    expect(view?.actions.map((action) => action.name)).toEqual(expect.arrayContaining(['refer-to-township']));
    expect(view?.actions.map((action) => action.name)).not.toContain('refer-to-county');
    await step('relief.reviewer', trackingNumber, 'refer-to-township');
    const approved = await step('relief.approver', trackingNumber, 'approve', { amountFen: '1700', firstMonth: '2027-01', reason: '经调查、核对和公示，家庭人均收入低于当地低保标准，财产符合规定。' });
    expect(approved.state).toBe('approved');

    // Announced (公布) with the amount approved; the notice is down.
    expect((await board('notice')).entries.filter((candidate) => candidate.kind === RELIEF_SERVICES.dibao)).toEqual([]);
    expect((await board('announcement')).entries).toEqual([expect.objectContaining({ list: 'announcement', maskedName: '王*', householdSize: 2, amountFen: 170_000 })]);
  });
});
