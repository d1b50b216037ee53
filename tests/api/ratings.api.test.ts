/**
 * 好差评 through the API (docs/decisions/053): a finished case invites its applicant by text and is
 * rated once (a second rating is 409, on both databases: the unique key decides); a bad rating opens
 * a follow-up due 5 working days later for the case's office; its clerks list and read it (the
 * comment's look audited) and answer once (audited, the applicant texted); the applicant reads the
 * answer and says once whether it was resolved; a follow-up past its day is overdue; a content
 * editor has no follow-ups, another office's clerk is answered 404; the public sees the counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../api/domain/calendar/working-days.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** Thursday 10 December 2026, 10:00 in China. */
const START = new Date('2026-12-10T02:00:00Z');
const API = 'http://localhost/api/v1';

interface Progress {
  state: string;
  lookupToken: string;
  rating: {
    open: boolean;
    given: { level: string; reasons: string[] } | null;
    followUp: { dueOn: string; reply: string | null; resolution: string | null } | null;
  };
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; message: string }[] };
}
interface FollowUp {
  id: string;
  trackingNumber: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  dueSoon: boolean;
  comment?: string | null;
  repliedBy?: string | null;
  reply?: string | null;
}

describe.each(DIALECTS)('ratings on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => START, lang: 'en', serviceAreas: ['allowances'] });
  const member = (username: string, roles: StaffRole[], offices = ['demo-district']) => staff.member(username, roles, { offices });
  const post = (path: string, body: unknown, clientAddress = '10.30.0.1') =>
    runtime.portal.app.request(`${API}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'accept-language': 'en' } }, { clientAddress });
  const key = (trackingNumber: string) => ({ trackingNumber, secondFactor: ELDER_PHONE });
  const track = async (trackingNumber: string) => (await (await post('/track', key(trackingNumber))).json()) as Progress;

  async function submitted(): Promise<string> {
    const response = await post('/services/old-age-allowance/applications', oldAgeAllowanceApplication('demo-district'));
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  /** A case finished by not being accepted: a decision that stands, in one step. */
  async function finished(): Promise<string> {
    const trackingNumber = await submitted();
    const { version } = (await (await staff.request('clerk', `/staff/cases/${trackingNumber}`)).json()) as { version: number };
    const response = await staff.request('clerk', `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition: 'not-accept', version, input: { reason: '申请人户籍不在本区，请向户籍所在地申请。' } } });
    expect(response.status).toBe(200);
    return trackingNumber;
  }
  const caseId = async (trackingNumber: string) => (await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow()).id;
  const templates = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('notification_outbox').select('template').where('case_id', '=', await caseId(trackingNumber)).orderBy('created_at').execute()).map((row) => row.template);
  const audited = async (trackingNumber: string, action: string) =>
    runtime.database.db.selectFrom('audit_log').select(['actor_id', 'details_json']).where('record_id', '=', await caseId(trackingNumber)).where('action', '=', action).execute();
  const followUps = async (username: string) => {
    const response = await staff.request(username, '/staff/follow-ups');
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: FollowUp[] }).items;
  };
  const badRating = { level: 'very-dissatisfied', reasons: ['slow', 'other'], comment: '等了很久，电话 13900001111 没人接。' };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => START });
    await member('clerk', ['intake']);
    await member('approver', ['approver']);
    await member('editor', ['content-editor']);
    await member('county.clerk', ['intake'], ['demo-county']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('invites the applicant once the case is finished, takes one rating, and refuses a second with 409', async () => {
    const pending = await submitted();
    expect((await track(pending)).rating.open).toBe(false);
    const early = await post('/track/rating', { ...key(pending), level: 'satisfied' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as ErrorBody).error.code).toBe('not_rateable');

    const trackingNumber = await finished();
    // Sent with the step that finished it (the same moment: order aside).
    expect((await templates(trackingNumber)).sort()).toEqual(['case.notAccepted', 'case.ratingInvited', 'case.submitted']);
    expect((await track(trackingNumber)).rating).toEqual({ open: true, given: null, followUp: null });

    const rated = await post('/track/rating', { ...key(trackingNumber), level: 'satisfied', reasons: ['quick', 'told-once'] });
    expect(rated.status).toBe(201);
    const body = (await rated.json()) as Progress;
    expect(body.rating).toMatchObject({ open: false, given: { level: 'satisfied', reasons: ['quick', 'told-once'] }, followUp: null });
    expect(body.lookupToken).not.toBe('');

    const again = await post('/track/rating', { ...key(trackingNumber), level: 'very-satisfied' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.code).toBe('already_rated');
    // Two at once: the database keeps one.
    const other = await finished();
    const both = await Promise.all([post('/track/rating', { ...key(other), level: 'satisfied' }, '10.30.0.2'), post('/track/rating', { ...key(other), level: 'dissatisfied', reasons: ['slow'] }, '10.30.0.3')]);
    expect(both.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await runtime.database.db.selectFrom('ratings').select('id').where('case_id', '=', await caseId(other)).execute()).toHaveLength(1);
  });

  it('says what is wrong with a rating on its field, and a wrong second factor is 404', async () => {
    const trackingNumber = await finished();
    const noReason = await post('/track/rating', { ...key(trackingNumber), level: 'dissatisfied' });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ErrorBody).error.fields).toEqual([{ field: 'reasons', code: 'custom', message: 'Choose at least one reason you are dissatisfied' }]);
    const wrongGroup = await post('/track/rating', { ...key(trackingNumber), level: 'satisfied', reasons: ['slow'] });
    expect(((await wrongGroup.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['reasons']);
    const otherAlone = await post('/track/rating', { ...key(trackingNumber), level: 'satisfied', reasons: ['other'] });
    expect(((await otherAlone.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['comment']);
    const noLevel = await post('/track/rating', key(trackingNumber));
    expect(((await noLevel.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['level']);
    expect((await post('/track/rating', { trackingNumber, secondFactor: '13800000000', level: 'satisfied' })).status).toBe(404);
    expect((await track(trackingNumber)).rating.open).toBe(true);
  });

  it('opens a follow-up for a bad rating, due in 5 working days; the office answers once, the applicant reads it and says once whether it was resolved', async () => {
    const trackingNumber = await finished();
    const rated = await post('/track/rating', { ...key(trackingNumber), ...badRating });
    expect(rated.status).toBe(201);
    const dueOn = addWorkingDays(runtime.calendar, '2026-12-10', 5);
    expect(dueOn).toBe('2026-12-17');
    expect(((await rated.json()) as Progress).rating.followUp).toEqual({ dueOn, reply: null, repliedAt: null, resolution: null });
    // The comment is stored encrypted.
    const stored = await runtime.database.db.selectFrom('ratings').select('comment_enc').where('case_id', '=', await caseId(trackingNumber)).executeTakeFirstOrThrow();
    expect(stored.comment_enc).not.toContain('13900001111');

    const listed = (await followUps('clerk')).find((item) => item.trackingNumber === trackingNumber);
    // Five working days ahead: not due soon yet (three working days).
    expect(listed).toMatchObject({ dueOn, status: 'open', overdue: false, dueSoon: false });
    const id = listed?.id ?? '';
    // Not resolvable before the office answers.
    expect((await post('/track/rating/resolution', { ...key(trackingNumber), resolution: 'resolved' })).status).toBe(409);

    const opened = await staff.request('clerk', `/staff/follow-ups/${id}`);
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as FollowUp).comment).toBe(badRating.comment);
    expect(await audited(trackingNumber, 'rating.comment.view')).toHaveLength(1);

    const short = await staff.request('clerk', `/staff/follow-ups/${id}/reply`, { method: 'POST', body: { reply: '已处理' } });
    expect(short.status).toBe(422);
    const reply = '经核实，受理窗口当日电话线路故障，已修复并安排专人接听咨询电话。';
    const replied = await staff.request('clerk', `/staff/follow-ups/${id}/reply`, { method: 'POST', body: { reply } });
    expect(replied.status).toBe(200);
    // Who answered is named (the staff member's name), and an answer is never due.
    expect((await replied.json()) as FollowUp).toMatchObject({ status: 'replied', reply, repliedBy: 'clerk', dueSoon: false });
    expect(await audited(trackingNumber, 'rating.reply')).toHaveLength(1);
    expect(await templates(trackingNumber)).toContain('case.ratingReplied');
    const twice = await staff.request('clerk', `/staff/follow-ups/${id}/reply`, { method: 'POST', body: { reply } });
    expect(twice.status).toBe(409);

    expect((await track(trackingNumber)).rating.followUp).toMatchObject({ reply, resolution: null });
    const bad = await post('/track/rating/resolution', { ...key(trackingNumber), resolution: 'maybe' });
    expect(bad.status).toBe(422);
    const resolved = await post('/track/rating/resolution', { ...key(trackingNumber), resolution: 'resolved' });
    expect(resolved.status).toBe(200);
    expect(((await resolved.json()) as Progress).rating.followUp?.resolution).toBe('resolved');
    expect((await post('/track/rating/resolution', { ...key(trackingNumber), resolution: 'not-resolved' })).status).toBe(409);
    expect((await followUps('clerk')).find((item) => item.id === id)?.status).toBe('resolved');
  });

  it('shows a follow-up not answered after its day as overdue', async () => {
    const trackingNumber = await finished();
    expect((await post('/track/rating', { ...key(trackingNumber), level: 'dissatisfied', reasons: ['several-trips'] })).status).toBe(201);
    expect((await followUps('clerk')).find((item) => item.trackingNumber === trackingNumber)).toMatchObject({ dueOn: '2026-12-17', status: 'open', overdue: false });
    // Rated eight days ago (staff sessions would lapse if the clock moved): due yesterday, not answered.
    const id = await caseId(trackingNumber);
    await runtime.database.db.updateTable('rating_follow_ups').set({ opened_on: '2026-12-02', due_on: '2026-12-09' }).where('case_id', '=', id).execute();
    expect((await followUps('clerk')).find((item) => item.trackingNumber === trackingNumber)).toMatchObject({ status: 'overdue', overdue: true, dueSoon: false });
    expect((await followUps('clerk'))[0]?.trackingNumber).toBe(trackingNumber);
    await runtime.database.db.updateTable('rating_follow_ups').set({ due_on: '2026-12-10' }).where('case_id', '=', id).execute();
    expect((await followUps('clerk')).find((item) => item.trackingNumber === trackingNumber)).toMatchObject({ status: 'open', overdue: false, dueSoon: true });
  });

  it('keeps follow-ups from a content editor (403) and another office’s clerk (404)', async () => {
    const trackingNumber = await finished();
    await post('/track/rating', { ...key(trackingNumber), level: 'dissatisfied', reasons: ['slow'] });
    const id = (await followUps('clerk')).find((item) => item.trackingNumber === trackingNumber)?.id ?? '';
    expect(id).not.toBe('');
    expect((await staff.request('editor', '/staff/follow-ups')).status).toBe(403);
    expect((await staff.request('editor', `/staff/follow-ups/${id}`)).status).toBe(403);
    expect((await staff.request('editor', '/staff/ratings')).status).toBe(403);
    expect((await followUps('county.clerk')).map((item) => item.id)).not.toContain(id);
    expect((await staff.request('county.clerk', `/staff/follow-ups/${id}`)).status).toBe(404);
    expect((await staff.request('county.clerk', `/staff/follow-ups/${id}/reply`, { method: 'POST', body: { reply: '这是另一个单位的答复，不应被接受。' } })).status).toBe(404);
    expect(await audited(trackingNumber, 'rating.comment.view')).toHaveLength(0);
    expect((await runtime.portal.app.request(`${API}/staff/follow-ups`)).status).toBe(401);
  });

  it('counts ratings per office and service for staff, and per service for the public', async () => {
    const response = await runtime.portal.app.request(`${API}/ratings`);
    expect(response.status).toBe(200);
    const { services } = (await response.json()) as { services: { service: string; total: number; counts: Record<string, number>; satisfactionRate: number | null }[] };
    const allowance = services.find((row) => row.service === 'old-age-allowance');
    const counted = await runtime.database.db.selectFrom('ratings').select('level').where('service', '=', 'old-age-allowance').execute();
    const good = counted.filter((row) => !['dissatisfied', 'very-dissatisfied'].includes(row.level)).length;
    expect(allowance).toMatchObject({ total: counted.length, satisfactionRate: good / counted.length });
    expect(Object.values(allowance?.counts ?? {}).reduce((sum, count) => sum + count, 0)).toBe(counted.length);
    expect(services.find((row) => row.service === 'marriage-appointment')).toMatchObject({ total: 0, satisfactionRate: null });

    const summary = await staff.request('approver', '/staff/ratings');
    expect(summary.status).toBe(200);
    const { rows } = (await summary.json()) as { rows: { service: string; office: string; total: number; followUps: { total: number; overdue: number } }[] };
    expect(rows).toEqual([expect.objectContaining({ service: 'old-age-allowance', office: 'demo-district', total: counted.length })]);
    const county = (await (await staff.request('county.clerk', '/staff/ratings')).json()) as { rows: unknown[] };
    expect(county.rows).toEqual([]);
  });
});
