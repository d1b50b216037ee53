import type { Kysely } from 'kysely';

/**
 * Funeral bookings (docs/decisions/063). The case holds the answers (encrypted) and its places are
 * the booking engine's (booking_places, appointments); these two tables hold what only a funeral
 * booking has, readable without decrypting a case:
 * - its priced lines: each item with its price as the list said on the booking day, the amount the
 *   fee exemption waived and why — what the receipt shows and the monthly settlement report sums;
 * - its transport request: the day and window (the pickup address stays in the encrypted answers),
 *   requested until the home confirms it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('funeral_booking_lines')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('home', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    /** basic | optional */
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_fen', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('charged_fen', 'integer', (c) => c.notNull())
    .addColumn('waived_fen', 'integer', (c) => c.notNull())
    /** Why this much is waived: the reason's key (funeral:exemption.reasons.*) and its values, as JSON. */
    .addColumn('reason', 'text', (c) => c.notNull())
    /** The exemption's ground (unidentified, dibao, tekun, resident) when decided; null otherwise. */
    .addColumn('ground', 'text')
    .addColumn('served_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('funeral_booking_lines_pk', ['case_id', 'line'])
    .execute();
  await db.schema.createIndex('funeral_booking_lines_home').on('funeral_booking_lines').columns(['home', 'served_on']).execute();
  await db.schema
    .createTable('funeral_transports')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('home', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    /** requested | confirmed | done | cancelled */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funeral_transports_day').on('funeral_transports').columns(['home', 'date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('funeral_transports_day').execute();
  await db.schema.dropTable('funeral_transports').execute();
  await db.schema.dropIndex('funeral_booking_lines_home').execute();
  await db.schema.dropTable('funeral_booking_lines').execute();
}
