/**
 * The funeral fee exemption's manual claim over the API (docs/decisions/075): a booking the portal
 * could not decide (a 优抚 claim) opens a claim; the family sends the proof with the status page's
 * two factors (a wrong type refused next to `files`, nothing kept); the funeral area's reviewer of
 * the home's district reads it and its files (audited) and confirms it once — the lines waived as the
 * rule recomputes them from the stored lines, counted in the month confirmed — or refuses it with a
 * reason the family reads; a second or stale decision is 409; other roles are refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { phoneProof } from '../support/phone-proofs.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 on 10 December 2026 in China. */
const now = new Date('2026-12-10T02:00:00Z');
const HOME = 'demo-district-funeral-home';
const PHONE = '13900007575';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));

interface Booked {
  trackingNumber: string;
  waivedFen: number;
  chargedFen: number;
  exemption: { outcome: string; claim: { ground: string; waivedFen: number; toPayFen: number } | null };
}
interface Claim {
  ground: string;
  status: string;
  lines: { item: string; chargedFen: number; waivedFen: number }[];
  waivedFen: number;
  toPayFen: number;
  refusal: string | null;
  proof: { maxFiles: number } | null;
}
interface Progress {
  claim: Claim | null;
  timeline: { transition: string; details: Record<string, string> }[];
}
interface Review {
  version: number;
  status: string;
  ground: string;
  note: string | null;
  deceased: { name: string; idNumber: string };
  lines: { item: string; chargedFen: number; waivedFen: number }[];
  waivedFen: number;
  files: { id: string; name: string }[];
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; code: string; message: string }[] };
}
interface Settlement {
  rows: { home: string; deceased: number; byGround: Record<string, number>; waivedFen: number }[];
}

