/**
 * `npm run audit:verify [-- --anchor FILE]`: checks every entry of the audit chain with the portal's
 * audit key (from PORTAL_SECRET or DATA_DIR/secret.key, as the server has it) and against the
 * anchored head (DATA_DIR/audit-head.json unless --anchor names another copy, such as one taken from
 * the log), and names the first bad entry and what is wrong with it (docs/decisions/015).
 *
 * It reads and never migrates: checking a database (a copy kept as evidence, say) leaves it as it was.
 *
 * Exit status: 0 intact (with a warning on stderr when there is no anchor yet); 1 broken, or an
 * anchor that cannot be trusted; 2 nothing checked (no secret, a database not migrated to
 * 2026120502_audit_hmac, bad arguments or configuration).
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../env.ts';
import { hasKeyedAuditChain, verifyAuditChain, type AuditHead, type AuditVerification } from '../db/audit.repo.ts';
import { openDatabase } from '../db/connect.ts';
import { anchorIsAuthentic, auditAnchorPath, readAnchorFile, type AuditAnchor } from '../platform/audit-anchor.ts';
import { deriveAuditKeys } from '../platform/audit-keys.ts';
import { findSecret } from '../platform/secret.ts';
import { targetFromConfig } from '../server/bootstrap.ts';

const INTACT = 0;
const BROKEN = 1;
const NOT_CHECKED = 2;

function describeBreak(result: Extract<AuditVerification, { ok: false }>, anchor: { file: string; anchor: AuditAnchor } | undefined): string {
  const n = result.firstBrokenSeq;
  const source = anchor ? `the anchor (${anchor.file}, written ${anchor.anchor.at})` : 'the anchor';
  switch (result.reason) {
    case 'gap':
      return `entry ${n} is missing: the chain goes from entry ${n - 1} to entry ${result.nextSeq} (an entry was deleted)`;
    case 'link':
      return `entry ${n} does not follow entry ${n - 1}: the previous hash it records is not entry ${n - 1}'s (an entry before it was replaced or removed)`;
    case 'hash':
      return `entry ${n} does not match its hash: its contents were changed, or it was re-hashed without the audit key`;
    case 'unkeyed':
      return `entry ${n} carries no keyed hash, though keyed hashing began after entry ${result.legacyUntil}`;
    case 'truncated':
      return `entry ${n} is missing: the chain ends at entry ${result.lastSeq}, but ${source} records entry ${result.anchorSeq} (the last entries were removed)`;
    case 'anchor-mismatch':
      return `entry ${n} is not the entry ${source} records: its hash differs (the chain was cut there and written again)`;
    case 'boundary':
      return `the database says keyed hashing began after entry ${result.legacyUntil}, ${source} says after entry ${result.anchorLegacyUntil}`;
  }
}

function describeIntact(result: Extract<AuditVerification, { ok: true }>, anchor: { file: string; anchor: AuditAnchor } | undefined): string {
  const legacy =
    result.legacyUntil === 0
      ? 'every entry keyed'
      : `entries 1–${result.legacyUntil} hashed before keyed hashing began (sealed by entry ${result.legacyUntil + 1}), the rest keyed`;
  const anchored = anchor ? `; contains the anchored head, entry ${anchor.anchor.seq} (${anchor.file}, written ${anchor.anchor.at})` : '';
  return `audit chain intact: ${result.entries} entries, ${legacy}${anchored}`;
}

async function main(): Promise<number> {
  let anchorOption: string | undefined;
  try {
    anchorOption = parseArgs({ options: { anchor: { type: 'string' } } }).values.anchor;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run audit:verify [-- --anchor FILE]`);
    return NOT_CHECKED;
  }
  const config = readConfig(process.env);
  const secret = findSecret({ fromEnv: config.secretFromEnv, dataDir: config.dataDir });
  if (!secret) {
    console.error(`no portal secret: set PORTAL_SECRET, or DATA_DIR to the folder holding the server's secret.key (${config.dataDir} has none)`);
    return NOT_CHECKED;
  }
  const keys = deriveAuditKeys(secret.key);

  // The anchor before the chain: it was read from the database earlier, so an intact chain contains it.
  const file = anchorOption ?? auditAnchorPath(config.dataDir);
  const read = readAnchorFile(file);
  let anchor: { file: string; anchor: AuditAnchor } | undefined;
  let untrusted: string | undefined;
  if (read.state === 'missing') {
    console.error(`warning: no audit anchor at ${file} yet (the server writes one while it runs): the removal of the last entries cannot be detected without it`);
  } else if (read.state === 'invalid') {
    untrusted = read.problem;
  } else if (!anchorIsAuthentic(keys, read.anchor)) {
    untrusted = 'not signed with this portal’s audit key (edited, or written under another secret)';
  } else {
    anchor = { file, anchor: read.anchor };
  }
  if (untrusted) console.error(`audit anchor ${file} cannot be trusted: ${untrusted}; checking the chain without it`);

  const database = openDatabase(targetFromConfig(config));
  try {
    if (!(await hasKeyedAuditChain(database.db))) {
      console.error('audit chain not checked: the database has not reached migration 2026120502_audit_hmac; run npm run db:migrate (or start the portal) first');
      return NOT_CHECKED;
    }
    const head: AuditHead | undefined = anchor ? { seq: anchor.anchor.seq, hash: anchor.anchor.hash, legacyUntil: anchor.anchor.legacyUntil } : undefined;
    const result = await verifyAuditChain(database.db, { keys, anchor: head });
    if (!result.ok) {
      console.error(`audit chain BROKEN at entry ${result.firstBrokenSeq} (${result.reason}): ${describeBreak(result, anchor)}; the ${result.entries} entries before it are intact`);
      return BROKEN;
    }
    console.log(describeIntact(result, anchor));
    return untrusted ? BROKEN : INTACT;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`audit chain not checked: ${(error as Error).message}`);
  process.exitCode = NOT_CHECKED;
}
