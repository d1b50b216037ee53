import { sql, type Kysely } from 'kysely';
import { onPostgres } from './on-postgres.ts';

/**
 * The audit log becomes append-only in the database itself, and keyed (docs/decisions/015):
 * - UPDATE and DELETE (and TRUNCATE on PostgreSQL) on `audit_log` are refused by triggers, as on
 *   `audit_chain`, so changing the past takes removing a trigger, which is an administrator's act,
 *   not an application bug's;
 * - `audit_chain.legacy_until` records the last entry hashed the old, unkeyed way (0 on a new
 *   database): `npm run audit:verify` checks those with SHA-256 and every later one with the key;
 * - a new entry must carry a keyed hash, so a process still running the older code cannot extend
 *   the chain with an entry nobody could verify: its write fails instead.
 * On PostgreSQL the boundary is read under the lock every append takes (api/db/audit.repo.ts), so
 * an append in flight by another process lands before it, never after it unkeyed.
 */
const AUDIT_LOCK_KEY = 727_001;
const KEYED_PATTERN = 'hmac-sha256:%';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = await onPostgres(db);
  if (postgres) await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
  await db.schema.createTable('audit_chain').addColumn('legacy_until', 'integer', (c) => c.notNull()).execute();
  await sql`insert into audit_chain (legacy_until) select coalesce(max(seq), 0) from audit_log`.execute(db);

  if (postgres) {
    await sql`create function audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append-only: % on % refused', tg_op, tg_table_name;
      end $$`.execute(db);
    await sql`create function audit_require_keyed() returns trigger language plpgsql as $$
      begin
        if new.hash not like ${sql.lit(KEYED_PATTERN)} then
          raise exception 'the audit log takes keyed entries only (hmac-sha256)';
        end if;
        return new;
      end $$`.execute(db);
    for (const table of ['audit_log', 'audit_chain']) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function audit_refuse_change()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function audit_refuse_change()`.execute(db);
    }
    await sql`create trigger audit_log_keyed_only before insert on audit_log for each row execute function audit_require_keyed()`.execute(db);
    return;
  }
  for (const table of ['audit_log', 'audit_chain']) {
    for (const operation of ['update', 'delete']) {
      await sql`create trigger ${sql.raw(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`the audit log is append-only: ${operation.toUpperCase()} on ${table} refused`)}); end`.execute(db);
    }
  }
  await sql`create trigger audit_log_keyed_only before insert on audit_log when new.hash not like ${sql.lit(KEYED_PATTERN)}
    begin select raise(abort, 'the audit log takes keyed entries only (hmac-sha256)'); end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await onPostgres(db)) {
    for (const table of ['audit_log', 'audit_chain']) {
      await sql`drop trigger ${sql.raw(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
      await sql`drop trigger ${sql.raw(`${table}_no_truncate`)} on ${sql.table(table)}`.execute(db);
    }
    await sql`drop trigger audit_log_keyed_only on audit_log`.execute(db);
    await sql`drop function audit_refuse_change()`.execute(db);
    await sql`drop function audit_require_keyed()`.execute(db);
  } else {
    for (const name of ['audit_log_no_update', 'audit_log_no_delete', 'audit_chain_no_update', 'audit_chain_no_delete', 'audit_log_keyed_only']) await sql`drop trigger ${sql.raw(name)}`.execute(db);
  }
  await db.schema.dropTable('audit_chain').execute();
}
