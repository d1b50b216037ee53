/**
 * What an upload may be, decided from its bytes alone (docs/decisions/026). The type comes from the
 * content's first bytes (its "magic"), never from the file's name or the type the browser declared:
 * both are whatever the sender chose, and a script named photo.jpg must not be stored as a photo.
 * Limits are data: the engine's defaults, which a service overrides per field. Every refusal is a
 * code with the figures its message needs; the message (errors.files.*) names the field and says
 * what to do. Pure: no I/O, no clock.
 */
import { z } from 'zod';

/** The kinds of file the portal takes: documents as PDF, photos and scans as JPEG, PNG or a phone's HEIC/HEIF. */
export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'heic'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The media type each kind is stored and served as (a phone's HEIC is stored as the JPEG it is converted to). */
export const STORED_MEDIA_TYPE: Record<FileKind, 'application/pdf' | 'image/jpeg' | 'image/png'> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/jpeg',
};

const MB = 1024 * 1024;

/**
 * Limits for one field (per file) and for one owner (a draft or a case: all its files together).
 * A service overrides any of them for a field; `accept` narrows the kinds (a form that must be a PDF).
 */
export const FileLimitsSchema = z.object({
  accept: z.array(z.enum(FILE_KINDS)).min(1),
  /** Bytes of one file as uploaded. */
  maxFileBytes: z.number().int().min(1),
  /** Files one owner may hold. */
  maxFiles: z.number().int().min(1),
  /** Bytes one owner's files may take together, as stored. */
  maxTotalBytes: z.number().int().min(1),
});
export type FileLimits = z.infer<typeof FileLimitsSchema>;

/**
 * 10 MB covers a phone's photo (3–6 MB) and a scanned PDF of several pages; 20 files and 50 MB cover
 * a household's proofs of income, ID cards and medical bills in one application.
 */
export const DEFAULT_FILE_LIMITS: FileLimits = { accept: [...FILE_KINDS], maxFileBytes: 10 * MB, maxFiles: 20, maxTotalBytes: 50 * MB };

/** The engine's defaults with a service's overrides for one field. */
export function limitsFor(overrides: Partial<FileLimits> = {}, defaults: FileLimits = DEFAULT_FILE_LIMITS): FileLimits {
  return FileLimitsSchema.parse({ ...defaults, ...overrides });
}

/**
 * Why a file was refused. `unreadable` and `infected` come from processing and scanning; the
 * others from this policy and the owner's limits. `scan-failed`: the scanner could not say (its
 * command failed), so the file is refused rather than stored unchecked.
 */
export type FileRefusal =
  | { code: 'empty' }
  | { code: 'wrong-type'; accept: readonly FileKind[] }
  | { code: 'too-big'; maxFileBytes: number }
  | { code: 'too-many'; maxFiles: number }
  | { code: 'owner-full'; maxTotalBytes: number; usedBytes: number }
  | { code: 'unreadable' }
  | { code: 'infected' }
  | { code: 'scan-failed' };

export const FILE_REFUSAL_CODES = ['empty', 'wrong-type', 'too-big', 'too-many', 'owner-full', 'unreadable', 'infected', 'scan-failed'] as const satisfies readonly FileRefusal['code'][];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The ISO base media file brands of HEIF still images, as phones write them (HEVC-coded, or the generic HEIF brands). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

/**
 * The kind of file the bytes are, or undefined. A PDF may have a little junk before its header
 * (readers look in the first 1024 bytes); every other kind must start with its signature.
 */
export function sniffKind(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // An ISO BMFF file: a box size, then 'ftyp', the major brand, a version, the compatible brands.
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === 'ftyp') {
    const boxEnd = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0));
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(bytes, at, at + 4));
    // AVIF shares mif1 with HEIC: one that declares AVIF is not a phone's HEIC.
    if (brands.includes('avif') || brands.includes('avis')) return undefined;
    if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
    return undefined;
  }
  const head = ascii(bytes, 0, Math.min(bytes.length, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return undefined;
}

export type UploadCheck = { ok: true; kind: FileKind } | { ok: false; refusal: FileRefusal };

/** A file on its own, before anything is done with it: not empty, not too big, of a kind the field takes. */
export function checkUpload(bytes: Uint8Array, limits: FileLimits): UploadCheck {
  if (bytes.length === 0) return { ok: false, refusal: { code: 'empty' } };
  if (bytes.length > limits.maxFileBytes) return { ok: false, refusal: { code: 'too-big', maxFileBytes: limits.maxFileBytes } };
  const kind = sniffKind(bytes);
  if (!kind || !limits.accept.includes(kind)) return { ok: false, refusal: { code: 'wrong-type', accept: limits.accept } };
  return { ok: true, kind };
}

/** What the owner already holds. */
export interface OwnerUsage {
  files: number;
  bytes: number;
}

/** Whether one more file of `storedBytes` fits the owner's limits; checked where the file is recorded, so that two uploads at once cannot both pass. */
export function checkOwnerRoom(usage: OwnerUsage, storedBytes: number, limits: FileLimits): FileRefusal | undefined {
  if (usage.files + 1 > limits.maxFiles) return { code: 'too-many', maxFiles: limits.maxFiles };
  if (usage.bytes + storedBytes > limits.maxTotalBytes) return { code: 'owner-full', maxTotalBytes: limits.maxTotalBytes, usedBytes: usage.bytes };
  return undefined;
}

/** The name a file is served with: the name given, its extension matching what is stored (a phone's photo.HEIC becomes photo.jpg). */
export function storedName(givenName: string, kind: FileKind): string {
  // No path, no control characters (the name goes into a header and onto a member of staff's disk).
  const base = givenName.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/[\\/]/g, '_').trim().slice(-200) || 'file';
  const extension = kind === 'pdf' ? 'pdf' : kind === 'png' ? 'png' : 'jpg';
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${stem || 'file'}.${extension}`;
}

/** Sizes in messages: whole megabytes when exact, else one decimal. */
export function megabytes(bytes: number): string {
  const value = bytes / MB;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The translation key and parameters of a refusal's message; `field` is the field's label in the reader's language. */
export function refusalMessage(refusal: FileRefusal, field: string): { key: `errors.files.${FileRefusal['code']}`; params: Record<string, string | number> } {
  const key = `errors.files.${refusal.code}` as const;
  switch (refusal.code) {
    case 'wrong-type':
      // A slash reads the same in both languages (PDF/JPG/PNG).
      return { key, params: { field, kinds: refusal.accept.map((kind) => KIND_LABEL[kind]).join('/') } };
    case 'too-big':
      return { key, params: { field, max: megabytes(refusal.maxFileBytes) } };
    case 'too-many':
      return { key, params: { field, max: refusal.maxFiles } };
    case 'owner-full':
      return { key, params: { field, max: megabytes(refusal.maxTotalBytes), left: megabytes(Math.max(0, refusal.maxTotalBytes - refusal.usedBytes)) } };
    default:
      return { key, params: { field } };
  }
}

/** How kinds are named in messages (the same in both languages: people know the formats by these names). */
export const KIND_LABEL: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG', heic: 'HEIC' };
