import type { Kysely } from 'kysely';

/**
 * External link checks (docs/decisions/058): the last result of each address the published content
 * links to, and the one row that says when the check last ran and which process holds it now (a
 * lease: in a fleet, one process checks, at most once per interval).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('link_checks')
    /** The address as checked (normalised: fragment dropped). */
    .addColumn('url', 'text', (c) => c.primaryKey())
    /** ok, redirected (moved permanently), broken, unreachable (could not check, not yet N times in a row). */
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    /** Where the redirects ended. */
    .addColumn('final_url', 'text')
    /** The status, or dns, timeout, network, redirect_loop, invalid_url. */
    .addColumn('reason', 'text')
    .addColumn('first_failed_at', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    /** When it first had its current result. */
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('last_checked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('link_check_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** Which process's run holds the lease, and until when (a process that died loses it then). */
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    /** How many addresses the last finished run checked. */
    .addColumn('checked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('link_check_runs').execute();
  await db.schema.dropTable('link_checks').execute();
}
