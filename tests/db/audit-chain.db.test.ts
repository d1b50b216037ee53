/**
 * The audit log against a database administrator (docs/decisions/015): the database refuses to
 * change it; what is changed by removing its guards `verifyAuditChain` names at the first bad
 * entry — a rewritten entry re-hashed with everything after it, a deleted entry, the last entries
 * cut off (against the head anchored outside the database) — and nothing in the database lets
 * anyone compute a hash it would accept.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  KEYED_HASH_PREFIX,
  appendAudit,
  keyedEntryHash,
  readAuditHead,
  unkeyedEntryHash,
  verifyAuditChain,
  type AuditEntry,
} from '../../api/db/audit.repo.ts';
import { openDatabase } from '../../api/db/connect.ts';
import { migrateToLatest, migratorFor } from '../../api/db/migrate.ts';
import { migrations } from '../../api/db/migrations/index.ts';
import type { Database } from '../../api/db/schema.ts';
import { anchorIsAuthentic, readAnchorFile, signAnchor, writeAnchorFile } from '../../api/platform/audit-anchor.ts';
import { deriveAuditKeys } from '../../api/platform/audit-keys.ts';
import { startBackgroundPasses } from '../../api/platform/background-passes.ts';
import { createLogger } from '../../api/platform/logger.ts';
import { anchorAuditHead, auditAnchoringPass } from '../../api/server/audit-anchoring.ts';
import { replaceFrom, rechain, tamperedThenRolledBack, type ChainedFields } from '../support/audit-tamper.ts';
import { DIALECTS, TEST_AUDIT_KEYS, createTestDatabase, useMigratedDatabase } from '../support/test-database.ts';

const AT = new Date('2026-12-05T02:00:00Z');
const silentLogger = createLogger({ level: 'silent' });
/** What an administrator could try: a key of their own, since the portal's is not in the database. */
const OTHER_KEYS = deriveAuditKeys(randomBytes(32));
const unkeyed = (row: ChainedFields) => unkeyedEntryHash(row);
const keyedWithOtherSecret = (row: ChainedFields) => keyedEntryHash(row, OTHER_KEYS.chain);

