/**
 * Keeps the audit log's anchor (api/platform/audit-anchor.ts) up to date while the server runs: at
 * start, every interval and at shutdown, the head read from the database is signed, written to
 * DATA_DIR and logged. An anchor the database no longer contains (the last entries removed, or
 * another hash at its entry) is never overwritten: it is the evidence, and the log says so.
 */
import type { Kysely } from 'kysely';
import { auditHashAt, readAuditHead, type AuditHead } from '../db/audit.repo.ts';
import type { Database } from '../db/schema.ts';
import type { BackgroundPass } from '../platform/background-passes.ts';
import { anchorIsAuthentic, readAnchorFile, signAnchor, writeAnchorFile, type AuditAnchor } from '../platform/audit-anchor.ts';
import type { AuditKeys } from '../platform/audit-keys.ts';
import type { Logger } from '../platform/logger.ts';

export interface AuditAnchoringDeps {
  db: Kysely<Database>;
  keys: AuditKeys;
  /** DATA_DIR/audit-head.json */
  file: string;
  logger: Logger;
  now: () => Date;
}

export type AnchorOutcome =
  | { outcome: 'written'; anchor: AuditAnchor; replaced?: string }
  | { outcome: 'unchanged'; anchor: AuditAnchor }
  /** The database no longer contains the anchored head: the file is kept as it is. */
  | { outcome: 'diverged'; anchor: AuditAnchor; head: AuditHead };

/** One round: read the file, then the head (so the file's anchor, read from the database earlier, is never ahead of an intact chain), then write. */
export async function anchorAuditHead(deps: AuditAnchoringDeps): Promise<AnchorOutcome> {
  const file = readAnchorFile(deps.file);
  let previous: AuditAnchor | undefined;
  let replaced: string | undefined;
  if (file.state === 'read' && anchorIsAuthentic(deps.keys, file.anchor)) previous = file.anchor;
  else if (file.state === 'read') replaced = 'not signed with this portal’s audit key';
  else if (file.state === 'invalid') replaced = file.problem;

  const head = await readAuditHead(deps.db);
  if (previous) {
    if (previous.seq === head.seq && previous.hash === head.hash && previous.legacyUntil === head.legacyUntil) return { outcome: 'unchanged', anchor: previous };
    const contained = previous.seq <= head.seq && previous.legacyUntil === head.legacyUntil && (await auditHashAt(deps.db, previous.seq)) === previous.hash;
    if (!contained) return { outcome: 'diverged', anchor: previous, head };
  }
  const anchor = signAnchor(deps.keys, head, deps.now());
  writeAnchorFile(deps.file, anchor);
  return replaced === undefined ? { outcome: 'written', anchor } : { outcome: 'written', anchor, replaced };
}

/**
 * The anchoring as a background pass (api/platform/background-passes.ts): a round at start, every
 * `intervalMs`, and a last one when stopped, after every other pass has finished (and the server
 * its requests), so the anchor covers the process's last entries.
 */
export function auditAnchoringPass(deps: AuditAnchoringDeps, intervalMs: number): BackgroundPass {
  let divergenceLogged = false;
  const round = async () => {
    const result = await anchorAuditHead(deps);
    if (result.outcome === 'written') {
      if (result.replaced) deps.logger.warn({ file: deps.file, problem: result.replaced }, 'replaced an audit anchor file that could not be trusted');
      deps.logger.info({ auditAnchor: result.anchor }, 'audit head anchored');
      divergenceLogged = false;
    } else if (result.outcome === 'diverged' && !divergenceLogged) {
      // Once per divergence, not every interval: the file stays as it was until an operator acts.
      deps.logger.error(
        { file: deps.file, auditAnchor: result.anchor, head: { seq: result.head.seq, hash: result.head.hash, legacyUntil: result.head.legacyUntil } },
        'the audit log no longer contains its anchored head: entries were removed or rewritten; run npm run audit:verify',
      );
      divergenceLogged = true;
    }
  };
  // A pass never runs beside itself: two rounds never write the file at once.
  return { name: 'audit-anchoring', intervalMs, atStart: true, atStop: true, steps: [{ run: round, failure: 'could not anchor the audit head', context: { file: deps.file } }] };
}
