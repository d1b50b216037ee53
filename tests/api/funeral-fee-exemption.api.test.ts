/**
 * The funeral fee exemption check through the API (docs/decisions/065), on SQLite and PostgreSQL:
 * a demo 低保 household's member and applicant are exempt with the reason, from the portal's own
 * decision (found by keyed hash as a household member, and only when the family claims it); a
 * non-resident is not; a claim the portal cannot confirm is "cannot decide" with the proof to
 * upload; only a confirmed phone is answered; the checks are counted per client and per phone;
 * bad input is a 422 next to its field. And the people of cases stored before they were recorded
 * are recorded once at start.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCasePeople } from '../../api/cases/case-people.ts';
import { ensureDemoCases } from '../../api/cases/demo-cases.ts';
import { residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';
import { ensureDemoStaff } from '../../api/staff/demo-accounts.ts';
import { CHECKS_PER_PHONE } from '../../api/services/funeral/routes/fee-exemption.routes.ts';
import { personId } from '../support/applications.ts';
import { phoneProof } from '../support/phone-proofs.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 on 10 December 2026 in China: the demo 低保 case of 李四 was approved two days before. */
const now = new Date('2026-12-10T02:00:00Z');
const demoId = (first17: string) => first17 + residentIdCheckCharacter(first17);
const LI_SI = demoId('11010119780520031');
const LI_XIAO_SI = demoId('11010120120306042');
const HOME = 'demo-district-funeral-home';
const CLIENT_LIMIT = 30;
/** Transport, 3 days' storage, cremation, a year's ashes storage, and an optional wooden urn: 200 + 150 + 240 + 100 + 600. */
const ITEMS = [
  { item: 'body-transport', quantity: 1 },
  { item: 'body-storage', quantity: 3 },
  { item: 'cremation', quantity: 1 },
  { item: 'ashes-storage', quantity: 1 },
  { item: 'wooden-urn', quantity: 1 },
];

interface Answer {
  outcome: string;
  ground: string | null;
  basis: string | null;
  reason: string;
  lines: { item: string; name: string; waivedFen: number; reason: string }[];
  chargedFen: number;
  waivedFen: number;
  toPayFen: number;
  missing: { code: string; text: string }[];
  ifConfirmed: { waivedFen: number } | null;
  claim: { ground: string; proof: string; uploadPurpose: string } | null;
  scheme: { scheme: string; effectiveFrom: string } | null;
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; message: string }[] };
}

