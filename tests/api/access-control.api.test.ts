/**
 * Least privilege, cell by cell: docs/access-control.md's table of roles × requests is read from the
 * document and every cell is asked of the API, as a member of that role (offices demo-district,
 * every service area, like the demo accounts), on SQLite and PostgreSQL. Then what the table cannot
 * say: a system admin's break glass (a reason, read-only, audited, shown on the case, expiring), and
 * members outside the office.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../../api/domain/staff/staff.ts';
import { acceptUpload } from '../../api/engine/files/files.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { marriageAppointment, ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { phoneProof, withPhoneProofs } from '../support/phone-proofs.ts';
import { personId } from '../support/applications.ts';
import { PROJECT_ROOT } from '../support/portal-process.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PASSWORD = 'a long enough password';
const AREAS = ['allowances', 'marriage', 'relief', 'funeral'];
/** A notice to write (docs/decisions/056): who may write and publish one. */
const ACCESS_NOTICE = { 'zh-CN': { title: '测试谁可以发布通知', body: '测试。', publisher: '示例市民政局' }, en: null, date: '2026-12-10', indexNumber: null, office: null, service: null, example: true };

/** The table between the markers of docs/access-control.md: request → role → status. */
function accessTable(): { request: string; statuses: Record<StaffRole, number> }[] {
  const text = readFileSync(join(PROJECT_ROOT, 'docs/access-control.md'), 'utf8');
  const table = /<!-- access-table: start -->\n([\s\S]*?)\n<!-- access-table: end -->/.exec(text)?.[1];
  if (!table) throw new Error('docs/access-control.md has no access table');
  const [header = '', , ...rows] = table.split('\n');
  const roles = header.split('|').slice(2, -1).map((cell) => cell.trim() as StaffRole);
  expect([...roles].sort()).toEqual([...STAFF_ROLES].sort());
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const request = /`([^`]+)`/.exec(cells[0] ?? '')?.[1] ?? '';
    return { request, statuses: Object.fromEntries(roles.map((role, index) => [role, Number(cells[index + 1])])) as Record<StaffRole, number> };
  });
}

interface CaseWork {
  version: number;
  actions: unknown[];
  breakGlass: { reason: string; expiresAt: string } | null;
  access: { action: string; actorRole: string | null; reason: string | null }[];
}

describe.each(DIALECTS)('who may see and do what on the workbench, on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date();
  const cookies = new Map<string, string>();

  async function member(username: string, roles: StaffRole[], offices = ['demo-district']) {
    await createStaff({ db: runtime.database.db, kind, now: () => clock }, { username, displayName: `Member ${username}`, password: PASSWORD, roles, offices, serviceAreas: AREAS });
    await signIn(username);
  }
  async function signIn(username: string) {
    const response = await runtime.portal.app.request('http://localhost/api/v1/staff/session', {
      method: 'POST',
      body: JSON.stringify({ username, password: PASSWORD }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status, `${username} signs in`).toBe(200);
    cookies.set(username, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  }
  const call = async (username: string | undefined, method: string, path: string, body?: unknown): Promise<Response> =>
    runtime.portal.app.request(`http://localhost/api/v1${path}`, {
      method,
      headers: { cookie: username ? (cookies.get(username) ?? '') : '', 'content-type': 'application/json', 'accept-language': 'en' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function allowanceCase(): Promise<string> {
    const response = await call(undefined, 'POST', '/services/old-age-allowance/applications', oldAgeAllowanceApplication());
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  let people = 3000;
  async function marriageCase(): Promise<{ trackingNumber: string; date: string }> {
    const tomorrow = new Date(clock.getTime() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const calendar = (await (await call(undefined, 'GET', `/marriage/offices/demo-district-registry/calendar?kind=marriage&from=${tomorrow}&days=31`)).json()) as { days: { date: string; state: string }[] };
    const date = calendar.days.find((day) => day.state === 'available')?.date ?? '';
    const slots = (await (await call(undefined, 'GET', `/marriage/offices/demo-district-registry/slots?kind=marriage&date=${date}`)).json()) as { slots: { start: string; placesLeft: number }[] };
    const start = slots.slots.find((slot) => slot.placesLeft > 0)?.start ?? '';
    people += 1;
    const response = await call(undefined, 'POST', '/marriage/appointments', await withPhoneProofs(runtime.portal.app, marriageAppointment(people, { office: 'demo-district-registry', date, start }), () => clock));
    expect(response.status).toBe(201);
    return { trackingNumber: ((await response.json()) as { trackingNumber: string }).trackingNumber, date };
  }

  /** An allowance case not accepted (finished), rated badly by its applicant: its follow-up's id (docs/decisions/053). */
  async function followUp(): Promise<string> {
    const trackingNumber = await allowanceCase();
    const { version } = (await (await call('intake', 'GET', `/staff/cases/${trackingNumber}`)).json()) as { version: number };
    expect((await call('intake', 'POST', `/staff/cases/${trackingNumber}/transitions`, { transition: 'not-accept', version, input: { reason: '不符合申领条件，详见告知书。' } })).status).toBe(200);
    expect((await call(undefined, 'POST', '/track/rating', { trackingNumber, secondFactor: ELDER_PHONE, level: 'dissatisfied', reasons: ['slow'] })).status).toBe(201);
    const { id } = await runtime.database.db.selectFrom('rating_follow_ups as f').innerJoin('cases as c', 'c.id', 'f.case_id').select('f.id').where('c.tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    return id;
  }

  /**
   * A funeral booking the portal could not decide (a 优抚 claim, registered elsewhere), its proof sent
   * by the family (docs/decisions/075): a transport request only, so that it takes no place.
   */
  let claims = 0;
  async function claimWithProof(): Promise<string> {
    claims += 1;
    const day = (offset: number) => new Date(clock.getTime() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const phone = '13900006363';
    const booked = await runtime.portal.app.request(
      'http://localhost/api/v1/funeral/bookings',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          home: 'demo-district-funeral-home',
          deceased: { name: '钱立新', idNumber: personId(6300 + claims, 'male', '19400101', '320102'), diedOn: day(-1), placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: 'B220123456' } },
          contact: { name: '钱红', relationship: 'child', phone },
          phoneProof: await phoneProof(runtime.portal.app, phone, () => clock),
          registeredHere: false,
          claims: { relief: false, youfu: true },
          transport: { date: day(1), from: '09:00', to: '11:00', address: '示例区幸福路 63 号' },
        }),
      },
      { clientAddress: `10.63.${Math.floor(claims / 200)}.${claims % 200}` },
    );
    expect(booked.status).toBe(201);
    const { trackingNumber } = (await booked.json()) as { trackingNumber: string };
    const form = new FormData();
    form.set('trackingNumber', trackingNumber);
    form.set('secondFactor', phone);
    form.set('ground', 'youfu');
    form.append('files', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'proof.pdf');
    const sent = await runtime.portal.app.request('http://localhost/api/v1/funeral/exemption-claims', { method: 'POST', body: form, headers: { origin: 'http://localhost' } }, { clientAddress: `10.64.${Math.floor(claims / 200)}.${claims % 200}` });
    expect(sent.status).toBe(200);
    return trackingNumber;
  }

  /** Each request of the table, made fresh for each cell (a step changes its case). */
  const REQUESTS: Record<string, (username: string) => Promise<Response>> = {
    'GET /staff/me': (u) => call(u, 'GET', '/staff/me'),
    'GET /staff/cases': (u) => call(u, 'GET', '/staff/cases'),
    'GET /staff/cases/{allowance case}': async (u) => call(u, 'GET', `/staff/cases/${await allowanceCase()}`),
    'POST /staff/cases/{allowance case}/reveal': async (u) => call(u, 'POST', `/staff/cases/${await allowanceCase()}/reveal`),
    'GET /staff/cases/{allowance case}/files/{file}': async (u) => {
      const trackingNumber = await allowanceCase();
      const { id } = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
      const file = await acceptUpload({ db: runtime.database.db, kind, crypto: runtime.crypto, ...runtime.files, now: () => clock }, { owner: { kind: 'case', id }, purpose: 'proof', name: 'proof.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
      return call(u, 'GET', `/staff/cases/${trackingNumber}/files/${file.ok ? file.file.id : 'refused'}`);
    },
    'POST /staff/cases/{allowance case}/transitions': async (u) => call(u, 'POST', `/staff/cases/${await allowanceCase()}/transitions`, { transition: 'accept', version: 1, input: {} }),
    'POST /staff/cases/{allowance case}/break-glass': async (u) => call(u, 'POST', `/staff/cases/${await allowanceCase()}/break-glass`, { reason: 'Looking into complaint 2026-118' }),
    'GET /staff/cases/{marriage appointment}': async (u) => call(u, 'GET', `/staff/cases/${(await marriageCase()).trackingNumber}`),
    'GET /staff/appointments': async (u) => call(u, 'GET', `/staff/appointments?date=${(await marriageCase()).date}`),
    'GET /staff/funeral-day': (u) => call(u, 'GET', '/staff/funeral-day?date=2026-12-02'),
    'GET /staff/funeral-settlement': (u) => call(u, 'GET', '/staff/funeral-settlement?month=2026-12'),
    'GET /staff/funeral-claims': (u) => call(u, 'GET', '/staff/funeral-claims'),
    'GET /staff/funeral-claims/{claim with its proof}': async (u) => call(u, 'GET', `/staff/funeral-claims/${await claimWithProof()}`),
    // The version a claim has once its proof is sent: opened at 1, sent at 2.
    'POST /staff/funeral-claims/{claim with its proof}/confirmation': async (u) => call(u, 'POST', `/staff/funeral-claims/${await claimWithProof()}/confirmation`, { version: 2 }),
    'GET /staff/offices': (u) => call(u, 'GET', '/staff/offices'),
    'GET /staff/dashboard': (u) => call(u, 'GET', '/staff/dashboard'),
    'GET /staff/dashboard?office={another office}': (u) => call(u, 'GET', '/staff/dashboard?office=demo-county'),
    'GET /staff/offices/{registry}/closures/{day}': async (u) => call(u, 'GET', `/staff/offices/demo-district-registry/closures/${(await marriageCase()).date}`),
    'GET /staff/holidays': (u) => call(u, 'GET', '/staff/holidays'),
    'PUT /staff/holidays/{year}': (u) =>
      call(u, 'PUT', '/staff/holidays/2099', { year: 2099, source: '测试用的假想安排', holidays: [{ name: '春节', from: '2099-01-20', to: '2099-01-26' }], makeUpWorkdays: [] }),
    'GET /staff/rules/{table}': (u) => call(u, 'GET', '/staff/rules/old-age-allowance.standards'),
    'GET /staff/follow-ups': (u) => call(u, 'GET', '/staff/follow-ups'),
    'GET /staff/follow-ups/{follow-up of an allowance case}': async (u) => call(u, 'GET', `/staff/follow-ups/${await followUp()}`),
    'POST /staff/follow-ups/{follow-up of an allowance case}/reply': async (u) => call(u, 'POST', `/staff/follow-ups/${await followUp()}/reply`, { reply: '经核实已整改，并向您说明情况。' }),
    'GET /staff/ratings': (u) => call(u, 'GET', '/staff/ratings'),
    'POST /staff/rules/{table}': (u) =>
      call(u, 'POST', '/staff/rules/old-age-allowance.standards', { key: 'demo-district', effectiveFrom: '2099-01-01', value: { sourceYear: 2098, bands: [{ fromAge: 80, monthlyAmount: 70 }] }, basis: '测试用的假想通知', reason: '测试：谁可以修改标准' }),
    'GET /staff/guides': (u) => call(u, 'GET', '/staff/guides'),
    'PUT /staff/guides/{guide}/draft': async (u) => {
      const draft = (await (await call('content-editor', 'POST', '/staff/guides/old-age-allowance/draft')).json()) as { version: number; content: unknown };
      return call(u, 'PUT', '/staff/guides/old-age-allowance/draft', { version: draft.version, content: draft.content });
    },
    'POST /staff/guides/{guide}/draft/publish': async (u) => {
      const draft = (await (await call('content-editor', 'POST', '/staff/guides/old-age-allowance/draft')).json()) as { version: number };
      return call(u, 'POST', '/staff/guides/old-age-allowance/draft/publish', { version: draft.version, change: { note: { 'zh-CN': '测试谁可以发布', en: 'Who may publish' }, kind: 'minor' } });
    },
    'DELETE /staff/guides/{guide}/draft': async (u) => {
      const draft = (await (await call('content-editor', 'POST', '/staff/guides/old-age-allowance/draft')).json()) as { version: number };
      return call(u, 'DELETE', `/staff/guides/old-age-allowance/draft?version=${draft.version}`);
    },
    'GET /staff/guides/links': (u) => call(u, 'GET', '/staff/guides/links'),
    'POST /staff/guides/links/run': (u) => call(u, 'POST', '/staff/guides/links/run'),
    'GET /staff/announcements': (u) => call(u, 'GET', '/staff/announcements'),
    'POST /staff/announcements': (u) => call(u, 'POST', '/staff/announcements', { content: ACCESS_NOTICE }),
    'POST /staff/announcements/{notice}/draft/publish': async (u) => {
      const draft = (await (await call('content-editor', 'POST', '/staff/announcements', { content: ACCESS_NOTICE })).json()) as { id: string; version: number };
      return call(u, 'POST', `/staff/announcements/${draft.id}/draft/publish`, { version: draft.version });
    },
    'DELETE /staff/announcements/{notice}/draft': async (u) => {
      const draft = (await (await call('content-editor', 'POST', '/staff/announcements', { content: ACCESS_NOTICE })).json()) as { id: string; version: number };
      return call(u, 'DELETE', `/staff/announcements/${draft.id}/draft?version=${draft.version}`);
    },
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock });
    for (const role of STAFF_ROLES) await member(role, [role]);
    await member('county-intake', ['intake'], ['demo-county']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('answers every cell of the table in docs/access-control.md as it says, and 401 to anyone not signed in', async () => {
    const table = accessTable();
    expect(table.map((row) => row.request).sort()).toEqual(Object.keys(REQUESTS).sort());
    const answered: string[] = [];
    const expected: string[] = [];
    for (const { request, statuses } of table) {
      const make = REQUESTS[request];
      if (!make) throw new Error(`no request for "${request}"`);
      for (const role of STAFF_ROLES) {
        expected.push(`${request} as ${role}: ${statuses[role]}`);
        answered.push(`${request} as ${role}: ${(await make(role)).status}`);
      }
      expect((await make('nobody')).status, `${request} without a session`).toBe(401);
    }
    expect(answered).toEqual(expected);
  });

  it('tells each member what the workbench offers them', async () => {
    const may = async (role: string) => ((await (await call(role, 'GET', '/staff/me')).json()) as { may: Record<string, boolean> }).may;
    expect(await may('intake')).toEqual({ queue: true, officeDay: true, homeDay: true, officeSchedules: false, holidayYears: false, breakGlass: false, ratings: true, dashboard: false });
    expect(await may('reviewer')).toEqual({ queue: true, officeDay: false, homeDay: false, officeSchedules: false, holidayYears: false, breakGlass: false, ratings: true, dashboard: false });
    expect(await may('content-editor')).toEqual({ queue: false, officeDay: false, homeDay: false, officeSchedules: false, holidayYears: false, breakGlass: false, ratings: false, dashboard: false });
    expect(await may('office-admin')).toEqual({ queue: false, officeDay: false, homeDay: false, officeSchedules: true, holidayYears: false, breakGlass: false, ratings: true, dashboard: true });
    expect(await may('system-admin')).toEqual({ queue: false, officeDay: false, homeDay: false, officeSchedules: true, holidayYears: true, breakGlass: true, ratings: true, dashboard: true });
  });

  it('lets a system admin read a case only after giving a reason: read-only, for 30 minutes, audited, and shown to those who handle the case', async () => {
    const trackingNumber = await allowanceCase();
    const refused = await call('system-admin', 'GET', `/staff/cases/${trackingNumber}`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('break_glass_required');

    // A reason too short is refused next to its field, and opens nothing.
    const short = await call('system-admin', 'POST', `/staff/cases/${trackingNumber}/break-glass`, { reason: 'check' });
    expect(short.status).toBe(422);
    expect(((await short.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields).toEqual([
      { field: 'reason', code: 'custom', message: 'Say why you need to read this case, in 10 to 500 characters' },
    ]);
    expect((await call('system-admin', 'GET', `/staff/cases/${trackingNumber}`)).status).toBe(403);

    const reason = 'Looking into complaint 2026-118 about this application';
    const opened = await call('system-admin', 'POST', `/staff/cases/${trackingNumber}/break-glass`, { reason });
    expect(opened.status).toBe(200);
    const view = (await opened.json()) as CaseWork;
    expect(view.breakGlass?.reason).toBe(reason);
    expect(view.actions).toEqual([]);
    // Within the 30 minutes it opens again without asking; never to see whole values or to act.
    expect((await call('system-admin', 'GET', `/staff/cases/${trackingNumber}`)).status).toBe(200);
    expect((await call('system-admin', 'POST', `/staff/cases/${trackingNumber}/reveal`)).status).toBe(403);
    expect((await call('system-admin', 'POST', `/staff/cases/${trackingNumber}/transitions`, { transition: 'accept', version: 1, input: {} })).status).toBe(404);

    // The clerk who handles the case sees who read it and why.
    const clerkView = (await (await call('intake', 'GET', `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
    expect(clerkView.access.find((record) => record.action === 'case.break-glass')).toMatchObject({ actorRole: 'system-admin', reason });
    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'details_json']).where('action', '=', 'case.break-glass').execute();
    expect(audit.some((row) => (row.details_json ?? '').includes(reason))).toBe(true);

    // Half an hour later the reason no longer opens it (signed in afresh: the session would have timed out too).
    const before = clock;
    clock = new Date(before.getTime() + 31 * 60_000);
    try {
      await signIn('system-admin');
      expect((await call('system-admin', 'GET', `/staff/cases/${trackingNumber}`)).status).toBe(403);
    } finally {
      clock = before;
      await signIn('system-admin');
    }
  });

  it('answers a member of another office as if the case did not exist, and gives them no day of an office not theirs', async () => {
    const trackingNumber = await allowanceCase();
    expect((await call('county-intake', 'GET', `/staff/cases/${trackingNumber}`)).status).toBe(404);
    const { date } = await marriageCase();
    expect((await call('county-intake', 'GET', `/staff/appointments?office=demo-district-registry&date=${date}`)).status).toBe(404);
  });
});
