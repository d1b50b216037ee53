/**
 * The audit log's anchored head: the last entry's sequence number and hash (and where keyed hashing
 * began), signed with the audit anchor key and kept OUTSIDE the database, in DATA_DIR/audit-head.json
 * and in the log. Whoever removes the last entries from the database cannot make this file forget
 * them: `npm run audit:verify` reports a chain shorter than the anchor, or another hash at its entry
 * (docs/decisions/015).
 *
 * Any anchor is a prefix of the true chain (each is read from committed entries), so several
 * processes may write theirs in any order: a slower one can only leave a slightly older anchor.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { AuditHead } from '../db/audit.repo.ts';
import type { AuditKeys } from './audit-keys.ts';

export const AUDIT_ANCHOR_FILE = 'audit-head.json';

export function auditAnchorPath(dataDir: string): string {
  return join(dataDir, AUDIT_ANCHOR_FILE);
}

export const AuditAnchorSchema = z.strictObject({
  seq: z.number().int().min(0),
  hash: z.string().min(1).max(200),
  legacyUntil: z.number().int().min(0),
  /** When it was read from the database. */
  at: z.iso.datetime(),
  /** HMAC-SHA-256 of the fields above under the audit anchor key, base64url. */
  mac: z.string().min(1).max(100),
});
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;

function macOf(keys: AuditKeys, fields: Omit<AuditAnchor, 'mac'>): Buffer {
  return createHmac('sha256', keys.anchor).update(JSON.stringify(['audit-anchor/v1', fields.seq, fields.hash, fields.legacyUntil, fields.at])).digest();
}

export function signAnchor(keys: AuditKeys, head: AuditHead, at: Date): AuditAnchor {
  const fields = { seq: head.seq, hash: head.hash, legacyUntil: head.legacyUntil, at: at.toISOString() };
  return { ...fields, mac: macOf(keys, fields).toString('base64url') };
}

/** Signed with this portal's key: not edited, not written under another secret. */
export function anchorIsAuthentic(keys: AuditKeys, anchor: AuditAnchor): boolean {
  const given = Buffer.from(anchor.mac, 'base64url');
  const expected = macOf(keys, anchor);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type AnchorFile = { state: 'missing' } | { state: 'invalid'; problem: string } | { state: 'read'; anchor: AuditAnchor };

export function readAnchorFile(path: string): AnchorFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', problem: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'invalid', problem: 'not JSON' };
  }
  const parsed = AuditAnchorSchema.safeParse(json);
  if (!parsed.success) return { state: 'invalid', problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ') };
  return { state: 'read', anchor: parsed.data };
}

/** Whole or not at all: written beside the file, then renamed over it, so a reader (or a crash) never sees half an anchor. */
export function writeAnchorFile(path: string, anchor: AuditAnchor): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(anchor, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
