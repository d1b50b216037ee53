/**
 * The audit log's keys, derived from the portal secret (HKDF, like the field keys in
 * field-crypto.ts) and never stored: whoever holds only the database can neither recompute an
 * entry's hash after changing it nor sign an anchor (docs/decisions/015). One key chains the
 * entries, another signs the anchored head, so neither output can stand in for the other.
 */
import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

export interface AuditKeys {
  /** HMAC-SHA-256 key of each entry's hash. */
  readonly chain: KeyObject;
  /** HMAC-SHA-256 key of the anchor written outside the database. */
  readonly anchor: KeyObject;
}

function derive(secret: Buffer, purpose: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `civil-affairs-portal/${purpose}`, 32)));
}

export function deriveAuditKeys(secret: Buffer): AuditKeys {
  return { chain: derive(secret, 'audit-chain/v1'), anchor: derive(secret, 'audit-anchor/v1') };
}
