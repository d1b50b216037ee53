/**
 * The file engine's use cases (docs/decisions/026): accept an upload for an owner (a draft or a
 * case), list an owner's files, move a draft's files to its case, delete an owner's files, read one
 * for serving, and sweep contents no record names. The engine never names a service: a service
 * gives the owner, the field's name (purpose) and its limits.
 *
 * Accepting runs check → process → scan → store → record. Nothing is recorded unless all of it
 * succeeded, and a content stored for an upload that then failed is released at once (or, if the
 * process died in between, by the sweep).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseKind } from '../../db/connect.ts';
import { deleteOwnerFileRecord, deleteOwnerFileRecords, findOwnerFile, moveOwnerFiles, namedAddresses, ownerFiles, recordFile, recordFileIn, releaseAddress, type FileOwner } from '../../db/files.repo.ts';
import type { Database, FileTable } from '../../db/schema.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import type { FileSealer } from './file-sealing.ts';
import type { FileStore } from './file-store.ts';
import { processUpload } from './processing.ts';
import type { FileScanner, ScanState } from './scanner.ts';
import { checkUpload, DEFAULT_FILE_LIMITS, storedName, type FileLimits, type FileRefusal } from './upload-policy.ts';

export type { FileOwner } from '../../db/files.repo.ts';

/** The field-crypto context of a file's name. */
export const FILE_NAME_CONTEXT = 'files.name';
/** Contents no record names are swept once they are older than this: an upload in flight has long recorded its file by then. */
export const ORPHAN_GRACE_MS = 60 * 60_000;

export interface FileEngineDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Encrypts the file's name like every personal value. */
  crypto: FieldCrypto;
  store: FileStore;
  sealer: FileSealer;
  scanner: FileScanner;
  now: () => Date;
}

/** A file as the engine shows it: never its address or its content. */
export interface FileInfo {
  id: string;
  purpose: string;
  name: string;
  mediaType: string;
  size: number;
  scanState: ScanState;
  createdAt: string;
}

export interface Upload {
  owner: FileOwner;
  /** The field (or purpose) the file is given for. */
  purpose: string;
  /** The name the sender gave (only for serving it back; never used to decide anything). */
  name: string;
  content: Buffer;
  /** The field's limits; the engine's defaults when absent. */
  limits?: FileLimits;
}

export type UploadResult = { ok: true; file: FileInfo } | { ok: false; refusal: FileRefusal };

function infoOf(deps: FileEngineDeps, row: FileTable): FileInfo {
  return {
    id: row.id,
    purpose: row.purpose,
    name: deps.crypto.decrypt(row.name_enc, FILE_NAME_CONTEXT),
    mediaType: row.media_type,
    size: Number(row.size),
    scanState: row.scan_state === 'clean' ? 'clean' : 'not-scanned',
    createdAt: row.created_at,
  };
}

const release = (deps: FileEngineDeps, address: string) => releaseAddress(deps.db, deps.kind, address, () => deps.store.delete(address));

export async function acceptUpload(deps: FileEngineDeps, upload: Upload): Promise<UploadResult> {
  const limits = upload.limits ?? DEFAULT_FILE_LIMITS;
  const prepared = await prepareUpload(deps, upload);
  if (!prepared.ok) return prepared;
  let recorded: Awaited<ReturnType<typeof recordFile>>;
  try {
    recorded = await recordFile(deps.db, deps.kind, recordOf(upload.owner, prepared.file), limits);
  } catch (error) {
    await releasePrepared(deps, [prepared.file]).catch(() => undefined);
    throw error;
  }
  if (!recorded.ok) {
    await releasePrepared(deps, [prepared.file]);
    return recorded;
  }
  await keepPrepared(deps, [prepared.file]);
  return { ok: true, file: infoOfPrepared({ ...prepared.file, id: recorded.id }) };
}

/**
 * A file checked, processed, scanned, sealed and stored, not yet recorded for anyone: what a caller
 * that records files inside its own transaction (a 补正 answer, docs/decisions/039) holds between
 * the two. Its content is released (releasePrepared) if the recording does not happen.
 */
export interface PreparedFile {
  /** The record's id, chosen before it is recorded (an audit entry names it in the same transaction). */
  id: string;
  purpose: string;
  name: string;
  nameEnc: string;
  mediaType: string;
  size: number;
  address: string;
  sealed: Buffer;
  scanState: ScanState;
  createdAt: Date;
}

export type PrepareResult = { ok: true; file: PreparedFile } | { ok: false; refusal: FileRefusal };

/** Check → process → scan → seal → store: everything but the record. The content is stored. */
export async function prepareUpload(deps: FileEngineDeps, upload: Omit<Upload, 'owner'>): Promise<PrepareResult> {
  const limits = upload.limits ?? DEFAULT_FILE_LIMITS;
  const checked = checkUpload(upload.content, limits);
  if (!checked.ok) return checked;
  const processed = await processUpload(checked.kind, upload.content);
  if (!processed.ok) return { ok: false, refusal: { code: 'unreadable' } };
  // The bytes as sent are what could carry something harmful (a PDF is stored as sent).
  const verdict = await deps.scanner.scan(upload.content);
  if (verdict === 'infected') return { ok: false, refusal: { code: 'infected' } };
  if (verdict === 'failed') return { ok: false, refusal: { code: 'scan-failed' } };
  const { content, mediaType } = processed.file;
  const name = storedName(upload.name, checked.kind);
  // Everything that may fail before the content is stored: once stored, only a record or a release follows.
  const nameEnc = deps.crypto.encrypt(name, FILE_NAME_CONTEXT);
  const address = deps.sealer.addressOf(content);
  const sealed = deps.sealer.seal(content, address);
  await deps.store.put(address, sealed);
  return { ok: true, file: { id: randomUUID(), purpose: upload.purpose, name, nameEnc, mediaType, size: content.length, address, sealed, scanState: verdict, createdAt: deps.now() } };
}

