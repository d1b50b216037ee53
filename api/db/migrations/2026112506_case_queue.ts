import type { Kysely } from 'kysely';

/**
 * The staff queue in the database: beside its deadlines (JSON), each case keeps the next due date
 * of a running deadline and whether its clock is paused, so the queue is filtered, sorted, paged
 * and counted by indexes instead of in memory. Existing cases are filled in from deadlines_json.
 */

interface DeadlineAtThisPoint {
  dueOn: string;
  pausedOn?: string;
  stoppedOn?: string;
}

// Written out rather than imported: a migration keeps meaning what it meant when it landed, even if
// the domain's helper (api/domain/workflow/queue-position.ts) changes later.
function position(deadlinesJson: string): { nextDueOn: string | null; clockPaused: 0 | 1 } {
  let nextDueOn: string | null = null;
  let clockPaused: 0 | 1 = 0;
  for (const deadline of JSON.parse(deadlinesJson) as DeadlineAtThisPoint[]) {
    if (deadline.stoppedOn) continue;
    if (deadline.pausedOn) clockPaused = 1;
    else if (nextDueOn === null || deadline.dueOn < nextDueOn) nextDueOn = deadline.dueOn;
  }
  return { nextDueOn, clockPaused };
}

const BATCH = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable('cases').addColumn('next_due_on', 'text').execute();
  await db.schema.alterTable('cases').addColumn('clock_paused', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Existing rows, in batches by id; each batch's rows are updated together per distinct value.
  const cases = db as unknown as Kysely<{ cases: { id: string; deadlines_json: string; next_due_on: string | null; clock_paused: number } }>;
  let after = '';
  for (;;) {
    const rows = await cases.selectFrom('cases').select(['id', 'deadlines_json']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    const groups = new Map<string, { nextDueOn: string | null; clockPaused: 0 | 1; ids: string[] }>();
    for (const row of rows) {
      const { nextDueOn, clockPaused } = position(row.deadlines_json);
      if (nextDueOn === null && clockPaused === 0) continue; // the defaults already say so
      const key = `${nextDueOn}|${clockPaused}`;
      const group = groups.get(key) ?? { nextDueOn, clockPaused, ids: [] };
      group.ids.push(row.id);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      await cases.updateTable('cases').set({ next_due_on: group.nextDueOn, clock_paused: group.clockPaused }).where('id', 'in', group.ids).execute();
    }
    after = rows.at(-1)?.id ?? after;
  }

  // The queue's segments in their order within an office and service, the tracking number last so
  // that paging can skip entries of the index without reading rows: running cases (clock_paused 0,
  // next_due_on set) soonest due first, idle ones (next_due_on null) newest first.
  await db.schema
    .createIndex('cases_queue_due')
    .on('cases')
    .columns(['office', 'service', 'clock_paused', 'next_due_on', 'created_at', 'tracking_number'])
    .execute();
  // The same within one state (the state filter), and the counts per state from the index alone.
  await db.schema
    .createIndex('cases_queue_state')
    .on('cases')
    .columns(['office', 'service', 'state', 'clock_paused', 'next_due_on', 'created_at', 'tracking_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_queue_state').execute();
  await db.schema.dropIndex('cases_queue_due').execute();
  await db.schema.alterTable('cases').dropColumn('clock_paused').execute();
  await db.schema.alterTable('cases').dropColumn('next_due_on').execute();
}
