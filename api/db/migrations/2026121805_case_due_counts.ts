import { sql, type Kysely } from 'kysely';
import { onPostgres } from './on-postgres.ts';

/**
 * The open cases whose deadline runs, counted per day they are next due (docs/decisions/071, second
 * part): one row per due day, service, office (and shard) with its number of cases, kept exact by
 * triggers on `cases` as the queue's counts are (migration 2026121601). "Overdue now" — the
 * dashboard's figure and the metrics' gauge — is then the sum of the rows before today: a few
 * hundred rows, however many cases have piled up over the years, instead of counting an index range
 * that grows with the open cases.
 *
 * A case counts while its clock is not paused (补正 stops it) and a deadline runs (next_due_on set).
 * A row that falls to zero is deleted in the same statement, so days long past leave nothing behind.
 */
const SHARDS = 8;

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = await onPostgres(db);
  await db.schema
    .createTable('case_due_counts')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull())
    // Due day first: "before today" is one range of the key.
    .addPrimaryKeyConstraint('case_due_counts_key', ['due_on', 'service', 'office', 'shard'])
    .execute();

  if (postgres) {
    await sql`lock table cases in share row exclusive mode`.execute(db);
    await sql`create function case_due_count() returns trigger language plpgsql as $$
      declare
        k integer;
      begin
        if tg_op = 'UPDATE' and (old.service, old.office, old.clock_paused, old.next_due_on)
           is not distinct from (new.service, new.office, new.clock_paused, new.next_due_on) then
          return null;
        end if;
        if tg_op <> 'INSERT' and old.next_due_on is not null and old.clock_paused = 0 then
          k := abs(hashtext(old.id)) % ${sql.lit(SHARDS)};
          update case_due_counts set cases = cases - 1
           where due_on = old.next_due_on and service = old.service and office = old.office and case_due_counts.shard = k;
          delete from case_due_counts
           where due_on = old.next_due_on and service = old.service and office = old.office and case_due_counts.shard = k and cases = 0;
        end if;
        if tg_op <> 'DELETE' and new.next_due_on is not null and new.clock_paused = 0 then
          insert into case_due_counts (due_on, service, office, shard, cases)
          values (new.next_due_on, new.service, new.office, abs(hashtext(new.id)) % ${sql.lit(SHARDS)}, 1)
          on conflict (due_on, service, office, shard) do update set cases = case_due_counts.cases + 1;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger cases_due_count after insert or update or delete on cases for each row execute function case_due_count()`.execute(db);
    await sql`insert into case_due_counts (due_on, service, office, shard, cases)
      select next_due_on, service, office, abs(hashtext(id)) % ${sql.lit(SHARDS)}, count(*)
        from cases where next_due_on is not null and clock_paused = 0 group by 1, 2, 3, 4`.execute(db);
  } else {
    const take = sql.raw(`update case_due_counts set cases = cases - 1
       where due_on = old.next_due_on and service = old.service and office = old.office and shard = 0;
      delete from case_due_counts where due_on = old.next_due_on and service = old.service and office = old.office and shard = 0 and cases = 0;`);
    const add = sql.raw(`insert into case_due_counts (due_on, service, office, shard, cases)
      values (new.next_due_on, new.service, new.office, 0, 1)
      on conflict (due_on, service, office, shard) do update set cases = cases + 1;`);
    await sql`create trigger cases_due_count_insert after insert on cases
      when new.next_due_on is not null and new.clock_paused = 0
    begin ${add} end`.execute(db);
    await sql`create trigger cases_due_count_delete after delete on cases
      when old.next_due_on is not null and old.clock_paused = 0
    begin ${take} end`.execute(db);
    // An update is a delete of the old row's count and an insert of the new one's, each when it counted.
    await sql`create trigger cases_due_count_update_old after update of service, office, clock_paused, next_due_on on cases
      when old.next_due_on is not null and old.clock_paused = 0
        and (old.service is not new.service or old.office is not new.office or old.clock_paused is not new.clock_paused or old.next_due_on is not new.next_due_on)
    begin ${take} end`.execute(db);
    await sql`create trigger cases_due_count_update_new after update of service, office, clock_paused, next_due_on on cases
      when new.next_due_on is not null and new.clock_paused = 0
        and (old.service is not new.service or old.office is not new.office or old.clock_paused is not new.clock_paused or old.next_due_on is not new.next_due_on)
    begin ${add} end`.execute(db);
    await sql`insert into case_due_counts (due_on, service, office, shard, cases)
      select next_due_on, service, office, 0, count(*) from cases where next_due_on is not null and clock_paused = 0 group by 1, 2, 3`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await onPostgres(db)) {
    await sql`drop trigger cases_due_count on cases`.execute(db);
    await sql`drop function case_due_count()`.execute(db);
  } else {
    for (const trigger of ['cases_due_count_insert', 'cases_due_count_delete', 'cases_due_count_update_old', 'cases_due_count_update_new']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
  }
  await db.schema.dropTable('case_due_counts').execute();
}
