import type { Kysely } from 'kysely';

/**
 * The people a case is about, by keyed hash of their ID number (docs/decisions/065): a relief
 * household's members, so that another service reading the portal's own decisions finds a person
 * who was a member, not only the applicant (the funeral fee exemption asks whether the deceased's
 * household had 低保 or 特困). Written with the case at submission; the cases stored before are
 * indexed once at start with the portal's key (a migration runs without it: api/cases/case-people.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_people')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** FieldCrypto.lookupHash of the normalised ID number, in the context the booking gives people (appointments.person): never the number. */
    .addColumn('person_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_people_pk', ['case_id', 'person_hash'])
    .execute();
  await db.schema.createIndex('case_people_person').on('case_people').column('person_hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('case_people_person').execute();
  await db.schema.dropTable('case_people').execute();
}