const folder = mkdtempSync(join(tmpdir(), 'audit-anchor-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const anchorFile = () => join(folder, `audit-head-${(files += 1)}.json`);

function entry(action: string, recordId: string): AuditEntry {
  return { at: AT, actorId: 'staff-reviewer', actorRole: 'reviewer', action, recordType: 'case', recordId, origin: '203.0.113.7' };
}

async function append(db: Kysely<Database>, kind: 'sqlite' | 'postgres', entries: AuditEntry[]): Promise<void> {
  for (const one of entries) await db.transaction().execute((trx) => appendAudit(trx, kind, one));
}

describe.each(DIALECTS)('the audit chain on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  const db = () => store.handle.db;
  /** Entry 4 is a whole reveal of a case's answers: the one an administrator would like to hide. */
  const REVEAL = 4;
  const seed = async () => {
    if ((await readAuditHead(db())).seq > 0) return;
    await append(db(), kind, [entry('case.view', 'c-1'), entry('case.view', 'c-2'), entry('case.view', 'c-3'), entry('case.reveal', 'c-3')]);
    // Concurrent appends, as several requests make them: the chain never forks.
    await Promise.all(Array.from({ length: 8 }, (_, i) => append(db(), kind, [entry('case.view', `c-${10 + i}`)])));
  };

  it('refuses UPDATE and DELETE of audit entries, and of where keyed hashing began, in the database itself', async () => {
    await seed();
    const before = await readAuditHead(db());
    await expect(db().updateTable('audit_log').set({ action: 'case.view' }).where('seq', '=', REVEAL).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').where('seq', '=', before.seq).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(db().updateTable('audit_chain').set({ legacy_until: 1000 }).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_chain').execute()).rejects.toThrow(/append-only/);
    if (kind === 'postgres') await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
    // A process still running the older code appends an unkeyed entry: refused, not a hole in the chain.
    const unkeyedRow = { seq: before.seq + 1, at: AT.toISOString(), actor_id: null, actor_role: null, action: 'case.view', record_type: 'case', record_id: 'c-old', origin: null, details_json: null, prev_hash: before.hash };
    await expect(db().insertInto('audit_log').values({ ...unkeyedRow, hash: unkeyedEntryHash(unkeyedRow) }).execute()).rejects.toThrow(/keyed entries only/);
    expect(await readAuditHead(db())).toEqual(before);
    expect((await db().selectFrom('audit_log').select('action').where('seq', '=', REVEAL).executeTakeFirstOrThrow()).action).toBe('case.reveal');
  });

  it('finds a normal run intact: every entry keyed, the anchored head contained', async () => {
    await seed();
    const head = await readAuditHead(db());
    const rows = await db().selectFrom('audit_log').select('hash').execute();
    expect(rows.every((row) => row.hash.startsWith(KEYED_HASH_PREFIX))).toBe(true);
    expect(await verifyAuditChain(db(), { keys: TEST_AUDIT_KEYS, anchor: head })).toEqual({ ok: true, entries: head.seq, legacyUntil: 0 });
    // Pages of the walk do not change the answer.
    expect(await verifyAuditChain(db(), { keys: TEST_AUDIT_KEYS, anchor: head, batchSize: 3 })).toEqual({ ok: true, entries: head.seq, legacyUntil: 0 });
  });

  it('names the rewritten entry when a reveal is turned into a view and every later entry re-hashed', async () => {
    await seed();
    const attempts = [
      { hashOf: unkeyed, reason: 'unkeyed' },
      { hashOf: (row: ChainedFields) => KEYED_HASH_PREFIX + unkeyedEntryHash(row), reason: 'hash' },
      { hashOf: keyedWithOtherSecret, reason: 'hash' },
    ];
    for (const { hashOf, reason } of attempts) {
      const result = await tamperedThenRolledBack(
        db(),
        kind,
        async (trx) => {
          await trx.updateTable('audit_log').set({ action: 'case.view' }).where('seq', '=', REVEAL).execute();
          await rechain(trx, REVEAL, hashOf);
        },
        (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }),
      );
      expect(result).toMatchObject({ ok: false, reason, firstBrokenSeq: REVEAL, entries: REVEAL - 1 });
    }
    expect((await verifyAuditChain(db(), { keys: TEST_AUDIT_KEYS })).ok).toBe(true);
  });

  it('names a deleted entry in the middle, and the first renumbered one when the rest are renumbered and re-hashed', async () => {
    await seed();
    const deleted = await tamperedThenRolledBack(
      db(),
      kind,
      async (trx) => void (await trx.deleteFrom('audit_log').where('seq', '=', REVEAL).execute()),
      (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }),
    );
    expect(deleted).toMatchObject({ ok: false, reason: 'gap', firstBrokenSeq: REVEAL, nextSeq: REVEAL + 1, entries: REVEAL - 1 });

    for (const { hashOf, reason } of [
      { hashOf: unkeyed, reason: 'unkeyed' },
      { hashOf: keyedWithOtherSecret, reason: 'hash' },
    ]) {
      const renumbered = await tamperedThenRolledBack(
        db(),
        kind,
        async (trx) => {
          const after = await trx.selectFrom('audit_log').selectAll().where('seq', '>', REVEAL).orderBy('seq').execute();
          await replaceFrom(trx, REVEAL, after.map(({ hash: _hash, ...row }) => ({ ...row, seq: Number(row.seq) })), hashOf);
        },
        (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }),
      );
      expect(renumbered).toMatchObject({ ok: false, reason, firstBrokenSeq: REVEAL, entries: REVEAL - 1 });
    }
  });

  it('names the first missing entry when the last entries are cut off, against the anchored head', async () => {
    await seed();
    const anchor = await readAuditHead(db());
    const cut = anchor.seq - 2;
    const cutOff = await tamperedThenRolledBack(
      db(),
      kind,
      async (trx) => void (await trx.deleteFrom('audit_log').where('seq', '>=', cut).execute()),
      async (trx) => ({ anchored: await verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS, anchor }), unanchored: await verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }) }),
    );
    expect(cutOff.anchored).toEqual({ ok: false, reason: 'truncated', firstBrokenSeq: cut, lastSeq: cut - 1, anchorSeq: anchor.seq, entries: cut - 1, legacyUntil: 0 });
    // Without the anchor a cut-off chain looks whole: why the anchor lives outside the database.
    expect(cutOff.unanchored).toMatchObject({ ok: true, entries: cut - 1 });

    // Cut off, and the portal went on appending: the chain is keyed and whole again, but the anchored entry is not the one the anchor saw.
    const continued = await tamperedThenRolledBack(
      db(),
      kind,
      async (trx) => {
        await trx.deleteFrom('audit_log').where('seq', '>=', cut).execute();
        for (const i of [1, 2, 3, 4]) await appendAudit(trx, kind, entry('case.view', `after-cut-${i}`));
      },
      (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS, anchor }),
    );
    expect(continued).toMatchObject({ ok: false, reason: 'anchor-mismatch', firstBrokenSeq: anchor.seq });
  });

  it('reports a boundary moved to pass rewritten entries off as written before keyed hashing', async () => {
    await seed();
    const anchor = await readAuditHead(db());
    const result = await tamperedThenRolledBack(
      db(),
      kind,
      async (trx) => {
        await trx.updateTable('audit_chain').set({ legacy_until: anchor.seq }).execute();
        await trx.updateTable('audit_log').set({ action: 'case.view' }).where('seq', '=', REVEAL).execute();
        await rechain(trx, 1, unkeyed);
      },
      async (trx) => ({ anchored: await verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS, anchor }), unanchored: await verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }) }),
    );
    expect(result.anchored).toMatchObject({ ok: false, reason: 'boundary', firstBrokenSeq: 1, anchorLegacyUntil: 0 });
    expect(result.unanchored).toMatchObject({ ok: true });
  });

  it('cannot be verified, nor its anchor signed, with any other secret: the key is not in the database', async () => {
    await seed();
    expect(await verifyAuditChain(db(), { keys: OTHER_KEYS })).toMatchObject({ ok: false, reason: 'hash', firstBrokenSeq: 1, entries: 0 });
    const head = await readAuditHead(db());
    expect(anchorIsAuthentic(TEST_AUDIT_KEYS, signAnchor(TEST_AUDIT_KEYS, head, AT))).toBe(true);
    expect(anchorIsAuthentic(TEST_AUDIT_KEYS, signAnchor(OTHER_KEYS, head, AT))).toBe(false);
    expect(anchorIsAuthentic(TEST_AUDIT_KEYS, { ...signAnchor(TEST_AUDIT_KEYS, head, AT), seq: head.seq + 5 })).toBe(false);
  });

  it('anchors the head in a file: written, moved on, never over a head the database no longer contains', async () => {
    await seed();
    const file = anchorFile();
    const deps = { db: db(), keys: TEST_AUDIT_KEYS, file, logger: silentLogger, now: () => AT };
    const first = await anchorAuditHead(deps);
    expect(first).toMatchObject({ outcome: 'written', anchor: await readAuditHead(db()) });
    expect(await anchorAuditHead(deps)).toMatchObject({ outcome: 'unchanged' });
    await append(db(), kind, [entry('case.view', 'c-later')]);
    const moved = await anchorAuditHead(deps);
    expect(moved).toMatchObject({ outcome: 'written', anchor: { seq: first.anchor.seq + 1 } });
    const onDisk = readAnchorFile(file);
    expect(onDisk.state === 'read' && anchorIsAuthentic(TEST_AUDIT_KEYS, onDisk.anchor) && onDisk.anchor).toEqual(moved.anchor);

    // Another process's older anchor (a prefix of the chain) is simply moved on.
    writeAnchorFile(file, first.anchor);
    expect(await anchorAuditHead(deps)).toMatchObject({ outcome: 'written', anchor: { seq: first.anchor.seq + 1 } });

    // The last entries gone: the file keeps the head the database lost.
    const diverged = await tamperedThenRolledBack(
      db(),
      kind,
      async (trx) => void (await trx.deleteFrom('audit_log').where('seq', '>=', first.anchor.seq).execute()),
      (trx) => anchorAuditHead({ ...deps, db: trx }),
    );
    expect(diverged).toMatchObject({ outcome: 'diverged', anchor: { seq: first.anchor.seq + 1 }, head: { seq: first.anchor.seq - 1 } });
    expect(readAnchorFile(file)).toMatchObject({ state: 'read', anchor: { seq: first.anchor.seq + 1 } });

    // A file signed under another secret (or edited) is not trusted, and replaced.
    writeAnchorFile(file, signAnchor(OTHER_KEYS, await readAuditHead(db()), AT));
    expect(await anchorAuditHead(deps)).toMatchObject({ outcome: 'written', replaced: expect.stringContaining('not signed') });
  });

  it('anchors at start, at every interval and when stopped, and logs each anchor', async () => {
    await seed();
    const file = anchorFile();
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const anchoring = startBackgroundPasses([auditAnchoringPass({ db: db(), keys: TEST_AUDIT_KEYS, file, logger, now: () => new Date() }, 50)], logger);
    const anchoredSeq = () => {
      const read = readAnchorFile(file);
      return read.state === 'read' ? read.anchor.seq : -1;
    };
    await expect.poll(anchoredSeq).toBe((await readAuditHead(db())).seq);
    await append(db(), kind, [entry('case.view', 'c-interval')]);
    await expect.poll(anchoredSeq).toBe((await readAuditHead(db())).seq);
    await append(db(), kind, [entry('case.view', 'c-last')]);
    await anchoring.stop();
    const head = await readAuditHead(db());
    expect(anchoredSeq()).toBe(head.seq);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; auditAnchor?: { seq: number; hash: string; mac: string } }).filter((line) => line.msg === 'audit head anchored');
    expect(logged.at(-1)?.auditAnchor).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(logged.at(-1)?.auditAnchor);
    // The tampering above was rolled back with its transaction, guards included.
    await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});

