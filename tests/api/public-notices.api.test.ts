/**
 * Publication as an engine part (docs/decisions/045), on the test-only service: a transition that
 * `publishes` writes its public entry in its own transaction (and not when that transaction fails),
 * holding only what a notice shows; the board answers it masked, unlisted and uncached, and only
 * while it is up by the portal's clock; an objection is recorded once on the case by the system,
 * sealed, shown to its investigator and never to the applicant; bad input is refused with 4xx, an
 * objection after the period kindly, and too many from one client with 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseByTrackingNumber, saveTransition } from '../../api/db/cases.repo.ts';
import { stepToSave } from '../../api/cases/case-service.ts';
import { applyTransition } from '../../api/domain/workflow/workflow.ts';
import { serviceRegistry } from '../../api/services/registry.ts';
import { OBJECTIONS_PER_CLIENT } from '../../api/routes/notices.routes.ts';
import { ELDER_ID } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { draftWithProof } from '../support/test-service/proof.ts';
import { servicePackages, TEST_NOTICE_PLACE, TEST_SERVICE, testHouseholdPackage } from '../support/test-service/service.ts';

const PHONE = '13812340021';
const API = 'http://localhost/api/v1';
// Monday 7 December 2026, 10:00 in China: the notice runs to Monday 14 December.
const START = new Date('2026-12-07T02:00:00Z');
const DAY_MS = 86_400_000;

interface Entry {
  id: string;
  list: string;
  maskedName: string;
  householdSize: number;
  kind: string;
  amountFen: number | null;
  fromDay: string;
  toDay: string;
  objectionOpen: boolean;
}

describe.each(DIALECTS)('public notices and objections, on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = START;
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en' });
  const scope = { offices: ['demo-county'], serviceAreas: ['allowances'] };
  const request = (path: string, init: RequestInit = {}, clientAddress = '10.20.0.1') => runtime.portal.app.request(`${API}${path}`, init, { clientAddress });
  const board = async (list = 'notice', place = TEST_NOTICE_PLACE) => {
    const response = await request(`/notices/${place}?list=${list}`);
    expect(response.status).toBe(200);
    return { response, body: (await response.json()) as { today: string; entries: Entry[] } };
  };
  const object = (entry: string, body: unknown, clientAddress?: string) =>
    request(`/notices/entries/${entry}/objections`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'en' } }, clientAddress);
  const step = async (username: string, trackingNumber: string, transition: string, input: Record<string, unknown> = {}) => {
    const opened = (await (await staff.request(username, `/staff/cases/${trackingNumber}`)).json()) as { version: number };
    const response = await staff.request(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version: opened.version, input } });
    expect(response.status).toBe(200);
    return (await response.json()) as { state: string; timeline: { transition: string; actorRole: string | null; visibility: string; details: Record<string, string> }[] };
  };
  const entriesOfCase = async (trackingNumber: string) => {
    const stored = await findCaseByTrackingNumber(runtime.database.db, trackingNumber.replaceAll('-', ''));
    return runtime.database.db.selectFrom('public_entries').selectAll().where('case_id', '=', stored?.id ?? '').execute();
  };

  /** A case of the test service, accepted, as the named person (the applicant) with one more member. */
  async function accepted(name = '王大明'): Promise<string> {
    const draft = await draftWithProof(runtime.portal.app);
    const response = await runtime.portal.app.request(`${API}/services/${TEST_SERVICE}/applications`, {
      method: 'POST',
      body: JSON.stringify({ person: { name, idNumber: ELDER_ID, phone: PHONE }, household: [{ name: '王小红', relationship: 'child' }], declaration: true }),
      headers: { 'content-type': 'application/json', 'draft-reference': draft },
    });
    expect(response.status).toBe(201);
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    await step('county.intake', trackingNumber, 'accept');
    return trackingNumber;
  }

  async function underNotice(name?: string): Promise<{ trackingNumber: string; entry: Entry }> {
    const trackingNumber = await accepted(name);
    await step('county.investigator', trackingNumber, 'start-notice', { amountFen: '1234' });
    const [row] = await entriesOfCase(trackingNumber);
    const entry = (await board()).body.entries.find((candidate) => candidate.id === row?.id);
    if (!entry) throw new Error('the notice is not on the board');
    return { trackingNumber, entry };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { servicePackages, now: () => clock });
    await staff.member('county.intake', ['intake'], scope);
    await staff.member('county.investigator', ['investigator'], scope);
    await staff.member('county.approver', ['approver'], scope);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('writes the notice with the step: only the publishable facts, masked, for the notice period', async () => {
    const trackingNumber = await accepted('欧阳大明');
    expect(await entriesOfCase(trackingNumber)).toEqual([]);
    await step('county.investigator', trackingNumber, 'start-notice', { amountFen: '1234' });
    const rows = await entriesOfCase(trackingNumber);
    expect(rows).toHaveLength(1);
    const { id, case_id: _caseId, created_at: _createdAt, ...shown } = rows[0] ?? { id: '', case_id: '', created_at: '' };
    expect(shown).toEqual({ list: 'notice', place: TEST_NOTICE_PLACE, masked_name: '欧阳*', household_size: 2, kind: TEST_SERVICE, amount_fen: 123_400, from_day: '2026-12-07', to_day: '2026-12-14', objection: 'record-objection' });
    // Its public id is not the tracking number; nothing whole of the household is stored.
    expect(id).not.toContain(trackingNumber.replaceAll('-', ''));
    expect(JSON.stringify(rows)).not.toMatch(/大明|王小红|13812340021/);
    expect(JSON.stringify(rows)).not.toContain(ELDER_ID);

    const { response, body } = await board();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    expect(body.entries).toContainEqual({ id, list: 'notice', maskedName: '欧阳*', householdSize: 2, kind: TEST_SERVICE, amountFen: 123_400, fromDay: '2026-12-07', toDay: '2026-12-14', objectionOpen: true });
    // Another place's board does not list it.
    expect((await board('notice', 'heping-community')).body.entries.some((entry) => entry.id === id)).toBe(false);
  });

  it('writes nothing when the step’s transaction fails', async () => {
    const trackingNumber = await accepted();
    const stored = await findCaseByTrackingNumber(runtime.database.db, trackingNumber.replaceAll('-', ''));
    const service = serviceRegistry({ [TEST_SERVICE]: testHouseholdPackage.caseService }).get(TEST_SERVICE);
    if (!stored || !service) throw new Error('the case and its service exist');
    const outcome = applyTransition(service.workflow, stored.snapshot, 'start-notice', { kind: 'staff', staffId: 'x', roles: ['investigator'], offices: ['demo-county'], serviceAreas: ['allowances'] }, { amountFen: '1' }, { today: '2026-12-07', calendar: runtime.calendar });
    if (!outcome.ok) throw new Error(outcome.refusal.code);
    const change = stepToSave({ crypto: runtime.crypto, calendar: runtime.calendar }, service, stored, outcome.result, { kind: 'staff', id: null, role: 'investigator' }, { at: clock, origin: null });
    await expect(
      saveTransition(runtime.database.db, runtime.database.kind, change, () => {
        throw new Error('fails before the commit');
      }),
    ).rejects.toThrow('fails before the commit');
    expect(await entriesOfCase(trackingNumber)).toEqual([]);
    expect((await findCaseByTrackingNumber(runtime.database.db, stored.trackingNumber))?.snapshot.state).toBe('accepted');
  });

  it('records an objection once on the case, sealed, for the investigator to read and never the applicant', async () => {
    const { trackingNumber, entry } = await underNotice();
    const response = await object(entry.id, { text: '他家新买了一辆车', name: '李四', contact: '13900001234' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    expect(((await response.json()) as { entry: Entry }).entry).toMatchObject({ id: entry.id, maskedName: '王*' });

    const stored = await findCaseByTrackingNumber(runtime.database.db, trackingNumber.replaceAll('-', ''));
    const events = await runtime.database.db.selectFrom('case_events').selectAll().where('case_id', '=', stored?.id ?? '').where('transition', '=', 'record-objection').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_kind: 'system', visibility: 'internal', from_state: 'under-notice', to_state: 'under-notice' });
    // Encrypted at rest: none of it is readable in the event.
    expect(events[0]?.input_json).not.toMatch(/他家|李四|13900001234/);

    const view = (await (await staff.request('county.investigator', `/staff/cases/${trackingNumber}`)).json()) as { state: string; timeline: { transition: string; details: Record<string, string> }[] };
    expect(view.state).toBe('under-notice');
    expect(view.timeline.find((event) => event.transition === 'record-objection')?.details).toEqual({ text: '他家新买了一辆车', name: '李四', contact: '13900001234' });

    const progress = await (await request('/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: PHONE }), headers: { 'content-type': 'application/json' } })).text();
    expect(progress).toContain('start-notice');
    expect(progress).not.toContain('record-objection');
    expect(progress).not.toMatch(/他家|李四|13900001234/);
  });

  it('takes an objection without a name or contact', async () => {
    const { entry } = await underNotice();
    expect((await object(entry.id, { text: '情况不实' })).status).toBe(201);
  });

  it.each([
    ['no text', {}, 'text'],
    ['blank text', { text: '   ' }, 'text'],
    ['text too long', { text: 'x'.repeat(2001) }, 'text'],
    ['a hidden character in the name', { text: '情况不实', name: '李\u202e四' }, 'name'],
    ['a contact that is not text', { text: '情况不实', contact: 12 }, 'contact'],
  ])('refuses %s with 422 naming the field, and records nothing', async (_what, body, field) => {
    const { trackingNumber, entry } = await underNotice();
    const response = await object(entry.id, body);
    expect(response.status).toBe(422);
    const error = ((await response.json()) as { error: { code: string; fields: { field: string; message: string }[] } }).error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((problem) => problem.field)).toContain(field);
    const stored = await findCaseByTrackingNumber(runtime.database.db, trackingNumber.replaceAll('-', ''));
    expect(await runtime.database.db.selectFrom('case_events').select('id').where('case_id', '=', stored?.id ?? '').where('transition', '=', 'record-objection').execute()).toEqual([]);
  });

  it('answers a body that is not JSON with 400, an address that is no entry id with 422, and an unknown entry with 404', async () => {
    const { entry } = await underNotice();
    expect((await object(entry.id, '{"text":')).status).toBe(400);
    expect((await object('not-an-entry', { text: 'x' })).status).toBe(422);
    const unknown = await object('00000000-0000-4000-8000-000000000000', { text: 'x' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('notice_not_found');
    expect((await request('/notices/heping-community?list=everything')).status).toBe(422);
    expect((await request('/notices/Not%20A%20Place')).status).toBe(422);
  });

  it('takes the notice down when the case is approved, and announces the approval for 30 days, which takes no objection', async () => {
    const { trackingNumber, entry } = await underNotice();
    await step('county.approver', trackingNumber, 'approve', { amountFen: '1200' });
    expect((await board()).body.entries.some((candidate) => candidate.id === entry.id)).toBe(false);
    const rows = await entriesOfCase(trackingNumber);
    expect(rows.map((row) => [row.list, row.amount_fen, row.from_day, row.to_day, row.objection])).toEqual([['announcement', 120_000, '2026-12-07', '2027-01-05', null]]);
    const announced = (await board('announcement')).body.entries.find((candidate) => candidate.id === rows[0]?.id);
    expect(announced).toMatchObject({ maskedName: '王*', householdSize: 2, amountFen: 120_000, objectionOpen: false });
    expect((await object(rows[0]?.id ?? '', { text: '情况不实' })).status).toBe(404);
    // The old notice's address is no entry any more.
    expect((await object(entry.id, { text: '情况不实' })).status).toBe(404);
  });

  it('shows the notice to its last day only, and refuses an objection after it kindly, with that day', async () => {
    const { entry } = await underNotice();
    clock = new Date(Date.parse('2026-12-14T15:59:00Z'));
    expect((await board()).body.entries.some((candidate) => candidate.id === entry.id)).toBe(true);
    clock = new Date(Date.parse('2026-12-14T16:00:00Z'));
    expect((await board()).body.entries.some((candidate) => candidate.id === entry.id)).toBe(false);
    const late = await object(entry.id, { text: '情况不实' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'notice_ended', message: expect.stringContaining('14 December 2026') });
    clock = START;
  });

  it(`refuses more than ${OBJECTIONS_PER_CLIENT} objections an hour from one client with 429 and Retry-After, and not another client’s`, async () => {
    const { entry } = await underNotice();
    // Every objection that reaches the handler counts, found or not (a body the schema refuses never gets that far).
    for (let count = 0; count < OBJECTIONS_PER_CLIENT; count += 1) expect((await object('00000000-0000-4000-8000-000000000001', { text: '情况不实' }, '10.20.9.9')).status).toBe(404);
    const limited = await object(entry.id, { text: '情况不实' }, '10.20.9.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('too_many_objections');
    expect((await object(entry.id, { text: '情况不实' }, '10.20.9.10')).status).toBe(201);
    clock = new Date(START.getTime() + 2 * DAY_MS);
    expect((await object(entry.id, { text: '情况不实' }, '10.20.9.9')).status).toBe(201);
    clock = START;
  });
});
