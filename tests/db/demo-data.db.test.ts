/**
 * Demo data is recognised by its mark (demo_records), listed for the production start's refusal,
 * and removed by `npm run demo:remove` with one audit entry per removal, leaving real accounts and
 * applications as they were. Databases made before the mark existed are recognised too: demo
 * accounts by the migration, demo applications by their made-up applicants. The demo relief cases
 * are at their steps, one under 公示 and one announced (公布) on a community's board, masked.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoCases } from '../../api/cases/demo-cases.ts';
import { submitApplication } from '../../api/cases/case-service.ts';
import { listDemoData } from '../../api/db/demo-data.repo.ts';
import * as demoDataMarks from '../../api/db/migrations/2026120507_demo_data_marks.ts';
import { chinaDate } from '../../api/domain/calendar/china-time.ts';
import { formatTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import { DEMO_REMOVE_COMMAND, demoDataRefusal, findDemoData, hasDemoData, removeDemoData } from '../../api/server/demo-data.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { ensureDemoStaff } from '../../api/staff/demo-accounts.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const DEMO_USERNAMES = ['demo-approver', 'demo-content-editor', 'demo-content-editor-2', 'demo-intake', 'demo-investigator', 'demo-office-admin', 'demo-reviewer', 'demo-system-admin'];
/** The accounts a start made before demo data was marked (migration 2026120507): the second content editor came later, marked from its first start. */
const MARKED_BY_MIGRATION = DEMO_USERNAMES.filter((username) => username !== 'demo-content-editor-2');
/** Four 高龄津贴 applications and four relief cases. */
const DEMO_CASES = 8;

interface Board {
  entries: { list: string; maskedName: string; householdSize: number; kind: string; amountFen: number | null; fromDay: string; toDay: string }[];
}

