/**
 * The file engine on each database (docs/decisions/026): an upload stored encrypted outside the
 * database and recorded with its metadata; an owner's limits, also under uploads at once; a draft's
 * files moved to its case in the caller's transaction; an owner's files deleted with the contents
 * no one else's file names; nothing left behind by an upload that failed at any step; the scan
 * hook's verdicts; the sweep of contents no record names.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileSealer } from '../../api/engine/files/file-sealing.ts';
import { localFileStore } from '../../api/engine/files/file-store.ts';
import { acceptUpload, deleteOwnerFiles, FILE_NAME_CONTEXT, listFiles, moveDraftFiles, ORPHAN_GRACE_MS, readFile, sweepOrphanFiles, type FileEngineDeps, type FileOwner } from '../../api/engine/files/files.ts';
import { commandScanner, notScanning } from '../../api/engine/files/scanner.ts';
import { limitsFor } from '../../api/engine/files/upload-policy.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { DIALECTS, useMigratedDatabase } from '../support/test-database.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
const PDF = fixture('income-proof.pdf');
/** A PDF of its own for each use: equal contents share one stored copy. */
let serial = 0;
const pdf = () => Buffer.concat([PDF, Buffer.from(`%${(serial += 1)}\n`)]);
const draft = (): FileOwner => ({ kind: 'draft', id: `draft-${randomBytes(6).toString('hex')}` });

