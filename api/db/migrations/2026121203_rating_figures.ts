import type { Kysely } from 'kysely';

/**
 * The ratings' counters on the bureau dashboard (docs/decisions/059): per service, office and
 * month of the rating (China time), the ratings at each level, the reasons bad ratings gave, and
 * their follow-ups opened, answered and resolved. Giving a rating, answering a follow-up and the
 * applicant's word on it add to them in their own transactions (api/db/ratings.repo.ts).
 *
 * The counters of the ratings already given are counted here, from the ratings table alone (a
 * rating needs no calendar or workflow, unlike a case's stages: docs/decisions/054). The rule is
 * written out in this file rather than imported, so that the migration keeps meaning what it meant
 * when it landed; it is the one of api/domain/ratings/rating-figures.ts on that day, and the API
 * test checks that the counters a rating's steps keep are the ones this gives.
 *
 * And an index for the follow-ups overdue now, which only reads the unanswered ones past their day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rating_figures')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    /** YYYY-MM, China time: the month of the rating. */
    .addColumn('month', 'text', (c) => c.notNull())
    /** 'level', 'bad-reason', 'follow-up-opened', 'follow-up-replied' or 'follow-up-resolved'. */
    .addColumn('figure', 'text', (c) => c.notNull())
    /** The level or the reason code; '' for the follow-ups' figures (part of the key, so never null). */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_figures_pk', ['service', 'office', 'month', 'figure', 'key'])
    .execute();
  // The dashboard reads a period, for every service and office it may see, with the counts.
  await db.schema.createIndex('rating_figures_month').on('rating_figures').columns(['month', 'service', 'office', 'figure', 'key', 'count']).execute();
  // "Overdue now": unanswered follow-ups past their last day (of the period's ratings), from this index alone.
  await db.schema.createIndex('rating_follow_ups_overdue').on('rating_follow_ups').columns(['replied_at', 'due_on', 'opened_on', 'service', 'office']).execute();
  await backfill(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rating_follow_ups_overdue').execute();
  await db.schema.dropIndex('rating_figures_month').execute();
  await db.schema.dropTable('rating_figures').execute();
}

/** The two levels of 差评 on this day (国办发〔2019〕51号): their reasons are counted. */
const BAD_LEVELS = new Set(['dissatisfied', 'very-dissatisfied']);
const BATCH = 5000;

interface RatingRow {
  id: string;
  service: string;
  office: string;
  level: string;
  reasons_json: string;
  rated_at: string;
  opened_on: string | null;
  replied_at: string | null;
  resolution: string | null;
}

/**
 * Counts every rating given so far into the counters: read in batches by id (keyset), summed in
 * memory (a few rows per service, office, month and figure), written in chunks. Exported for the
 * benchmark, which times it at scale.
 */
export async function backfill<Tables>(db: Kysely<Tables>): Promise<{ ratings: number; counters: number }> {
  // The tables as they are on this migration's day, not as api/db/schema.ts may later say.
  const trx = db as unknown as Kysely<{
    ratings: { id: string; service: string; office: string; level: string; reasons_json: string; rated_at: string };
    rating_follow_ups: { rating_id: string; opened_on: string; replied_at: string | null; resolution: string | null };
    rating_figures: { service: string; office: string; month: string; figure: string; key: string; count: number };
  }>;
  const totals = new Map<string, { service: string; office: string; month: string; figure: string; key: string; count: number }>();
  const add = (service: string, office: string, month: string, figure: string, key: string) => {
    const id = [service, office, month, figure, key].join('\u0000');
    const known = totals.get(id);
    if (known) known.count += 1;
    else totals.set(id, { service, office, month, figure, key, count: 1 });
  };
  let after = '';
  let ratings = 0;
  for (;;) {
    const batch: RatingRow[] = await trx
      .selectFrom('ratings as r')
      .leftJoin('rating_follow_ups as f', 'f.rating_id', 'r.id')
      .select(['r.id', 'r.service', 'r.office', 'r.level', 'r.reasons_json', 'r.rated_at', 'f.opened_on', 'f.replied_at', 'f.resolution'])
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(BATCH)
      .execute();
    if (batch.length === 0) break;
    after = batch.at(-1)?.id ?? after;
    ratings += batch.length;
    for (const row of batch) {
      // The month in China (UTC+8 all year) of the instant the rating was given.
      const month = new Date(Date.parse(row.rated_at) + 8 * 3_600_000).toISOString().slice(0, 7);
      add(row.service, row.office, month, 'level', row.level);
      if (BAD_LEVELS.has(row.level)) for (const reason of new Set(JSON.parse(row.reasons_json) as string[])) add(row.service, row.office, month, 'bad-reason', reason);
      if (row.opened_on === null) continue;
      const cohort = row.opened_on.slice(0, 7);
      add(row.service, row.office, cohort, 'follow-up-opened', '');
      if (row.replied_at) add(row.service, row.office, cohort, 'follow-up-replied', '');
      if (row.resolution === 'resolved') add(row.service, row.office, cohort, 'follow-up-resolved', '');
    }
  }
  const rows = [...totals.values()];
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('rating_figures').values(rows.slice(i, i + 500)).execute();
  return { ratings, counters: rows.length };
}
