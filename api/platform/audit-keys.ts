/**
 * The audit log's keys, derived from the portal secret (HKDF, like the field keys in
 * field-crypto.ts) and never stored: whoever holds only the database can neither recompute an
 * entry's hash after changing it nor sign an anchor (docs/decisions/015). One key chains the
 * entries, another signs the anchored head, so neither output can stand in for the other.
 */
import type { KeyObject } from 'node:crypto';
import { deriveKey } from './field-crypto.ts';

export interface AuditKeys {
  /** HMAC-SHA-256 key of each entry's hash. */
  readonly chain: KeyObject;
  /** HMAC-SHA-256 key of the anchor written outside the database. */
  readonly anchor: KeyObject;
}

export function deriveAuditKeys(secret: Buffer): AuditKeys {
  return { chain: deriveKey(secret, 'audit-chain/v1'), anchor: deriveKey(secret, 'audit-anchor/v1') };
}
