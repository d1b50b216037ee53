/**
 * The funeral home's day and the exemption settlement over the API (docs/decisions/072): who may see
 * and act (the home's district's funeral intake; the settlement: office and system admins), every
 * look and action audited in the action's transaction, the pickup place shown only here, the ID
 * number masked, the cremation certificate sealed at rest and masked, and a refused action leaving
 * nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { phoneProof } from '../support/phone-proofs.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { cremationOnRecord } from '../../api/services/funeral/cremation-record.ts';

/** 10:00 on 10 December 2026 in China. */
const now = new Date('2026-12-10T02:00:00Z');
const HOME = 'demo-district-funeral-home';
const PHONE = '13900004444';

interface Day {
  homes: string[];
  transports: { trackingNumber: string; status: string; deceased: string; address: string }[];
  cremations: { trackingNumber: string; start: string; deceased: { name: string; idNumber: string }; done: boolean; certificate?: string }[];
  halls: { trackingNumber: string; kind: string; done: boolean }[];
  storage: { trackingNumber: string }[];
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string; message: string }[] };
}

describe.each(DIALECTS)('a funeral home’s day on %s', (kind) => {
  let runtime: TestRuntime;
  let proof = '';
  let tracking = '';
  let client = 0;
  const staff = staffClient({ runtime: () => runtime, now: () => now, lang: 'zh-CN', serviceAreas: ['funeral'] });
  const as = staff.request;
  const db = () => runtime.database.db;
  const book = async (n: number, more: Record<string, unknown>) => {
    client += 1;
    const response = await runtime.portal.app.request(
      'http://localhost/api/v1/funeral/bookings?lang=zh-CN',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          home: HOME,
          deceased: { name: '赵淑华', idNumber: personId(n, 'female', '19380101'), diedOn: '2026-12-09', placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: 'B220123456' } },
          contact: { name: '赵明', relationship: 'child', phone: PHONE },
          phoneProof: proof,
          ...more,
        }),
      },
      { clientAddress: `10.72.0.${client}` },
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  };
  const day = async (user = 'home.clerk', query = 'date=2026-12-10') => as(user, `/staff/funeral-day?${query}`);
  const auditCount = async (action: string) => (await db().selectFrom('audit_log').select('action').where('action', '=', action).execute()).length;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => now, bookingLimitPerClient: 100 });
    proof = await phoneProof(runtime.portal.app, PHONE, () => now);
    await staff.member('home.clerk', ['intake']);
    await staff.member('county.clerk', ['intake'], { offices: ['demo-county'] });
    await staff.member('allowance.clerk', ['intake', 'approver'], { serviceAreas: ['allowances'] });
    await staff.member('office.admin', ['office-admin']);
    await staff.member('county.admin', ['office-admin'], { offices: ['demo-county'] });
    await staff.member('system.admin', ['system-admin'], { offices: [] });
    tracking = await book(71, {
      transport: { date: '2026-12-10', from: '14:00', to: '16:00', address: '示例区幸福路 7 号' },
      storage: { from: '2026-12-10', days: 1 },
      cremation: { date: '2026-12-10', start: '15:00' },
      hall: { kind: 'hall-small', date: '2026-12-10', start: '14:00' },
    });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('shows the home’s clerk the day: the transport with its pickup place, each place by slot, the ID number masked; audited', async () => {
    const before = await auditCount('funeral.day-view');
    const response = await day();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Day;
    expect(body.homes).toEqual([HOME]);
    expect(body.transports).toEqual([expect.objectContaining({ trackingNumber: tracking, status: 'requested', deceased: '赵淑华', address: '示例区幸福路 7 号' })]);
    expect(body.cremations).toEqual([expect.objectContaining({ trackingNumber: tracking, start: '15:00', done: false })]);
    expect(body.cremations[0]?.deceased.idNumber).not.toBe(personId(71, 'female', '19380101'));
    expect(body.cremations[0]?.deceased.idNumber).toContain('*');
    expect(body.halls.map((hall) => hall.kind)).toEqual(['hall-small']);
    expect(body.storage.map((entry) => entry.trackingNumber)).toEqual([tracking]);
    expect(await auditCount('funeral.day-view')).toBe(before + 1);
  });

  it.each([
    ['a clerk of another service area', 'allowance.clerk', 403],
    ['an office admin', 'office.admin', 403],
  ])('refuses %s the day (%s)', async (_name, user, status) => {
    expect((await day(user)).status).toBe(status);
  });

  it('answers 404 for a home that is not the member’s, and 401 without a session', async () => {
    // The county's clerk has the county's station, not the district's home.
    expect(((await (await day('county.clerk')).json()) as Day).homes).toEqual(['demo-county-funeral-station']);
    expect((await day('county.clerk', `home=${HOME}&date=2026-12-10`)).status).toBe(404);
    expect((await day('home.clerk', 'home=demo-county-funeral-station&date=2026-12-10')).status).toBe(404);
    expect((await runtime.portal.app.request('http://localhost/api/v1/staff/funeral-day')).status).toBe(401);
  });

  it('confirms a transport once, then marks it done; each audited; a second confirmation is 409 next to the field', async () => {
    const confirm = () => as('home.clerk', `/staff/funeral-day/bookings/${tracking}/transport-confirmation`, { method: 'POST' });
    // Not confirmed yet: it cannot be done.
    const early = await as('home.clerk', `/staff/funeral-day/bookings/${tracking}/done`, { method: 'POST', body: { item: 'transport' } });
    expect(early.status).toBe(409);
    expect((await confirm()).status).toBe(200);
    const again = await confirm();
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['transport']);
    expect((await as('home.clerk', `/staff/funeral-day/bookings/${tracking}/done`, { method: 'POST', body: { item: 'transport' } })).status).toBe(200);
    expect((await db().selectFrom('funeral_transports').select('status').executeTakeFirstOrThrow()).status).toBe('done');
    expect(await auditCount('funeral.transport-confirm')).toBe(1);
    expect(await auditCount('funeral.service-done')).toBe(1);
  });

  it('marks the cremation done once; a service not booked or done twice is 409 and writes nothing', async () => {
    const done = (item: string) => as('home.clerk', `/staff/funeral-day/bookings/${tracking}/done`, { method: 'POST', body: { item } });
    expect((await done('cremation')).status).toBe(200);
    const before = await auditCount('funeral.service-done');
    expect((await done('cremation')).status).toBe(409);
    expect(await auditCount('funeral.service-done')).toBe(before);
    expect((await done('nonsense')).status).toBe(422);
    const body = (await (await day()).json()) as Day;
    expect(body.cremations[0]?.done).toBe(true);
    expect(body.halls[0]?.done).toBe(false);
  });

  it('records the cremation certificate number sealed at rest, masked in the day, corrected by recording again', async () => {
    const record = (number: string, lang = 'zh-CN') => as('home.clerk', `/staff/funeral-day/bookings/${tracking}/cremation-certificate`, { method: 'PUT', body: { number }, lang });
    const bad = await record('火化 1', 'en');
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as ErrorBody).error.fields ?? [];
    expect(fields.map((field) => field.field)).toEqual(['number']);
    expect(fields[0]?.message).toMatch(/cremation certificate number/);
    expect(await db().selectFrom('funeral_cremation_certificates').selectAll().execute()).toEqual([]);

    expect((await record(' hz-2026-000123 ')).status).toBe(200);
    expect((await record('HZ-2026-000124')).status).toBe(200);
    const stored = await db().selectFrom('funeral_cremation_certificates').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.number_enc).not.toContain('000124');
    const shown = ((await (await day()).json()) as Day).cremations[0]?.certificate ?? '';
    expect(shown).toMatch(/^H\*+24$/);
    expect(shown).not.toContain('000124');
    expect(await auditCount('funeral.cremation-certificate')).toBe(2);
  });

  it('refuses the actions to another district’s clerk (404) and to staff who handle no bookings (403)', async () => {
    expect((await as('county.clerk', `/staff/funeral-day/bookings/${tracking}/transport-confirmation`, { method: 'POST' })).status).toBe(404);
    expect((await as('office.admin', `/staff/funeral-day/bookings/${tracking}/cremation-certificate`, { method: 'PUT', body: { number: 'HZ-2026-000999' } })).status).toBe(403);
    expect((await as('home.clerk', '/staff/funeral-day/bookings/NOT-A-NUMBER/done', { method: 'POST', body: { item: 'hall' } })).status).toBe(404);
  });

  it('sums the month’s exemptions per home for office and system admins, audited; no one else reads it', async () => {
    const read = async (user: string, month = '2026-12') => as(user, `/staff/funeral-settlement?month=${month}`);
    const response = await read('office.admin');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: { home: string; deceased: number; byGround: Record<string, number>; byItem: { item: string; waivedFen: number }[]; waivedFen: number }[] };
    expect(body.rows.map((row) => row.home)).toEqual([HOME]);
    const row = body.rows[0];
    // A resident of the district: all residents up to ¥1,600, spent in the national list's order.
    expect(row?.deceased).toBe(1);
    expect(row?.byGround['resident']).toBe(1);
    expect(row?.byItem.map((entry) => entry.item)).toEqual(['body-transport', 'body-storage', 'farewell', 'cremation']);
    expect(row?.waivedFen).toBe(row?.byItem.reduce((sum, entry) => sum + entry.waivedFen, 0));
    expect(((await (await read('county.admin')).json()) as { rows: { home: string; deceased: number }[] }).rows).toEqual([expect.objectContaining({ home: 'demo-county-funeral-station', deceased: 0 })]);
    expect(((await (await read('system.admin')).json()) as { rows: unknown[] }).rows).toHaveLength(2);
    expect(((await (await read('office.admin', '2026-11')).json()) as { rows: { deceased: number }[] }).rows[0]?.deceased).toBe(0);
    expect((await read('home.clerk')).status).toBe(403);
    expect((await read('office.admin', '2026-13')).status).toBe(422);
    expect(await auditCount('funeral.settlement-read')).toBe(4);
  });

  it('finds the cremation on the portal’s record by the ID number AND the death certificate number, never by one alone', async () => {
    const deps = { db: db(), crypto: runtime.crypto };
    const idNumber = personId(71, 'female', '19380101');
    expect(await cremationOnRecord(deps, { idNumber, deathCertificateNumber: 'b220 123456' })).toEqual({ bookingTrackingNumber: tracking, certificateNumber: 'HZ-2026-000124', home: HOME });
    expect(await cremationOnRecord(deps, { idNumber, deathCertificateNumber: 'B220123457' })).toBeUndefined();
    expect(await cremationOnRecord(deps, { idNumber: personId(72, 'female', '19380101'), deathCertificateNumber: 'B220123456' })).toBeUndefined();
    // Booked here, but no certificate recorded yet: nothing found, the family uploads it.
    await book(73, { cremation: { date: '2026-12-11', start: '09:00' } });
    expect(await cremationOnRecord(deps, { idNumber: personId(73, 'female', '19380101'), deathCertificateNumber: 'B220123456' })).toBeUndefined();
  });
});