const recordOf = (owner: FileOwner, file: PreparedFile) => ({
  id: file.id,
  owner,
  purpose: file.purpose,
  nameEnc: file.nameEnc,
  mediaType: file.mediaType,
  size: file.size,
  address: file.address,
  scanState: file.scanState,
  createdAt: file.createdAt,
});

const infoOfPrepared = (file: PreparedFile): FileInfo => ({
  id: file.id,
  purpose: file.purpose,
  name: file.name,
  mediaType: file.mediaType,
  size: file.size,
  scanState: file.scanState,
  createdAt: file.createdAt.toISOString(),
});

/** Records a prepared file for `owner` in the caller's transaction, if the owner has room under `limits`. */
export async function recordPrepared(trx: Transaction<Database>, kind: DatabaseKind, owner: FileOwner, file: PreparedFile, limits: FileLimits): Promise<{ ok: true; file: FileInfo } | { ok: false; refusal: FileRefusal }> {
  const recorded = await recordFileIn(trx, kind, recordOf(owner, file), limits);
  return recorded.ok ? { ok: true, file: infoOfPrepared(file) } : recorded;
}

/** Gives back the contents of prepared files that were never recorded (a refusal, a failed transaction). */
export async function releasePrepared(deps: FileEngineDeps, files: readonly PreparedFile[]): Promise<void> {
  for (const address of new Set(files.map((file) => file.address))) await release(deps, address);
}

/**
 * After the records are committed: another owner's files with the same content may have been
 * deleted, and the content released, between storing it and recording these files: store it again.
 */
export async function keepPrepared(deps: FileEngineDeps, files: readonly PreparedFile[]): Promise<void> {
  for (const file of files) if (!(await deps.store.has(file.address))) await deps.store.put(file.address, file.sealed);
}

export async function listFiles(deps: FileEngineDeps, owner: FileOwner): Promise<FileInfo[]> {
  return (await ownerFiles(deps.db, owner)).map((row) => infoOf(deps, row));
}

/** A draft's files become its case's, in the caller's transaction (submission). How many moved. */
export function moveDraftFiles(trx: Transaction<Database>, kind: DatabaseKind, draftId: string, caseId: string): Promise<number> {
  return moveOwnerFiles(trx, kind, { kind: 'draft', id: draftId }, { kind: 'case', id: caseId });
}

/** Removes every file of the owner (an expired draft's): the records, then each content no other record names. How many records. */
export async function deleteOwnerFiles(deps: FileEngineDeps, owner: FileOwner): Promise<number> {
  const { deleted, addresses } = await deleteOwnerFileRecords(deps.db, deps.kind, owner);
  for (const address of addresses) await release(deps, address);
  return deleted;
}

/** Removes one of the owner's files (the applicant taking back a draft's file); false when the owner has no such file. */
export async function deleteFile(deps: FileEngineDeps, owner: FileOwner, fileId: string): Promise<boolean> {
  const address = await deleteOwnerFileRecord(deps.db, deps.kind, owner, fileId);
  if (address === undefined) return false;
  await release(deps, address);
  return true;
}

export interface StoredFile {
  info: FileInfo;
  content: Buffer;
}

/**
 * One of the owner's files with its content, for serving; undefined for a file that is not the
 * owner's (whoever asks learns nothing of other owners' files) or whose content is missing.
 */
export async function readFile(deps: FileEngineDeps, owner: FileOwner, fileId: string): Promise<StoredFile | undefined> {
  const row = await findOwnerFile(deps.db, owner, fileId);
  if (!row) return undefined;
  const sealed = await deps.store.get(row.address);
  if (!sealed) return undefined;
  return { info: infoOf(deps, row), content: deps.sealer.open(sealed, row.address) };
}

/**
 * Removes contents that no record names and that were stored more than ORPHAN_GRACE_MS ago (an
 * upload whose process died before recording it), and what interrupted writes left. Safe to run in
 * several processes at once. How many contents it removed.
 */
export async function sweepOrphanFiles(deps: FileEngineDeps): Promise<number> {
  const before = new Date(deps.now().getTime() - ORPHAN_GRACE_MS);
  await deps.store.sweepTemporary?.(before);
  let removed = 0;
  const releaseUnnamed = async (batch: string[]) => {
    const named = await namedAddresses(deps.db, batch);
    // Each released under its lock, which checks again: a file may be recorded for it meanwhile.
    for (const address of batch) if (!named.has(address) && (await release(deps, address))) removed += 1;
  };
  let batch: string[] = [];
  for await (const { address, storedAt } of deps.store.list()) {
    if (storedAt >= before) continue;
    batch.push(address);
    if (batch.length === SWEEP_BATCH) {
      await releaseUnnamed(batch);
      batch = [];
    }
  }
  await releaseUnnamed(batch);
  return removed;
}

/** Addresses looked up per query by the sweep. */
const SWEEP_BATCH = 500;
