/**
 * A case's files over HTTP (docs/decisions/026): GET /staff/cases/{trackingNumber}/files/{fileId}
 * answers the roles that handle the case with the file as a download (its headers keep it from
 * running in the portal's origin), audits each look, and answers 404 for a file of another case, an
 * unknown one or a case out of scope, 403 to a system admin reading by a break-glass reason, 401
 * to anyone not signed in.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { acceptUpload, type FileEngineDeps } from '../../api/engine/files/files.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PASSWORD = 'a long enough password';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));

describe.each(DIALECTS)('a case’s files for staff on %s', (kind) => {
  let runtime: TestRuntime;
  const cookies = new Map<string, string>();
  let engine: FileEngineDeps;

  async function member(username: string, roles: StaffRole[], offices = ['demo-district'], serviceAreas = ['allowances']) {
    await createStaff({ db: runtime.database.db, kind, now: () => new Date() }, { username, displayName: username, password: PASSWORD, roles, offices, serviceAreas });
    const response = await runtime.portal.app.request('http://localhost/api/v1/staff/session', {
      method: 'POST',
      body: JSON.stringify({ username, password: PASSWORD }),
      headers: { 'content-type': 'application/json' },
    });
    cookies.set(username, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  }
  const get = (username: string | undefined, path: string, lang = 'zh-CN') =>
    runtime.portal.app.request(`http://localhost/api/v1${path}`, { headers: { cookie: username ? (cookies.get(username) ?? '') : '', 'accept-language': lang } });

  /** A new 高龄津贴 case with a file given for `purpose`: its tracking number, id and the file's id. */
  async function caseWithFile(content: Buffer, name: string): Promise<{ trackingNumber: string; caseId: string; fileId: string }> {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', {
      method: 'POST',
      body: JSON.stringify(oldAgeAllowanceApplication()),
      headers: { 'content-type': 'application/json' },
    });
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    const { id: caseId } = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    const uploaded = await acceptUpload(engine, { owner: { kind: 'case', id: caseId }, purpose: 'incomeProof', name, content });
    if (!uploaded.ok) throw new Error(`upload refused: ${uploaded.refusal.code}`);
    return { trackingNumber, caseId, fileId: uploaded.file.id };
  }
  const fileViews = () =>
    runtime.database.db.selectFrom('audit_log').select(['actor_id', 'record_id', 'details_json']).where('action', '=', 'case.file.view').orderBy('seq').execute();

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    engine = { db: runtime.database.db, kind, crypto: runtime.crypto, ...runtime.files, now: () => new Date() };
    await member('clerk', ['intake']);
    await member('approver', ['approver']);
    await member('county.clerk', ['intake'], ['demo-county']);
    await member('marriage.clerk', ['intake'], ['demo-district'], ['marriage']);
    await member('office.admin', ['office-admin']);
    await member('sysadmin', ['system-admin']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('sends the file to a member who handles the case, as a download that runs nothing, and audits the look', async () => {
    const pdf = fixture('income-proof.pdf');
    const { trackingNumber, caseId, fileId } = await caseWithFile(pdf, '收入证明（2026年）.pdf');
    const before = (await fileViews()).length;

    const response = await get('clerk', `/staff/cases/${trackingNumber}/files/${fileId}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="_____2026__.pdf"; filename*=UTF-8''${encodeURIComponent('收入证明（2026年）.pdf')}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('private, no-store');

    const views = await fileViews();
    expect(views).toHaveLength(before + 1);
    const clerkId = (await runtime.database.db.selectFrom('staff').select('id').where('username', '=', 'clerk').executeTakeFirstOrThrow()).id;
    expect(views.at(-1)).toMatchObject({ actor_id: clerkId, record_id: caseId });
    expect(JSON.parse(views.at(-1)!.details_json ?? '{}')).toEqual({ file: fileId });

    // Another role that handles the case's service at its office reads it too.
    expect((await get('approver', `/staff/cases/${trackingNumber}/files/${fileId}`)).status).toBe(200);
    // Both openings are in the case's record of access, as a look at it (docs/decisions/036).
    const view = (await (await get('clerk', `/staff/cases/${trackingNumber}`)).json()) as { access: { action: string }[] };
    expect(view.access.filter((record) => record.action === 'case.file.view')).toHaveLength(2);
  });

  it('opens a PDF or photo in the browser’s own viewer when asked, still sandboxed, and audits that look too', async () => {
    const { trackingNumber, fileId } = await caseWithFile(fixture('income-proof.pdf'), 'proof.pdf');
    const before = (await fileViews()).length;
    const response = await get('clerk', `/staff/cases/${trackingNumber}/files/${fileId}?view=inline`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="proof.pdf"; filename*=UTF-8''proof.pdf`);
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await fileViews()).toHaveLength(before + 1);
    // Asked to be saved, it is a download; a view the route does not know is refused.
    expect((await get('clerk', `/staff/cases/${trackingNumber}/files/${fileId}?view=attachment`)).headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await get('clerk', `/staff/cases/${trackingNumber}/files/${fileId}?view=html`)).status).toBe(422);
  });

  it('sends a photo as the JPEG it was stored as, without its EXIF', async () => {
    const { trackingNumber, fileId } = await caseWithFile(fixture('photo-with-gps.jpg'), 'ID card.jpg');
    const response = await get('clerk', `/staff/cases/${trackingNumber}/files/${fileId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ID card.jpg"; filename*=UTF-8''ID%20card.jpg`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.includes(Buffer.from('Zhang San'))).toBe(false);
  });

  it('answers 404 for a file of another case, an unknown file and a case out of the member’s scope, and audits none of them', async () => {
    const first = await caseWithFile(fixture('scan.png'), 'scan.png');
    const second = await caseWithFile(fixture('income-proof.pdf'), 'proof.pdf');
    const before = (await fileViews()).length;
    const cases = [
      ['clerk', `/staff/cases/${first.trackingNumber}/files/${second.fileId}`],
      ['clerk', `/staff/cases/${first.trackingNumber}/files/00000000-0000-4000-8000-000000000000`],
      ['clerk', `/staff/cases/ZZ-NOT-A-CASE/files/${first.fileId}`],
      ['county.clerk', `/staff/cases/${first.trackingNumber}/files/${first.fileId}`],
      ['marriage.clerk', `/staff/cases/${first.trackingNumber}/files/${first.fileId}`],
      ['office.admin', `/staff/cases/${first.trackingNumber}/files/${first.fileId}`],
      // A system admin without a break-glass reason learns nothing either.
      ['sysadmin', `/staff/cases/${first.trackingNumber}/files/${first.fileId}`],
    ] as const;
    for (const [username, path] of cases) {
      const response = await get(username, path, 'en');
      expect(response.status, `${username} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'file_not_found', message: 'We could not find this file, or it does not belong to this case' } });
    }
    expect(await fileViews()).toHaveLength(before);
  });

  it('answers 403 to a system admin reading the case by a break-glass reason: files are whole values', async () => {
    const { trackingNumber, fileId } = await caseWithFile(fixture('income-proof.pdf'), 'proof.pdf');
    const opened = await runtime.portal.app.request(`http://localhost/api/v1/staff/cases/${trackingNumber}/break-glass`, {
      method: 'POST',
      body: JSON.stringify({ reason: '核查群众投诉的办理情况' }),
      headers: { cookie: cookies.get('sysadmin') ?? '', 'content-type': 'application/json' },
    });
    expect(opened.status).toBe(200);
    const response = await get('sysadmin', `/staff/cases/${trackingNumber}/files/${fileId}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'not_permitted' } });
  });

  it('answers 401 to anyone not signed in, and 422 to a file id with control characters', async () => {
    const { trackingNumber, fileId } = await caseWithFile(fixture('income-proof.pdf'), 'proof.pdf');
    const stranger = await get(undefined, `/staff/cases/${trackingNumber}/files/${fileId}`);
    expect(stranger.status).toBe(401);
    expect(stranger.headers.get('content-type')).toContain('application/json');
    expect((await get('clerk', `/staff/cases/${trackingNumber}/files/a%00b`)).status).toBe(422);
  });
});
