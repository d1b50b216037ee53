/**
 * A draft's files over HTTP (docs/decisions/031): POST /drafts/{key}/files (multipart, the API's one
 * body that is not JSON, with its own size limit), listing, the download's headers, removal; a key
 * nobody was given sees nothing; the service's limits for the field hold; and submission with the
 * draft's key moves every file to the case in its transaction, so that none is left with the draft
 * and staff open them from the case.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../api/app.ts';
import { ELDER_ID } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { servicePackages, TEST_SERVICE } from '../support/test-service/service.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}
interface Draft {
  key: string;
  reference: string;
}
interface DraftFile {
  id: string;
  purpose: string;
  name: string;
  mediaType: string;
  size: number;
}

describe.each(DIALECTS)('a draft’s files on %s', (kind) => {
  let runtime: TestRuntime;
  // A form's body (multipart) or none, as a browser's form would send: the portal's same-origin check wants the Origin.
  const request = (path: string, init: RequestInit = {}) => runtime.portal.app.request(`http://localhost/api/v1${path}`, { ...init, headers: { origin: 'http://localhost', ...(init.headers as Record<string, string> | undefined) } });
  /** A draft started through the API: its key (in the path) and reference (in `draft-reference`, docs/decisions/033). */
  const start = async (): Promise<Draft> => {
    const response = await request('/drafts', { method: 'POST', body: JSON.stringify({ service: TEST_SERVICE }), headers: { 'content-type': 'application/json' } });
    const body = (await response.json()) as { reference: string; draft: { key: string } };
    return { key: body.draft.key, reference: body.reference };
  };
  const held = (draft: Draft, headers: Record<string, string> = {}) => ({ 'draft-reference': draft.reference, ...headers });
  const upload = (draft: Draft, content: Buffer, name: string, fields: Record<string, string> = {}, lang = 'zh-CN') => {
    const form = new FormData();
    form.set('service', fields['service'] ?? TEST_SERVICE);
    form.set('purpose', fields['purpose'] ?? 'incomeProof');
    form.set('file', new Blob([new Uint8Array(content)]), name);
    return request(`/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: held(draft, { 'accept-language': lang }) });
  };
  const list = async (draft: Draft) => ((await (await request(`/drafts/${draft.key}/files`, { headers: held(draft) })).json()) as { files: DraftFile[] }).files;

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { servicePackages });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('takes a photo, re-encoded without its EXIF, lists it and sends it back as a download to the draft’s holder only', async () => {
    const key = await start();
    const created = await upload(key, fixture('photo-with-gps.jpg'), '收入证明.jpg');
    expect(created.status).toBe(201);
    const file = (await created.json()) as DraftFile;
    expect(file).toMatchObject({ purpose: 'incomeProof', name: '收入证明.jpg', mediaType: 'image/jpeg' });
    expect(await list(key)).toEqual([expect.objectContaining({ id: file.id, name: '收入证明.jpg', size: file.size })]);

    const download = await request(`/drafts/${key.key}/files/${file.id}`, { headers: held(key) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('收入证明')}.jpg`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(file.size);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();

    // Another draft's reference, or the key without its reference, finds nothing.
    const stranger = await start();
    expect(await list(stranger)).toEqual([]);
    expect((await request(`/drafts/${key.key}/files`, { headers: held(stranger) })).status).toBe(404);
    expect((await request(`/drafts/${key.key}/files/${file.id}`, { headers: held(stranger) })).status).toBe(404);
    expect((await request(`/drafts/${stranger.key}/files/${file.id}`, { headers: held(stranger) })).status).toBe(404);
    expect((await request(`/drafts/${key.key}/files/${file.id}`)).status).toBe(422);
    // From another site: the portal's same-origin check, before anything is read.
    expect((await request(`/drafts/${key.key}/files/${file.id}`, { method: 'DELETE', headers: held(key, { origin: 'https://elsewhere.example' }) })).status).toBe(403);
    expect((await request(`/drafts/${stranger.key}/files/${file.id}`, { method: 'DELETE', headers: held(stranger) })).status).toBe(404);
    expect(await list(key)).toHaveLength(1);
  });

  it('refuses what the upload policy refuses, with its message on the file in the reader’s language, and keeps nothing', async () => {
    const key = await start();
    const script = await upload(key, fixture('script-named.jpg'), 'photo.jpg', {}, 'en');
    expect(script.status).toBe(422);
    const body = (await script.json()) as ErrorBody;
    expect(body.error.fields).toEqual([{ field: 'file', code: 'file_wrong-type', message: 'Proof of income: the file must be in one of these formats: PDF/JPG/PNG/HEIC. Take a photo or scan the document and upload it again' }]);
    const empty = (await (await upload(key, Buffer.alloc(0), 'empty.pdf')).json()) as ErrorBody;
    expect(empty.error.fields?.[0]).toMatchObject({ field: 'file', code: 'file_empty' });
    expect(empty.error.fields?.[0]?.message).toContain('收入证明');
    // The field's own limit (2 MB here), under the API's body limit for uploads.
    const tooBig = (await (await upload(key, Buffer.concat([fixture('income-proof.pdf'), Buffer.alloc(2 * 1024 * 1024)]), 'big.pdf')).json()) as ErrorBody;
    expect(tooBig.error.fields?.[0]).toMatchObject({ code: 'file_too-big' });
    expect(await list(key)).toEqual([]);
  });

  it('holds the field’s number of files and refuses a purpose or service that takes none', async () => {
    const key = await start();
    for (let i = 0; i < 3; i += 1) expect((await upload(key, fixture('income-proof.pdf'), `p${i}.pdf`)).status).toBe(201);
    const fourth = (await (await upload(key, fixture('scan.png'), 'p3.png')).json()) as ErrorBody;
    expect(fourth.error.fields?.[0]).toMatchObject({ code: 'file_too-many' });
    const purpose = await upload(await start(), fixture('scan.png'), 'x.png', { purpose: 'idCard' });
    expect(purpose.status).toBe(422);
    expect(((await purpose.json()) as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'purpose', code: 'no_such_purpose' });
    expect((await upload(await start(), fixture('scan.png'), 'x.png', { service: 'old-age-allowance' })).status).toBe(422);
  });

  it('takes multipart only on the upload, refuses a body over its own limit, and keeps the JSON rules elsewhere', async () => {
    const key = await start();
    const asJson = await request(`/drafts/${key.key}/files`, { method: 'POST', body: JSON.stringify({}), headers: held(key, { 'content-type': 'application/json' }) });
    expect(asJson.status).toBe(415);
    const huge = await request(`/drafts/${key.key}/files`, { method: 'POST', body: 'x', headers: held(key, { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(11 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    // A part missing.
    const form = new FormData();
    form.set('service', TEST_SERVICE);
    expect((await request(`/drafts/${key.key}/files`, { method: 'POST', body: form, headers: held(key) })).status).toBe(422);
    // Not a UUID: no draft has such a key.
    expect((await request('/drafts/not-a-key/files', { headers: held(key) })).status).toBe(422);
    // Any other operation still refuses a multipart body, and a JSON body over 256 KiB.
    const elsewhere = new FormData();
    elsewhere.set('x', 'y');
    expect((await request(`/services/${TEST_SERVICE}/applications`, { method: 'POST', body: elsewhere })).status).toBe(415);
    expect((await request(`/services/${TEST_SERVICE}/applications`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { 'content-type': 'application/json' } })).status).toBe(413);
  });

  it('removes one file and leaves the others', async () => {
    const key = await start();
    const first = (await (await upload(key, fixture('income-proof.pdf'), 'a.pdf')).json()) as DraftFile;
    await upload(key, fixture('scan.png'), 'b.png');
    const removed = await request(`/drafts/${key.key}/files/${first.id}`, { method: 'DELETE', headers: held(key) });
    expect(removed.status).toBe(204);
    expect((await list(key)).map((file) => file.name)).toEqual(['b.png']);
    expect((await request(`/drafts/${key.key}/files/${first.id}`, { method: 'DELETE', headers: held(key) })).status).toBe(404);
  });

  it('moves the draft’s files to the case at submission, none left with the draft', async () => {
    const key = await start();
    await upload(key, fixture('income-proof.pdf'), 'a.pdf');
    await upload(key, fixture('scan.png'), 'b.png');
    const submitted = await request(`/services/${TEST_SERVICE}/applications`, {
      method: 'POST',
      body: JSON.stringify({ person: { name: '王大明', idNumber: ELDER_ID, phone: '13812340001' }, household: [{ name: '王小明', relationship: 'child' }], declaration: true }),
      headers: { 'content-type': 'application/json', 'idempotency-key': key.key, 'draft-reference': key.reference },
    });
    expect(submitted.status).toBe(201);
    const { trackingNumber } = (await submitted.json()) as { trackingNumber: string };
    const { id: caseId } = await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow();
    expect(await list(key)).toEqual([]);
    const owned = await runtime.database.db.selectFrom('files').select(['owner_kind', 'owner_id']).where('owner_id', 'in', [key.key, caseId]).execute();
    expect(owned).toEqual([
      { owner_kind: 'case', owner_id: caseId },
      { owner_kind: 'case', owner_id: caseId },
    ]);
    // A submission refused by the schema moves nothing.
    const other = await start();
    await upload(other, fixture('income-proof.pdf'), 'c.pdf');
    const refused = await request(`/services/${TEST_SERVICE}/applications`, { method: 'POST', body: JSON.stringify({}), headers: { 'content-type': 'application/json', 'draft-reference': other.reference } });
    expect(refused.status).toBe(422);
    expect(await list(other)).toHaveLength(1);
  });
});