describe.each(DIALECTS)('the funeral fee exemption check on %s', (kind) => {
  let runtime: TestRuntime;
  const PHONE = '13900001111';
  let proof = '';
  let client = 0;
  const check = async (body: Record<string, unknown>, options: { lang?: string; address?: string } = {}) => {
    client += 1;
    return runtime.portal.app.request(
      `http://localhost/api/v1/funeral/exemption-check?lang=${options.lang ?? 'zh-CN'}`,
      { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
      { clientAddress: options.address ?? `10.60.0.${client}` },
    );
  };
  const request = (deceased: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
    home: HOME,
    deceased: { diedOn: '2026-12-09', deathCertificateNumber: 'A1100002026120900123', ...deceased },
    items: ITEMS,
    contact: { phone: PHONE, phoneProof: proof },
    ...more,
  });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => now, bookingLimitPerClient: CLIENT_LIMIT });
    const deps = { db: runtime.database.db, kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => now, randomBytes };
    await ensureDemoStaff(deps, randomBytes(32));
    await ensureDemoCases(deps);
    proof = await phoneProof(runtime.portal.app, PHONE, () => now);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('waives for a member of a 低保 household the portal approved, saying so, when the family claims it', async () => {
    const response = await check(request({ idNumber: LI_XIAO_SI, registeredHere: false }, { claims: { relief: true } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ outcome: 'decided', ground: 'dibao', basis: 'relief-case', chargedFen: 129_000, waivedFen: 69_000, toPayFen: 60_000, scheme: { scheme: 'all-residents', effectiveFrom: '2026-03-30' } });
    expect(answer.reason).toContain('低保');
    expect(answer.lines.map((line) => [line.item, line.waivedFen])).toEqual([
      ['body-transport', 20_000],
      ['body-storage', 15_000],
      ['cremation', 24_000],
      ['ashes-storage', 10_000],
      ['wooden-urn', 0],
    ]);
    expect(answer.lines.at(-1)).toMatchObject({ name: '木质骨灰盒', reason: '可选服务，不减免' });
    // Nothing of the case is told: no tracking number, amount or other member.
    expect(JSON.stringify(answer)).not.toMatch(/1900|李|tracking/i);
  });

  it('waives for the applicant too, in English, and not for a death before the approval', async () => {
    const answer = (await (await check(request({ idNumber: LI_SI, registeredHere: false }, { claims: { relief: true } }), { lang: 'en' })).json()) as Answer;
    expect(answer).toMatchObject({ outcome: 'decided', ground: 'dibao' });
    expect(answer.reason).toMatch(/^The minimum living allowance .* Demo District/);
    const before = (await (await check(request({ idNumber: LI_SI, registeredHere: false, diedOn: '2026-12-07' }, { claims: { relief: true } }))).json()) as Answer;
    expect(before).toMatchObject({ outcome: 'cannot-decide', missing: [{ code: 'relief-proof' }], claim: { ground: 'relief', uploadPurpose: 'exemptionProof' }, waivedFen: 0, ifConfirmed: { waivedFen: 69_000 } });
  });

  it('reads no relief decision the family did not claim', async () => {
    const answer = (await (await check(request({ idNumber: LI_XIAO_SI, registeredHere: false }))).json()) as Answer;
    expect(answer).toMatchObject({ outcome: 'decided', ground: null, waivedFen: 0, toPayFen: 129_000 });
  });

  it('waives for a resident by the ID number, and not for a non-resident', async () => {
    const resident = (await (await check(request({ idNumber: personId(41, 'female', '19400101') }))).json()) as Answer;
    expect(resident).toMatchObject({ outcome: 'decided', ground: 'resident', basis: 'id-number', waivedFen: 69_000 });
    const elsewhere = (await (await check(request({ idNumber: personId(42, 'male', '19400101', '320102'), registeredHere: false }))).json()) as Answer;
    expect(elsewhere).toMatchObject({ outcome: 'decided', ground: null, waivedFen: 0, toPayFen: 129_000 });
    expect(elsewhere.reason).toContain('只适用于本地户籍居民');
    const unknown = (await (await check(request({ idNumber: personId(43, 'male', '19400101', '320102') }))).json()) as Answer;
    expect(unknown).toMatchObject({ outcome: 'cannot-decide', missing: [{ code: 'household-registration' }], claim: null });
  });

  it('answers a 优抚 claim in a targeted county with the proof to upload', async () => {
    const answer = (await (await check(request({ idNumber: personId(44, 'male', '19400101', '320102') }, { home: 'demo-county-funeral-station', items: [{ item: 'body-transport', quantity: 20 }], claims: { youfu: true } }))).json()) as Answer;
    expect(answer).toMatchObject({ outcome: 'cannot-decide', missing: [{ code: 'youfu-proof' }], claim: { ground: 'youfu', proof: '优抚证件，或者退役军人事务部门的证明' }, chargedFen: 10_000, ifConfirmed: { waivedFen: 10_000 } });
  });

  it('answers only a confirmed phone', async () => {
    const response = await check(request({ idNumber: LI_SI }, { claims: { relief: true }, contact: { phone: PHONE, phoneProof: 'not-a-proof' } }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: 'contact.phoneProof', message: '请先确认联系电话（输入短信验证码），再查询减免' })]);
  });

  it('refuses bad input next to each field', async () => {
    const response = await check({ home: HOME, deceased: { idNumber: '110101', diedOn: '2027-01-01', deathCertificateNumber: '?' }, items: [{ item: 'flowers-and-more', quantity: 0 }], contact: { phone: PHONE, phoneProof: proof } }, { lang: 'en' });
    expect(response.status).toBe(422);
    const fields = ((await response.json()) as ErrorBody).error.fields?.map((field) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['deceased.idNumber', 'deceased.diedOn', 'deceased.deathCertificateNumber', 'items.0.quantity']));
    const unlisted = await check(request({ idNumber: LI_SI }, { items: [{ item: 'cremation', quantity: 1 }, { item: 'fireworks', quantity: 1 }] }), { lang: 'en' });
    expect(((await unlisted.json()) as ErrorBody).error.fields).toEqual([{ field: 'items.1.item', code: 'custom', message: 'Item 2, “fireworks”, is not on this funeral home’s price list and cannot be booked' }]);
    const beforeBirth = await check(request({ idNumber: personId(45, 'male', '20261210') }));
    expect(((await beforeBirth.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['deceased.diedOn']);
    expect((await check(request({}))).status).toBe(422);
    expect((await check(request({ unidentified: true }))).status).toBe(200);
  });

  it('counts the checks per phone and per client', async () => {
    const phone = '13900002222';
    const own = await phoneProof(runtime.portal.app, phone, () => now);
    const body = request({ idNumber: LI_SI }, { contact: { phone, phoneProof: own } });
    for (let count = 0; count < CHECKS_PER_PHONE; count += 1) expect((await check(body)).status).toBe(200);
    const refused = await check(body);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('too_many_checks');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // One address guessing proofs for many phones is stopped too.
    const guess = (count: number) => request({ idNumber: LI_SI }, { contact: { phone: `1390000${4000 + count}`, phoneProof: 'guess' } });
    for (let count = 0; count < CLIENT_LIMIT; count += 1) expect((await check(guess(count), { address: '10.61.0.1' })).status).toBe(422);
    expect((await check(guess(CLIENT_LIMIT), { address: '10.61.0.1' })).status).toBe(429);
  });

  it('records once the people of cases stored before they were recorded', async () => {
    const db = runtime.database.db;
    const before = await db.selectFrom('case_people').select(['case_id', 'person_hash']).execute();
    // Four relief cases, six people in all (张三 and 张小三, 李四 and 李小四, 王五, 赵六).
    expect(before).toHaveLength(6);
    await db.deleteFrom('case_people').execute();
    const deps = { db, crypto: runtime.crypto, now: () => now };
    expect(await indexCasePeople(deps)).toMatchObject({ ran: true, changed: 4 });
    expect(await db.selectFrom('case_people').select(['case_id', 'person_hash']).execute()).toEqual(expect.arrayContaining(before));
    expect(await indexCasePeople(deps)).toMatchObject({ ran: false });
  });
});