describe.each(DIALECTS)('an existing audit log moving to keyed hashing on %s', (kind) => {
  it('keeps the entries written before 2026120502_audit_hmac verifiable, sealed by the first keyed entry', async () => {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf('2026120502_audit_hmac') - 1];
    if (!before) throw new Error('2026120502_audit_hmac is not registered');
    const database = await createTestDatabase(kind, { fresh: true });
    const handle = openDatabase(database.target);
    try {
      const migrated = await (await migratorFor(handle.db)).migrateTo(before);
      expect(migrated.error).toBeUndefined();
      // Three entries as the code before it wrote them: plain SHA-256.
      let previous = GENESIS_HASH;
      for (const seq of [1, 2, 3]) {
        const row: ChainedFields = { seq, at: AT.toISOString(), actor_id: 's', actor_role: 'reviewer', action: seq === 2 ? 'case.reveal' : 'case.view', record_type: 'case', record_id: `old-${seq}`, origin: null, details_json: null, prev_hash: previous };
        previous = unkeyedEntryHash(row);
        await handle.db.insertInto('audit_log').values({ ...row, hash: previous }).execute();
      }
      await migrateToLatest(handle.db);
      await append(handle.db, kind, [entry('case.view', 'new-1'), entry('case.view', 'new-2')]);
      const head = await readAuditHead(handle.db);
      expect(head).toMatchObject({ seq: 5, legacyUntil: 3 });
      expect(await verifyAuditChain(handle.db, { keys: TEST_AUDIT_KEYS, anchor: head })).toEqual({ ok: true, entries: 5, legacyUntil: 3 });

      // Rewriting an old entry and re-hashing the old ones (anyone can) breaks the link of the first keyed entry, which no one can re-hash.
      const rewriteOld = async (trx: Kysely<Database>) => {
        await trx.updateTable('audit_log').set({ action: 'case.view' }).where('seq', '=', 2).execute();
        await rechain(trx, 2, unkeyed, 3);
      };
      const oldRewritten = await tamperedThenRolledBack(handle.db, kind, rewriteOld, (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }));
      expect(oldRewritten).toMatchObject({ ok: false, reason: 'link', firstBrokenSeq: 4, entries: 3 });
      const allRewritten = await tamperedThenRolledBack(
        handle.db,
        kind,
        async (trx) => {
          await rewriteOld(trx);
          await rechain(trx, 4, keyedWithOtherSecret);
        },
        (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS }),
      );
      expect(allRewritten).toMatchObject({ ok: false, reason: 'hash', firstBrokenSeq: 4, entries: 3 });
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