describe.each(DIALECTS)('the file engine on %s', (kind) => {
  const database = useMigratedDatabase(kind);
  let root: string;
  let deps: FileEngineDeps;
  const crypto = createFieldCrypto(randomBytes(32));
  const sealer = createFileSealer(randomBytes(32));

  /** The addresses the store holds. */
  const stored = async () => {
    const addresses: string[] = [];
    for await (const entry of deps.store.list()) addresses.push(entry.address);
    return addresses;
  };
  const rowsOf = (owner: FileOwner) => database.handle.db.selectFrom('files').selectAll().where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).execute();
  const upload = (owner: FileOwner, content: Buffer, extra: Partial<Parameters<typeof acceptUpload>[1]> = {}, engine = deps) =>
    acceptUpload(engine, { owner, purpose: 'incomeProof', name: '收入证明.pdf', content, ...extra });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'portal-file-store-'));
    deps = { db: database.handle.db, kind, crypto, store: localFileStore(join(root, 'files')), sealer, scanner: notScanning, now: () => new Date() };
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores an upload encrypted outside the database, at a keyed address, and records what it is', async () => {
    const owner = draft();
    const content = pdf();
    const result = await upload(owner, content);
    expect(result).toMatchObject({ ok: true, file: { purpose: 'incomeProof', name: '收入证明.pdf', mediaType: 'application/pdf', size: content.length, scanState: 'not-scanned' } });
    if (!result.ok) return;
    expect(result.file.id).toMatch(/^[0-9a-f-]{36}$/);

    const [row] = await rowsOf(owner);
    expect(row).toMatchObject({ id: result.file.id, purpose: 'incomeProof', media_type: 'application/pdf', scan_state: 'not-scanned' });
    expect(row!.name_enc).not.toContain('收入');
    expect(crypto.decrypt(row!.name_enc, FILE_NAME_CONTEXT)).toBe('收入证明.pdf');
    expect(row!.address).toBe(sealer.addressOf(content));
    const onDisk = readFileSync(join(root, 'files', row!.address.slice(0, 2), row!.address.slice(2, 4), row!.address));
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);

    expect(await listFiles(deps, owner)).toEqual([result.file]);
    const read = await readFile(deps, owner, result.file.id);
    expect(read?.content.equals(content)).toBe(true);
    // Another owner, or an unknown id, finds nothing.
    expect(await readFile(deps, draft(), result.file.id)).toBeUndefined();
    expect(await readFile(deps, owner, 'not-a-file')).toBeUndefined();
  });

  it('refuses a file beyond the owner’s count or total size, and leaves nothing of it behind', async () => {
    const owner = draft();
    const limits = limitsFor({ maxFiles: 2, maxTotalBytes: PDF.length * 3 });
    expect((await upload(owner, pdf(), { limits })).ok).toBe(true);
    expect((await upload(owner, pdf(), { limits })).ok).toBe(true);
    const before = await stored();
    const third = pdf();
    expect(await upload(owner, third, { limits })).toEqual({ ok: false, refusal: { code: 'too-many', maxFiles: 2 } });
    expect(await stored()).toEqual(before);
    expect(before).not.toContain(sealer.addressOf(third));

    const other = draft();
    const big = Buffer.concat([PDF, Buffer.alloc(PDF.length * 2)]);
    const first = pdf();
    expect((await upload(other, first, { limits })).ok).toBe(true);
    expect(await upload(other, big, { limits })).toEqual({ ok: false, refusal: { code: 'owner-full', maxTotalBytes: PDF.length * 3, usedBytes: first.length } });
    expect(await rowsOf(other)).toHaveLength(1);
    expect(await stored()).not.toContain(sealer.addressOf(big));
  });

  it('keeps the count under uploads sent at once: exactly the limit recorded, every other refused', async () => {
    const owner = draft();
    const limits = limitsFor({ maxFiles: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, () => upload(owner, pdf(), { limits })));
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.refusal.code)).toEqual(Array(5).fill('too-many'));
    const rows = await rowsOf(owner);
    expect(rows).toHaveLength(3);
    const addresses = await stored();
    for (const row of rows) expect(addresses).toContain(row.address);
  });

  it('refuses a file of the wrong type, an unreadable image and an empty file without storing or recording anything', async () => {
    const owner = draft();
    const before = await stored();
    expect(await upload(owner, fixture('script-named.jpg'), { name: 'photo.jpg' })).toMatchObject({ ok: false, refusal: { code: 'wrong-type' } });
    const jpeg = fixture('photo-with-gps.jpg');
    expect(await upload(owner, jpeg.subarray(0, jpeg.length / 2))).toEqual({ ok: false, refusal: { code: 'unreadable' } });
    expect(await upload(owner, Buffer.alloc(0))).toEqual({ ok: false, refusal: { code: 'empty' } });
    expect(await rowsOf(owner)).toEqual([]);
    expect(await stored()).toEqual(before);
  });

  it('removes the stored content when recording fails, and records nothing', async () => {
    const owner = draft();
    const content = pdf();
    const failing: FileEngineDeps = {
      ...deps,
      crypto: { ...crypto, encrypt: () => { throw new Error('the key store is unreachable'); } },
    };
    await expect(upload(owner, content, {}, failing)).rejects.toThrow('unreachable');
    expect(await rowsOf(owner)).toEqual([]);
    expect(await stored()).not.toContain(sealer.addressOf(content));
  });

  it('stores a photo re-encoded (a phone’s HEIC as a JPEG) under the name of what it is now', async () => {
    const owner = draft();
    const result = await upload(owner, fixture('phone-photo.heic'), { purpose: 'idCardFront', name: 'IMG_0042.HEIC' });
    expect(result).toMatchObject({ ok: true, file: { name: 'IMG_0042.jpg', mediaType: 'image/jpeg', purpose: 'idCardFront' } });
    if (!result.ok) return;
    const read = await readFile(deps, owner, result.file.id);
    expect(read?.content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(read?.info.size).toBe(read?.content.length);
  });

  it('moves a draft’s files to its case in the caller’s transaction, or not at all', async () => {
    const owner = draft();
    await upload(owner, pdf());
    await upload(owner, pdf());
    const caseOwner: FileOwner = { kind: 'case', id: `case-${randomBytes(6).toString('hex')}` };
    await expect(
      database.handle.db.transaction().execute(async (trx) => {
        expect(await moveDraftFiles(trx, kind, owner.id, caseOwner.id)).toBe(2);
        throw new Error('submission failed after moving');
      }),
    ).rejects.toThrow('submission failed');
    expect(await rowsOf(owner)).toHaveLength(2);
    expect(await rowsOf(caseOwner)).toHaveLength(0);

    await database.handle.db.transaction().execute((trx) => moveDraftFiles(trx, kind, owner.id, caseOwner.id));
    expect(await rowsOf(owner)).toHaveLength(0);
    const moved = await listFiles(deps, caseOwner);
    expect(moved.map((file) => file.name)).toEqual(['收入证明.pdf', '收入证明.pdf']);
    expect((await readFile(deps, caseOwner, moved[0]!.id))?.content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('deletes an owner’s files, and a content only once no other file names it', async () => {
    const expired = draft();
    const keeper = draft();
    const shared = pdf();
    const own = pdf();
    await upload(expired, shared);
    await upload(expired, own);
    await upload(keeper, shared);
    expect(await deleteOwnerFiles(deps, expired)).toBe(2);
    expect(await rowsOf(expired)).toEqual([]);
    const addresses = await stored();
    expect(addresses).not.toContain(sealer.addressOf(own));
    expect(addresses).toContain(sealer.addressOf(shared));
    const [kept] = await listFiles(deps, keeper);
    expect((await readFile(deps, keeper, kept!.id))?.content.equals(shared)).toBe(true);

    expect(await deleteOwnerFiles(deps, keeper)).toBe(1);
    expect(await stored()).not.toContain(sealer.addressOf(shared));
  });

  it('sweeps contents no file names once they are an hour old, and nothing else', async () => {
    const owner = draft();
    const recorded = await upload(owner, pdf());
    expect(recorded.ok).toBe(true);
    const orphanOld = sealer.addressOf(Buffer.from('old orphan'));
    const orphanNew = sealer.addressOf(Buffer.from('new orphan'));
    await deps.store.put(orphanOld, sealer.seal(Buffer.from('old orphan'), orphanOld));
    await deps.store.put(orphanNew, sealer.seal(Buffer.from('new orphan'), orphanNew));
    const longAgo = new Date(Date.now() - ORPHAN_GRACE_MS - 60_000);
    utimesSync(join(root, 'files', orphanOld.slice(0, 2), orphanOld.slice(2, 4), orphanOld), longAgo, longAgo);
    for (const row of await rowsOf(owner)) utimesSync(join(root, 'files', row.address.slice(0, 2), row.address.slice(2, 4), row.address), longAgo, longAgo);
    writeFileSync(join(root, 'files', 'tmp', 'left-by-a-crash'), 'x');
    utimesSync(join(root, 'files', 'tmp', 'left-by-a-crash'), longAgo, longAgo);

    expect(await sweepOrphanFiles(deps)).toBe(1);
    const addresses = await stored();
    expect(addresses).not.toContain(orphanOld);
    expect(addresses).toContain(orphanNew);
    for (const row of await rowsOf(owner)) expect(addresses).toContain(row.address);
    expect(existsSync(join(root, 'files', 'tmp', 'left-by-a-crash'))).toBe(false);
  });

  describe('with a scanner (FILE_SCAN_COMMAND)', () => {
    let scannerDir: string;
    let command: string;
    beforeAll(() => {
      scannerDir = mkdtempSync(join(tmpdir(), 'portal-scanner-'));
      command = join(scannerDir, 'scan');
      // As clamdscan answers: 0 clean, 1 infected, 2 an error. The test's "virus" is a marker string.
      writeFileSync(command, '#!/bin/sh\ngrep -q EICAR-TEST "$2" && exit 1\ngrep -q SCANNER-BREAKS "$2" && exit 2\nexit 0\n');
      chmodSync(command, 0o755);
    });
    afterAll(() => rmSync(scannerDir, { recursive: true, force: true }));
    const scanning = () => ({ ...deps, scanner: commandScanner(`${command} --no-summary`, join(root, 'files', 'tmp')) });

    it('records a clean file as scanned clean', async () => {
      const result = await upload(draft(), pdf(), {}, scanning());
      expect(result).toMatchObject({ ok: true, file: { scanState: 'clean' } });
    });

    it('refuses an infected file, and a file the scanner could not check, storing and recording nothing', async () => {
      const owner = draft();
      const before = await stored();
      const infected = Buffer.concat([PDF, Buffer.from('%EICAR-TEST\n')]);
      const broken = Buffer.concat([PDF, Buffer.from('%SCANNER-BREAKS\n')]);
      expect(await upload(owner, infected, {}, scanning())).toEqual({ ok: false, refusal: { code: 'infected' } });
      expect(await upload(owner, broken, {}, scanning())).toEqual({ ok: false, refusal: { code: 'scan-failed' } });
      expect(await upload(owner, pdf(), {}, { ...deps, scanner: commandScanner(join(scannerDir, 'no-such-scanner'), join(root, 'files', 'tmp')) })).toEqual({ ok: false, refusal: { code: 'scan-failed' } });
      expect(await rowsOf(owner)).toEqual([]);
      expect(await stored()).toEqual(before);
    });
  });
});
