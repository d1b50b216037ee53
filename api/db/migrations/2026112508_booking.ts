import { sql, type Kysely } from 'kysely';

/**
 * The booking engine's tables. `booking_places` has one row per slot and kind of business, created
 * when first booked, whose `taken` the database itself keeps within `capacity` (a conditional
 * update, and a check constraint as the last guard). `appointment_people` holds, per kind of
 * business, a keyed hash of each person on an active appointment; a unique partial index makes "one
 * active appointment per person per kind" a rule the database enforces, whatever the processes do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_places')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull())
    .addCheckConstraint('booking_places_within_capacity', sql`taken >= 0 and taken <= capacity`)
    .execute();
  await db.schema.createIndex('booking_places_by_day').on('booking_places').columns(['resource_id', 'kind', 'date']).execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('end', 'text', (c) => c.notNull())
    .addColumn('place_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appointments_case').on('appointments').column('case_id').execute();
  await db.schema.createIndex('appointments_day').on('appointments').columns(['resource_id', 'date', 'start']).execute();

  await db.schema
    .createTable('appointment_people')
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appointment_people_one_active')
    .on('appointment_people')
    .columns(['kind', 'person_hash'])
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();
  await db.schema.createIndex('appointment_people_by_appointment').on('appointment_people').column('appointment_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appointment_people').execute();
  await db.schema.dropTable('appointments').execute();
  await db.schema.dropTable('booking_places').execute();
}
