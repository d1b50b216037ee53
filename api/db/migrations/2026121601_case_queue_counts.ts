import { sql, type Kysely } from 'kysely';
import { onPostgres } from './on-postgres.ts';

/**
 * The staff queue's counts, kept exact by the database itself (docs/decisions/071): one row per
 * office, service, state, clock (paused or not) and whether a deadline runs — what the queue's
 * segments and state filters are made of — with its number of cases. Triggers on `cases` add and
 * take away in the same statement as every insert, change of those columns, and delete, whichever
 * code path makes it (a step, a sweep, the demo data's removal), so the queue reads a few dozen rows
 * at a million cases instead of counting an office's cases on every page.
 *
 * On PostgreSQL a case always counts in one of SHARDS rows (by a hash of its id): bookings of one
 * office and state at once update different rows instead of queueing on one. SQLite has one writer
 * and one row.
 *
 * Two indexes give the "waiting for the applicant" segment its order (newest first) straight from an
 * index: a paused case may still have another deadline running, so the queue indexes, which hold the
 * due date before the submission time, do not order it.
 */
const SHARDS = 8;
const KEY = ['service', 'office', 'state', 'clock_paused', 'running', 'shard'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = await onPostgres(db);
  await db.schema
    .createTable('case_queue_counts')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('clock_paused', 'integer', (c) => c.notNull())
    /** 1 when the case's next_due_on is set (a deadline runs). */
    .addColumn('running', 'integer', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_queue_counts_key', [...KEY])
    .execute();

  if (postgres) {
    // No case is written between the count and the trigger (the migration's transaction holds the lock).
    await sql`lock table cases in share row exclusive mode`.execute(db);
    await sql`create function case_queue_count() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and (old.service, old.office, old.state, old.clock_paused, old.next_due_on is null)
           is not distinct from (new.service, new.office, new.state, new.clock_paused, new.next_due_on is null) then
          return null;
        end if;
        if tg_op <> 'INSERT' then
          update case_queue_counts set cases = cases - 1
           where service = old.service and office = old.office and state = old.state and clock_paused = old.clock_paused
             and running = (case when old.next_due_on is null then 0 else 1 end) and shard = abs(hashtext(old.id)) % ${sql.lit(SHARDS)};
        end if;
        if tg_op <> 'DELETE' then
          insert into case_queue_counts (service, office, state, clock_paused, running, shard, cases)
          values (new.service, new.office, new.state, new.clock_paused, case when new.next_due_on is null then 0 else 1 end, abs(hashtext(new.id)) % ${sql.lit(SHARDS)}, 1)
          on conflict (service, office, state, clock_paused, running, shard) do update set cases = case_queue_counts.cases + 1;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger cases_queue_count after insert or update or delete on cases for each row execute function case_queue_count()`.execute(db);
    await sql`insert into case_queue_counts (service, office, state, clock_paused, running, shard, cases)
      select service, office, state, clock_paused, case when next_due_on is null then 0 else 1 end, abs(hashtext(id)) % ${sql.lit(SHARDS)}, count(*)
        from cases group by 1, 2, 3, 4, 5, 6`.execute(db);
  } else {
    await sql`create trigger cases_queue_count_insert after insert on cases begin
      insert into case_queue_counts (service, office, state, clock_paused, running, shard, cases)
      values (new.service, new.office, new.state, new.clock_paused, new.next_due_on is not null, 0, 1)
      on conflict (service, office, state, clock_paused, running, shard) do update set cases = cases + 1;
    end`.execute(db);
    await sql`create trigger cases_queue_count_delete after delete on cases begin
      update case_queue_counts set cases = cases - 1
       where service = old.service and office = old.office and state = old.state and clock_paused = old.clock_paused
         and running = (old.next_due_on is not null) and shard = 0;
    end`.execute(db);
    await sql`create trigger cases_queue_count_update after update of service, office, state, clock_paused, next_due_on on cases
      when old.service is not new.service or old.office is not new.office or old.state is not new.state
        or old.clock_paused is not new.clock_paused or (old.next_due_on is null) <> (new.next_due_on is null)
    begin
      update case_queue_counts set cases = cases - 1
       where service = old.service and office = old.office and state = old.state and clock_paused = old.clock_paused
         and running = (old.next_due_on is not null) and shard = 0;
      insert into case_queue_counts (service, office, state, clock_paused, running, shard, cases)
      values (new.service, new.office, new.state, new.clock_paused, new.next_due_on is not null, 0, 1)
      on conflict (service, office, state, clock_paused, running, shard) do update set cases = cases + 1;
    end`.execute(db);
    // One writer: nothing is written between these statements of the migration's connection.
    await sql`insert into case_queue_counts (service, office, state, clock_paused, running, shard, cases)
      select service, office, state, clock_paused, next_due_on is not null, 0, count(*) from cases group by 1, 2, 3, 4, 5`.execute(db);
  }

  await db.schema.createIndex('cases_queue_paused').on('cases').columns(['office', 'service', 'clock_paused', 'created_at', 'tracking_number']).execute();
  await db.schema.createIndex('cases_queue_state_paused').on('cases').columns(['office', 'service', 'state', 'clock_paused', 'created_at', 'tracking_number']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = await onPostgres(db);
  await db.schema.dropIndex('cases_queue_state_paused').execute();
  await db.schema.dropIndex('cases_queue_paused').execute();
  if (postgres) {
    await sql`drop trigger cases_queue_count on cases`.execute(db);
    await sql`drop function case_queue_count()`.execute(db);
  } else {
    for (const trigger of ['cases_queue_count_insert', 'cases_queue_count_delete', 'cases_queue_count_update']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
  }
  await db.schema.dropTable('case_queue_counts').execute();
}
