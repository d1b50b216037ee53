import { sql, type Kysely } from 'kysely';

/**
 * The bureau dashboard's counters (docs/decisions/054): per service, office and month (China time),
 * the cases received, the cases completed, and per stage (a state a case spent time in) how many
 * ended and their working days in all. A step adds to them in its own transaction
 * (api/db/cases.repo.ts), so the dashboard reads a few hundred rows whatever the number of cases.
 *
 * The counters of cases that existed before are built from their timelines when a process first
 * starts on this version (`case_figures_state.built_at` null: api/db/case-figures.repo.ts), not
 * here: a stage's length needs the working-day calendar and the services' workflows, which are the
 * runtime's, and a migration keeps meaning what it meant when it landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_figures')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    /** YYYY-MM, China time. */
    .addColumn('month', 'text', (c) => c.notNull())
    /** 'received', 'completed' or 'stage'. */
    .addColumn('figure', 'text', (c) => c.notNull())
    /** The state, for a stage; '' otherwise (part of the key, so never null). */
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    /** A stage's working days added up; 0 for the other figures. */
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_figures_key', ['service', 'office', 'month', 'figure', 'stage'])
    .execute();
  // The dashboard reads a period, for every service and office it may see.
  await db.schema.createIndex('case_figures_month').on('case_figures').columns(['month', 'figure', 'service', 'office', 'stage']).execute();

  /** One row: when the counters were last built from the timelines; null: to be built at the next start. */
  await db.schema.createTable('case_figures_state').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('built_at', 'text').execute();
  await sql`insert into case_figures_state (id, built_at) values (1, null)`.execute(db);

  // "Overdue now": open cases whose running deadline is past, counted from this index alone (the
  // queue's indexes lead with the office and service, which would read every office's range).
  await db.schema.createIndex('cases_overdue').on('cases').columns(['next_due_on', 'clock_paused', 'service', 'office']).execute();
  // Appointments booked, attended and missed per registry office and month, from the index alone.
  await db.schema.createIndex('appointments_figures').on('appointments').columns(['date', 'resource_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('appointments_figures').execute();
  await db.schema.dropIndex('cases_overdue').execute();
  await db.schema.dropTable('case_figures_state').execute();
  await db.schema.dropIndex('case_figures_month').execute();
  await db.schema.dropTable('case_figures').execute();
}
