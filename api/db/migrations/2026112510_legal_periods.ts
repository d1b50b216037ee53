import type { Kysely } from 'kysely';

/**
 * Legal periods beside a case's deadlines (the divorce cooling-off period and the window after it):
 * `periods_json` holds them, and `periods_end_on` the last day of the last one, so that the cases
 * a period's end moves on (a divorce application lapsing) are found from an index, not by reading
 * every open case. `appointments.visit` tells a divorce's first visit (to apply) from its second
 * (to receive the certificate): two linked appointments of one case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('periods_json', 'text').execute();
  await db.schema.alterTable('cases').addColumn('periods_end_on', 'text').execute();
  await db.schema.createIndex('cases_periods_end').on('cases').columns(['periods_end_on', 'service', 'state']).execute();
  await db.schema.alterTable('appointments').addColumn('visit', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointments').dropColumn('visit').execute();
  await db.schema.dropIndex('cases_periods_end').execute();
  await db.schema.alterTable('cases').dropColumn('periods_end_on').execute();
  await db.schema.alterTable('cases').dropColumn('periods_json').execute();
}
