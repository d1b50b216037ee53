import type { Kysely } from 'kysely';

/**
 * The funeral fee exemption's manual claim (docs/decisions/075): one per booking whose exemption the
 * portal could not decide (a 低保/特困 decision it did not make, a 优抚 status it holds no records of).
 * Written with the booking (`open`), sent with its proof by the family (`sent`, the files are the
 * case's under the purpose `exemptionProof`), decided once by the funeral area's reviewer
 * (`confirmed` or `refused`). `version` guards the decision: a page read before another decision
 * cannot decide again. The family's note and the refusal's reason are their words: sealed.
 * `decided_on` (China date) is the month a confirmed claim is settled in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('funeral_exemption_claims')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('home', 'text', (c) => c.notNull())
    /** relief | youfu: the ground claimed (the booking's, until the family says which when sending). */
    .addColumn('ground', 'text', (c) => c.notNull())
    /** open | sent | confirmed | refused */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('refusal_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The reviewers' queue: a home's claims by status.
  await db.schema.createIndex('funeral_exemption_claims_home_status').on('funeral_exemption_claims').columns(['home', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('funeral_exemption_claims').execute();
}
