import type { Kysely } from 'kysely';

/**
 * The documents an application did not need as files because the portal holds them itself
 * (docs/decisions/074): per case and upload purpose, where the record was found (the funeral
 * booking's tracking number and the home), sealed with the portal's key as the answers are, for the
 * staff who handle the case. Never the document's own number: that stays sealed where it was
 * recorded (funeral_cremation_certificates).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_evidence_on_record')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    /** JSON { trackingNumber, place }, encrypted (FieldCrypto context cases.evidence_on_record). */
    .addColumn('reference_enc', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_evidence_on_record_pk', ['case_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_evidence_on_record').execute();
}