describe.each(DIALECTS)('demo data on %s', (kind) => {
  let runtime: TestRuntime;
  let realCase = '';
  const deps = () => ({ db: runtime.database.db, kind, crypto: runtime.crypto, now: () => new Date() });
  const usernames = async () => (await runtime.database.db.selectFrom('staff').select('username').orderBy('username').execute()).map((row) => row.username);
  const caseCount = async () => (await runtime.database.db.selectFrom('cases').select('id').execute()).length;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    // What a development start makes: the demo accounts, then the demo applications.
    await ensureDemoStaff({ db: runtime.database.db, kind, now: () => new Date() }, randomBytes(32));
    await ensureDemoCases({ db: runtime.database.db, kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => new Date(), randomBytes });
    // And what is not demo data: an account made with staff:create and a citizen's application.
    await createStaff({ db: runtime.database.db, kind, now: () => new Date() }, { username: 'li.ming', displayName: '李明', password: 'a long enough password', roles: ['intake'], offices: ['demo-district'], serviceAreas: ['allowances'] });
    const submitted = await submitApplication({ db: runtime.database.db, kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => new Date(), randomBytes }, 'old-age-allowance', oldAgeAllowanceApplication(), 'zh-CN');
    if (!submitted.ok) throw new Error('the real application was refused');
    realCase = submitted.trackingNumber;
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('finds every demo account and demo application, and nothing else', async () => {
    const found = await findDemoData(deps());
    expect(found.staff.map((member) => member.username)).toEqual(DEMO_USERNAMES);
    expect(found.cases).toHaveLength(DEMO_CASES);
    expect(found.cases.map((stored) => formatTrackingNumber(stored.trackingNumber))).not.toContain(realCase);
  });

  it('puts relief cases at their steps, a 低保 under 公示 and one announced on a community’s board, masked', async () => {
    const states = await runtime.database.db.selectFrom('cases').select(['service', 'state']).where('service', '!=', 'old-age-allowance').orderBy('service').orderBy('state').execute();
    expect(states).toEqual([
      { service: 'extreme-poverty-support', state: 'submitted' },
      { service: 'minimum-living-allowance', state: 'approved' },
      { service: 'minimum-living-allowance', state: 'under-notice' },
      { service: 'temporary-assistance', state: 'advance-granted' },
    ]);
    const today = chinaDate(new Date());
    const board = async (list: string) => (await (await runtime.portal.app.request(`http://localhost/api/v1/notices/xinhua-community?list=${list}`, {}, { clientAddress: '10.40.0.1' })).json()) as Board;
    const notice = await board('notice');
    expect(notice.entries).toEqual([expect.objectContaining({ list: 'notice', maskedName: '张*', householdSize: 2, kind: 'minimum-living-allowance', amountFen: 160_000, fromDay: today })]);
    expect((notice.entries[0]?.toDay ?? '') > today).toBe(true);
    const announcement = await board('announcement');
    expect(announcement.entries).toEqual([expect.objectContaining({ list: 'announcement', maskedName: '李*', householdSize: 2, kind: 'minimum-living-allowance', amountFen: 190_000 })]);
    // Only the masked name is ever public.
    expect(JSON.stringify([notice, announcement])).not.toMatch(/张三|李四|张小三|李小四|13800000/);
  });

  it('says what a production start refuses over: each account, each application, and the command that removes them', async () => {
    const found = await findDemoData(deps());
    expect(hasDemoData(found)).toBe(true);
    const message = demoDataRefusal(found);
    for (const username of DEMO_USERNAMES) expect(message).toContain(username);
    for (const stored of found.cases) expect(message).toContain(formatTrackingNumber(stored.trackingNumber));
    expect(message).toContain(DEMO_REMOVE_COMMAND);
    expect(message).not.toContain('li.ming');
    expect(message).not.toContain(realCase);
  });

  it('recognises demo data made before it was marked: accounts by the migration, applications by their made-up applicants', async () => {
    await runtime.database.db.deleteFrom('demo_records').execute();
    // A start that old made one account per role: the second content editor came after marking.
    await runtime.database.db.deleteFrom('staff').where('username', '=', 'demo-content-editor-2').execute();
    expect(await listDemoData(runtime.database.db)).toEqual({ staff: [], cases: [], notices: [] });
    // The migration, run again on a database whose accounts were made by an older start.
    await sql`drop table demo_records`.execute(runtime.database.db);
    await demoDataMarks.up(runtime.database.db as unknown as Kysely<unknown>);
    const found = await findDemoData(deps());
    expect(found.staff.map((member) => member.username)).toEqual(MARKED_BY_MIGRATION);
    expect(found.cases).toHaveLength(DEMO_CASES);
  });

  it('removes them all, each with an audit entry, and leaves real accounts and applications as they were', async () => {
    const found = await findDemoData(deps());
    const demoCaseIds = found.cases.map((stored) => stored.id);
    // A demo account still signed in somewhere: its session goes with it.
    const admin = found.staff.find((member) => member.username === 'demo-system-admin');
    const at = new Date().toISOString();
    await runtime.database.db.insertInto('staff_sessions').values({ id: 'demo-session', staff_id: admin?.id ?? '', created_at: at, last_seen_at: at, expires_at: at, revoked_at: null }).execute();
    const casesBefore = await caseCount();

    const removed = await removeDemoData(deps());
    expect(removed.staff.map((member) => member.username)).toEqual(MARKED_BY_MIGRATION);
    expect(removed.cases).toHaveLength(DEMO_CASES);
    expect(await findDemoData(deps())).toEqual({ staff: [], cases: [], notices: [] });
    expect(await usernames()).toEqual(['li.ming']);
    expect(await caseCount()).toBe(casesBefore - DEMO_CASES);
    const real = await runtime.database.db.selectFrom('cases').select('tracking_number').execute();
    expect(real.map((row) => formatTrackingNumber(row.tracking_number))).toEqual([realCase]);
    for (const table of ['case_events', 'notification_outbox', 'public_entries'] as const) {
      expect(await runtime.database.db.selectFrom(table).select('case_id').where('case_id', 'in', demoCaseIds).execute(), table).toEqual([]);
    }
    expect(await runtime.database.db.selectFrom('staff_sessions').select('id').where('id', '=', 'demo-session').execute()).toEqual([]);

    const audit = await runtime.database.db.selectFrom('audit_log').select(['action', 'record_type', 'record_id', 'details_json']).where('action', 'like', 'demo.%').orderBy('seq').execute();
    expect(audit).toHaveLength(DEMO_CASES + MARKED_BY_MIGRATION.length);
    expect(audit.filter((entry) => entry.action === 'demo.case.remove').map((entry) => entry.record_id).sort()).toEqual([...demoCaseIds].sort());
    expect(audit.filter((entry) => entry.action === 'demo.staff.remove').map((entry) => (JSON.parse(entry.details_json ?? '{}') as { username: string }).username).sort()).toEqual(MARKED_BY_MIGRATION);
    expect(audit.every((entry) => (JSON.parse(entry.details_json ?? '{}') as { by: string }).by === DEMO_REMOVE_COMMAND)).toBe(true);

    // A second run finds nothing and writes nothing.
    expect(await removeDemoData(deps())).toEqual({ staff: [], cases: [], notices: [] });
    expect(await runtime.database.db.selectFrom('audit_log').select('seq').where('action', 'like', 'demo.%').execute()).toHaveLength(DEMO_CASES + MARKED_BY_MIGRATION.length);
  });
});
