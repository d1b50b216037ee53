/**
 * The applicant answers a request for documents (补正) with files and a note (docs/decisions/039):
 * POST /track/documents, multipart, with the status page's two factors. All or nothing: the files
 * become the case's, the step is recorded with the note and the files' names, the paused time limit
 * resumes, the step is audited and texted; a refusal or a failure part-way leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDocumentRequest } from '../../api/cases/case-supplement.ts';
import { BUILT_IN_SERVICES, type ServiceRegistry } from '../../api/services/registry.ts';
import { ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
type CaseWork = { files: { id: string; name: string }[]; timeline: { transition: string; actorRole: string | null; details: Record<string, string> }[] };
type ApiError = { error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] } };
type Progress = { state: string; deadlines: { key: string; dueOn: string; paused: boolean }[]; documentsAnswer: { filesLeft: number; maxFileBytes: number } | null; timeline: { transition: string; details: Record<string, string> }[] };

describe.each(DIALECTS)('answering a request for documents on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => new Date(), lang: 'zh-CN' });
  let client = 0;

  async function newCase(): Promise<string> {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', { method: 'POST', body: JSON.stringify(oldAgeAllowanceApplication()), headers: { 'content-type': 'application/json' } });
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  const act = (trackingNumber: string, transition: string, version: number, input: Record<string, string> = {}) =>
    staff.request('clerk', `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input } });
  /** A case accepted, then asked for documents: its decision time limit paused. */
  async function awaitingDocuments(): Promise<string> {
    const trackingNumber = await newCase();
    expect((await act(trackingNumber, 'accept', 1)).status).toBe(200);
    expect((await act(trackingNumber, 'request-documents', 2, { documents: '老人本人的银行卡复印件' })).status).toBe(200);
    return trackingNumber;
  }
  const caseId = async (trackingNumber: string) => (await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow()).id;
  const caseFiles = async (trackingNumber: string) => runtime.database.db.selectFrom('files').selectAll().where('owner_kind', '=', 'case').where('owner_id', '=', await caseId(trackingNumber)).execute();
  const state = async (trackingNumber: string) => (await runtime.database.db.selectFrom('cases').select(['state', 'version']).where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow());
  const storedContents = async () => {
    let count = 0;
    for await (const _ of runtime.files.store.list()) count += 1;
    return count;
  };

  /** Sends the answer as a browser's multipart form would, each from a client of its own (the limits per client stay out of the way). */
  function answer(trackingNumber: string, parts: { secondFactor?: string; note?: string; files?: { name: string; content: Buffer }[] }, lang = 'zh-CN') {
    const form = new FormData();
    form.set('trackingNumber', trackingNumber);
    form.set('secondFactor', parts.secondFactor ?? ELDER_PHONE);
    if (parts.note !== undefined) form.set('note', parts.note);
    for (const file of parts.files ?? []) form.append('files', new Blob([new Uint8Array(file.content)]), file.name);
    client += 1;
    return runtime.portal.app.request('http://localhost/api/v1/track/documents', { method: 'POST', body: form, headers: { 'accept-language': lang, origin: 'http://localhost' } }, { clientAddress: `10.7.0.${client % 250}` });
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await staff.member('clerk', ['intake']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('attaches the files to the case, records the step with the note and names, resumes the time limit, audits and texts it', async () => {
    const trackingNumber = await awaitingDocuments();
    const before = (await runtime.database.db.selectFrom('cases').select('deadlines_json').where('id', '=', await caseId(trackingNumber)).executeTakeFirstOrThrow()).deadlines_json;
    const pausedDue = (JSON.parse(before) as { key: string; dueOn: string }[]).find((deadline) => deadline.key === 'decision')?.dueOn;

    const response = await answer(trackingNumber, { note: '银行卡在第二页', files: [{ name: '银行卡.pdf', content: fixture('income-proof.pdf') }, { name: '户口本.jpg', content: fixture('photo-with-gps.jpg') }] });
    expect(response.status).toBe(200);
    const progress = (await response.json()) as Progress;
    expect(progress.state).toBe('accepted');
    expect(progress.deadlines.find((deadline) => deadline.key === 'decision')).toMatchObject({ paused: false, dueOn: pausedDue });
    expect(progress.documentsAnswer).toBeNull();
    expect(progress.timeline.at(-1)).toEqual({ at: expect.any(String), transition: 'provide-documents', to: 'accepted', details: { note: '银行卡在第二页', providedFiles: '银行卡.pdf; 户口本.jpg' } });
    // The note and the names are sealed in the timeline (docs/decisions/049), as the files' own names are.
    const events = await runtime.database.db.selectFrom('case_events').select('input_json').where('case_id', '=', await caseId(trackingNumber)).execute();
    expect(JSON.stringify(events)).not.toMatch(/银行卡|户口本|第二页/);

    const files = await caseFiles(trackingNumber);
    expect(files.map((file) => [file.purpose, file.media_type])).toEqual([
      ['supplement', 'application/pdf'],
      ['supplement', 'image/jpeg'],
    ]);
    const audit = await runtime.database.db.selectFrom('audit_log').select(['actor_role', 'details_json']).where('action', '=', 'case.provide-documents').where('record_id', '=', await caseId(trackingNumber)).executeTakeFirstOrThrow();
    expect(audit.actor_role).toBe('applicant');
    expect((JSON.parse(audit.details_json ?? '{}') as { files: string }).files.split(',').sort()).toEqual(files.map((file) => file.id).sort());
    const texts = await runtime.database.db.selectFrom('notification_outbox').select('template').where('case_id', '=', await caseId(trackingNumber)).orderBy('created_at').execute();
    expect(texts.at(-1)?.template).toBe('case.documentsReceived');

    // Staff see the files with the others, and the answer on the timeline; the photo lost its EXIF.
    const work = (await (await staff.request('clerk', `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
    expect(work.files.map((file) => file.name)).toEqual(['银行卡.pdf', '户口本.jpg']);
    expect(work.timeline.at(-1)).toMatchObject({ transition: 'provide-documents', actorRole: null, details: { note: '银行卡在第二页', providedFiles: '银行卡.pdf; 户口本.jpg' } });
    const photo = await staff.request('clerk', `/staff/cases/${trackingNumber}/files/${work.files[1]?.id ?? ''}`);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).includes(Buffer.from('Zhang San'))).toBe(false);
  });

  it('takes an answer without a note, and says what an answer may carry while the case waits', async () => {
    const trackingNumber = await awaitingDocuments();
    const lookup = (await (await runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: ELDER_PHONE }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.7.1.1' })).json()) as Progress;
    expect(lookup.documentsAnswer).toMatchObject({ filesLeft: 20, maxFileBytes: 10 * 1024 * 1024 });
    const response = await answer(trackingNumber, { note: '   ', files: [{ name: 'scan.png', content: fixture('scan.png') }] });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Progress).timeline.at(-1)?.details).toEqual({ providedFiles: 'scan.png' });
  });

  it('refuses a case that is not waiting for documents, and a pair that opens no case, keeping nothing', async () => {
    const submitted = await newCase();
    const contents = await storedContents();
    const notWaiting = await answer(submitted, { files: [{ name: 'scan.png', content: fixture('scan.png') }] });
    expect(notWaiting.status).toBe(409);
    expect(((await notWaiting.json()) as ApiError).error.code).toBe('not_answerable');

    const waiting = await awaitingDocuments();
    const stranger = await answer(waiting, { secondFactor: '13900000000', files: [{ name: 'scan.png', content: fixture('scan.png') }] });
    expect(stranger.status).toBe(404);
    expect(await caseFiles(submitted)).toEqual([]);
    expect(await caseFiles(waiting)).toEqual([]);
    expect((await state(waiting)).state).toBe('awaiting-documents');
    expect(await storedContents()).toBe(contents);

    // Answered once, the case no longer waits: a second answer is refused.
    expect((await answer(waiting, { files: [{ name: 'scan.png', content: fixture('scan.png') }] })).status).toBe(200);
    expect((await answer(waiting, { files: [{ name: 'scan.png', content: fixture('scan.png') }] })).status).toBe(409);
    expect(await caseFiles(waiting)).toHaveLength(1);
  });

  it('refuses no file, too many, a file too big and one of the wrong type, on the files field, naming the file, in both languages', async () => {
    const trackingNumber = await awaitingDocuments();
    const contents = await storedContents();
    const field = async (response: Response) => {
      expect(response.status).toBe(422);
      const body = (await response.json()) as ApiError;
      return body.error.fields?.[0];
    };
    expect(await field(await answer(trackingNumber, { note: '见附件' }))).toMatchObject({ field: 'files', code: 'file_none', message: '请选择要上传的补正材料' });
    const many = Array.from({ length: 21 }, (_, index) => ({ name: `scan-${index}.png`, content: fixture('scan.png') }));
    expect(await field(await answer(trackingNumber, { files: many }))).toMatchObject({ field: 'files', code: 'file_too-many' });
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await field(await answer(trackingNumber, { files: [{ name: 'scan.png', content: fixture('scan.png') }, { name: '大文件.pdf', content: big }] }));
    expect(tooBig).toMatchObject({ field: 'files', code: 'file_too-big' });
    expect(tooBig?.message).toContain('“大文件.pdf”');
    expect(tooBig?.message).toContain('10 MB');
    const wrong = await field(await answer(trackingNumber, { files: [{ name: 'script-named.jpg', content: fixture('script-named.jpg') }] }, 'en'));
    expect(wrong).toMatchObject({ field: 'files', code: 'file_wrong-type' });
    expect(wrong?.message).toContain('“script-named.jpg”');
    expect(wrong?.message).toMatch(/^Documents/);
    const note = await field(await answer(trackingNumber, { note: '字'.repeat(201), files: [{ name: 'scan.png', content: fixture('scan.png') }] }));
    expect(note).toMatchObject({ field: 'note' });
    // Nothing was kept: the first file of the refused pair was given back too.
    expect(await caseFiles(trackingNumber)).toEqual([]);
    expect((await state(trackingNumber)).state).toBe('awaiting-documents');
    expect(await storedContents()).toBe(contents);
  });

  it('undoes the whole answer when a later file finds the case full inside the transaction', async () => {
    const trackingNumber = await awaitingDocuments();
    const contents = await storedContents();
    const builtIn = BUILT_IN_SERVICES;
    // 高龄津贴 with a case's files limited to 1500 bytes together: the first scan fits, the second does not.
    const services: ServiceRegistry = {
      ids: builtIn.ids,
      get: (id) => {
        const service = builtIn.get(id);
        return id === 'old-age-allowance' && service ? { ...service, supplementLimits: { maxTotalBytes: 1500 } } : service;
      },
    };
    const scan = (padding: number) => Buffer.concat([fixture('income-proof.pdf'), Buffer.alloc(padding, 0x20)]);
    const deps = { db: runtime.database.db, kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => new Date(), randomBytes, services, ...runtime.files };
    const result = await answerDocumentRequest(deps, { trackingNumber, secondFactor: ELDER_PHONE }, { note: '', files: [{ name: 'page-1.pdf', content: scan(700) }, { name: 'page-2.pdf', content: scan(701) }] }, null);
    expect(result).toEqual({ ok: false, reason: 'files', refusal: { code: 'owner-full', maxTotalBytes: 1500, usedBytes: 1029 } });
    expect(await caseFiles(trackingNumber)).toEqual([]);
    expect(await state(trackingNumber)).toEqual({ state: 'awaiting-documents', version: 3 });
    expect(await storedContents()).toBe(contents);
  });

  it('leaves nothing half done when the transaction fails part-way', async () => {
    const trackingNumber = await awaitingDocuments();
    const contents = await storedContents();
    const events = async () => runtime.database.db.selectFrom('case_events').select('transition').where('case_id', '=', await caseId(trackingNumber)).execute();
    const eventsBefore = (await events()).length;
    const deps = { db: runtime.database.db, kind, crypto: runtime.crypto, calendar: runtime.calendar, now: () => new Date(), randomBytes, ...runtime.files };
    await expect(
      answerDocumentRequest(deps, { trackingNumber, secondFactor: ELDER_PHONE }, { note: '', files: [{ name: 'scan.png', content: fixture('scan.png') }, { name: 'photo.jpg', content: fixture('photo-with-gps.jpg') }] }, null, () => {
        throw new Error('the database went away');
      }),
    ).rejects.toThrow('the database went away');
    expect(await caseFiles(trackingNumber)).toEqual([]);
    expect(await state(trackingNumber)).toEqual({ state: 'awaiting-documents', version: 3 });
    expect(await events()).toHaveLength(eventsBefore);
    expect(await storedContents()).toBe(contents);
  });
});