describe.each(DIALECTS)('the fee exemption’s manual claim on %s', (kind) => {
  let runtime: TestRuntime;
  let proof = '';
  let client = 0;
  let person = 7500;
  const staff = staffClient({ runtime: () => runtime, now: () => now, lang: 'zh-CN', serviceAreas: ['funeral'] });
  const as = staff.request;
  const db = () => runtime.database.db;
  const auditCount = async (action: string) => (await db().selectFrom('audit_log').select('action').where('action', '=', action).execute()).length;

  /** A booking with a transport and a cremation whose family says the deceased was of a 优抚 family (registered elsewhere): the portal cannot decide. */
  async function book(more: Record<string, unknown> = {}): Promise<Booked> {
    client += 1;
    person += 1;
    const response = await runtime.portal.app.request(
      'http://localhost/api/v1/funeral/bookings?lang=zh-CN',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          home: HOME,
          deceased: { name: '孙立军', idNumber: personId(person, 'male', '19400101', '320102'), diedOn: '2026-12-09', placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: 'B220123456' } },
          contact: { name: '孙红', relationship: 'child', phone: PHONE },
          phoneProof: proof,
          registeredHere: false,
          claims: { relief: false, youfu: true },
          transport: { date: '2026-12-11', from: '09:00', to: '11:00', address: '示例区幸福路 9 号' },
          ...more,
        }),
      },
      { clientAddress: `10.75.0.${client}` },
    );
    expect(response.status).toBe(201);
    return (await response.json()) as Booked;
  }

  /** The proof as a browser's multipart form sends it, from a client of its own. */
  function send(trackingNumber: string, parts: { ground?: string; note?: string; files?: { name: string; content: Buffer }[]; secondFactor?: string }, lang = 'zh-CN') {
    const form = new FormData();
    form.set('trackingNumber', trackingNumber);
    form.set('secondFactor', parts.secondFactor ?? PHONE);
    if (parts.ground !== undefined) form.set('ground', parts.ground);
    if (parts.note !== undefined) form.set('note', parts.note);
    for (const file of parts.files ?? []) form.append('files', new Blob([new Uint8Array(file.content)]), file.name);
    client += 1;
    return runtime.portal.app.request('http://localhost/api/v1/funeral/exemption-claims', { method: 'POST', body: form, headers: { 'accept-language': lang, origin: 'http://localhost' } }, { clientAddress: `10.76.0.${client % 250}` });
  }
  const proofFiles = [{ name: '优抚证.pdf', content: fixture('income-proof.pdf') }];
  const lookUp = async (trackingNumber: string) =>
    (await (await runtime.portal.app.request('http://localhost/api/v1/track', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trackingNumber, secondFactor: PHONE }) }, { clientAddress: '10.77.0.1' })).json()) as Progress;
  const review = async (trackingNumber: string, user = 'claims.reviewer') => as(user, `/staff/funeral-claims/${trackingNumber}`);
  const versionOf = async (trackingNumber: string) => ((await (await review(trackingNumber)).json()) as Review).version;
  const settlement = async (user = 'office.admin', month = '2026-12') => ((await (await as(user, `/staff/funeral-settlement?month=${month}`)).json()) as Settlement).rows.find((row) => row.home === HOME);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => now, bookingLimitPerClient: 100 });
    proof = await phoneProof(runtime.portal.app, PHONE, () => now);
    await staff.member('claims.reviewer', ['reviewer']);
    await staff.member('county.reviewer', ['reviewer'], { offices: ['demo-county'] });
    await staff.member('home.clerk', ['intake']);
    await staff.member('allowance.reviewer', ['reviewer'], { serviceAreas: ['allowances'] });
    await staff.member('office.admin', ['office-admin']);
    await staff.member('system.admin', ['system-admin'], { offices: [] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('opens a claim with the booking, says on the status page what confirming would waive, and waives nothing yet', async () => {
    const booked = await book();
    expect(booked.exemption.outcome).toBe('cannot-decide');
    expect(booked.waivedFen).toBe(0);
    expect(booked.exemption.claim).toEqual({ ground: 'youfu', waivedFen: expect.any(Number), toPayFen: booked.chargedFen - (booked.exemption.claim?.waivedFen ?? 0) });
    expect(booked.exemption.claim?.waivedFen).toBeGreaterThan(0);
    const progress = await lookUp(booked.trackingNumber);
    expect(progress.claim).toMatchObject({ ground: 'youfu', status: 'open', waivedFen: booked.exemption.claim?.waivedFen, refusal: null, proof: { maxFiles: 5 } });
    // A booking the portal decided opens none.
    const decided = await book({ registeredHere: true, claims: { relief: false, youfu: false } });
    expect(decided.exemption.claim).toBeNull();
    expect((await lookUp(decided.trackingNumber)).claim).toBeNull();
  });

  it('refuses a proof of the wrong type next to the files, keeping nothing, and one without a ground next to it', async () => {
    const booked = await book();
    const wrong = await send(booked.trackingNumber, { ground: 'youfu', files: [{ name: 'notes.txt', content: Buffer.from('not a document') }] }, 'en');
    expect(wrong.status).toBe(422);
    const body = (await wrong.json()) as ErrorBody;
    expect(body.error.fields?.map((field) => [field.field, field.code])).toEqual([['files', 'file_wrong-type']]);
    expect(body.error.fields?.[0]?.message).toContain('notes.txt');
    const noGround = await send(booked.trackingNumber, { files: proofFiles });
    expect(noGround.status).toBe(422);
    expect(((await noGround.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['ground']);
    const noFile = await send(booked.trackingNumber, { ground: 'youfu' });
    expect(((await noFile.json()) as ErrorBody).error.fields?.map((field) => [field.field, field.code])).toEqual([['files', 'file_none']]);
    expect((await db().selectFrom('files').select('id').where('purpose', '=', 'exemptionProof').execute()).length).toBe(0);
    expect((await lookUp(booked.trackingNumber)).claim?.status).toBe('open');
  });

  it('takes the proof once with the family’s phone, shows the step, and refuses a second sending (409) or a stranger (404)', async () => {
    const booked = await book();
    expect((await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles, secondFactor: '13900000000' })).status).toBe(404);
    const sent = await send(booked.trackingNumber, { ground: 'youfu', note: '优抚证在父亲的遗物里找到', files: proofFiles });
    expect(sent.status).toBe(200);
    const progress = (await sent.json()) as Progress;
    expect(progress.claim).toMatchObject({ status: 'sent', proof: null });
    expect(progress.timeline.at(-1)?.transition).toBe('exemption-claim-sent');
    expect(await auditCount('funeral.claim-sent')).toBeGreaterThanOrEqual(1);
    const again = await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.code).toBe('not_claimable');
  });

  it('takes no proof for a booking the family cancelled, and offers none on its status page', async () => {
    const booked = await book();
    const cancelled = await runtime.portal.app.request('http://localhost/api/v1/track/withdraw', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trackingNumber: booked.trackingNumber, secondFactor: PHONE }) }, { clientAddress: '10.77.0.2' });
    expect(cancelled.status).toBe(200);
    expect((await lookUp(booked.trackingNumber)).claim).toMatchObject({ status: 'open', proof: null });
    const sent = await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles });
    expect(sent.status).toBe(409);
    expect(((await sent.json()) as ErrorBody).error.code).toBe('not_claimable');
  });

  it('shows the reviewer the claim (the ID number masked, the note, what confirming waives) and its proof file, each look audited', async () => {
    const booked = await book();
    await send(booked.trackingNumber, { ground: 'youfu', note: '请核实', files: proofFiles });
    const views = await auditCount('case.view');
    const response = await review(booked.trackingNumber);
    expect(response.status).toBe(200);
    const claim = (await response.json()) as Review;
    expect(claim).toMatchObject({ status: 'sent', ground: 'youfu', note: '请核实', waivedFen: booked.exemption.claim?.waivedFen });
    expect(claim.deceased.idNumber).toContain('*');
    expect(claim.files.map((file) => file.name)).toEqual(['优抚证.pdf']);
    expect(await auditCount('case.view')).toBe(views + 1);
    const fileViews = await auditCount('case.file.view');
    const file = await as('claims.reviewer', `/staff/funeral-claims/${booked.trackingNumber}/files/${claim.files[0]?.id ?? ''}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(await auditCount('case.file.view')).toBe(fileViews + 1);
  });

  it.each([
    ['the intake clerk who runs the home’s day', 'home.clerk', 403],
    ['a reviewer of another service area', 'allowance.reviewer', 403],
    ['an office admin', 'office.admin', 403],
    ['a system admin', 'system.admin', 403],
    ['the county’s reviewer (another district’s home)', 'county.reviewer', 404],
  ])('refuses %s the claim and its decision', async (_name, user, status) => {
    const booked = await book();
    await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles });
    expect((await review(booked.trackingNumber, user)).status).toBe(status);
    expect((await as(user, `/staff/funeral-claims/${booked.trackingNumber}/confirmation`, { method: 'POST', body: { version: 2 } })).status).toBe(status);
    expect((await runtime.portal.app.request(`http://localhost/api/v1/staff/funeral-claims/${booked.trackingNumber}`)).status).toBe(401);
  });

  it('confirms once: the lines waived as the rule says, the event and text for the family, the settlement counting it under 优抚 this month; a second decision is 409', async () => {
    const before = await settlement();
    const booked = await book();
    await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles });
    const version = await versionOf(booked.trackingNumber);
    // Not yet counted: a claim waiting for its review waives nothing.
    expect((await settlement())?.waivedFen).toBe(before?.waivedFen);
    const confirmed = await as('claims.reviewer', `/staff/funeral-claims/${booked.trackingNumber}/confirmation`, { method: 'POST', body: { version } });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ status: 'confirmed', waivedFen: booked.exemption.claim?.waivedFen });
    const lines = await db().selectFrom('funeral_booking_lines').innerJoin('cases', 'cases.id', 'funeral_booking_lines.case_id').select(['funeral_booking_lines.waived_fen', 'funeral_booking_lines.ground']).where('cases.tracking_number', '=', booked.trackingNumber.replaceAll('-', '')).execute();
    expect(lines.reduce((sum, line) => sum + Number(line.waived_fen), 0)).toBe(booked.exemption.claim?.waivedFen);
    expect(lines.every((line) => line.ground === 'youfu')).toBe(true);
    const progress = await lookUp(booked.trackingNumber);
    expect(progress.claim).toMatchObject({ status: 'confirmed', waivedFen: booked.exemption.claim?.waivedFen, toPayFen: booked.exemption.claim?.toPayFen });
    expect(progress.timeline.at(-1)).toMatchObject({ transition: 'exemption-confirmed', details: { waived: String(booked.exemption.claim?.waivedFen) } });
    expect(await auditCount('funeral.claim-confirm')).toBe(1);
    expect((await db().selectFrom('notification_outbox').select('template').where('template', '=', 'case.funeralClaimConfirmed').execute()).length).toBe(1);
    const after = await settlement();
    expect(after?.byGround['youfu']).toBe((before?.byGround['youfu'] ?? 0) + 1);
    expect(after?.waivedFen).toBe((before?.waivedFen ?? 0) + (booked.exemption.claim?.waivedFen ?? 0));
    // The month confirmed, not the month served: January's report does not count it.
    expect((await settlement('office.admin', '2027-01'))?.byGround['youfu']).toBe(0);

    const twice = await as('claims.reviewer', `/staff/funeral-claims/${booked.trackingNumber}/refusal`, { method: 'POST', body: { version: version + 1, reason: '核实后发现证件不符，不能减免。' } });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as ErrorBody).error.code).toBe('claim_decided');
    expect(await auditCount('funeral.claim-refuse')).toBe(0);
  });

  it('answers a stale version 409 and decides nothing', async () => {
    const booked = await book();
    await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles });
    const version = await versionOf(booked.trackingNumber);
    const stale = await as('claims.reviewer', `/staff/funeral-claims/${booked.trackingNumber}/confirmation`, { method: 'POST', body: { version: version - 1 } });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorBody).error.code).toBe('claim_changed');
    expect(((await (await review(booked.trackingNumber)).json()) as Review).status).toBe('sent');
  });

  it('refuses with a reason the family reads, next to the field when too short; a refused claim waives and counts nothing', async () => {
    const before = await settlement();
    const booked = await book();
    await send(booked.trackingNumber, { ground: 'youfu', files: proofFiles });
    const version = await versionOf(booked.trackingNumber);
    const short = await as('claims.reviewer', `/staff/funeral-claims/${booked.trackingNumber}/refusal`, { method: 'POST', body: { version, reason: '不行' }, lang: 'en' });
    expect(short.status).toBe(422);
    expect(((await short.json()) as ErrorBody).error.fields?.map((field) => field.field)).toEqual(['reason']);
    const reason = '证件上的姓名与逝者不一致，请到区退役军人事务局开具证明。';
    const refused = await as('claims.reviewer', `/staff/funeral-claims/${booked.trackingNumber}/refusal`, { method: 'POST', body: { version, reason } });
    expect(refused.status).toBe(200);
    const progress = await lookUp(booked.trackingNumber);
    expect(progress.claim).toMatchObject({ status: 'refused', waivedFen: 0, refusal: reason });
    expect(progress.timeline.at(-1)?.transition).toBe('exemption-refused');
    // Sealed at rest: the reason is not in the table as written.
    const stored = await db().selectFrom('funeral_exemption_claims').select('refusal_enc').where('status', '=', 'refused').executeTakeFirstOrThrow();
    expect(stored.refusal_enc).not.toContain('证件');
    expect(await settlement()).toEqual(before);
  });

  it('lists the reviewer’s claims waiting, then decided; none for another district’s reviewer', async () => {
    const waiting = (await (await as('claims.reviewer', '/staff/funeral-claims')).json()) as { claims: { trackingNumber: string; status: string }[] };
    expect(waiting.claims.length).toBeGreaterThan(0);
    expect(waiting.claims.every((claim) => claim.status === 'sent')).toBe(true);
    const decided = (await (await as('claims.reviewer', '/staff/funeral-claims?filter=decided')).json()) as { claims: { status: string }[] };
    expect(decided.claims.map((claim) => claim.status).sort()).toEqual(['confirmed', 'refused']);
    expect(((await (await as('county.reviewer', '/staff/funeral-claims?filter=all')).json()) as { claims: unknown[] }).claims).toEqual([]);
    expect((await as('home.clerk', '/staff/funeral-claims')).status).toBe(403);
  });
});
