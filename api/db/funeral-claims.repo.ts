/**
 * The funeral fee exemption's manual claims (docs/decisions/075): the claim a booking opens where the
 * portal could not decide, the family's proof sent, the reviewer's decision and the booking's lines
 * waived by it. Every write is one guarded statement inside the caller's transaction, so two
 * decisions (or a decision and a late proof) can never both land.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export interface StoredClaim {
  caseId: string;
  home: string;
  ground: string;
  status: string;
  version: number;
  noteEnc: string | null;
  sentAt: string | null;
  decidedAt: string | null;
  decidedOn: string | null;
  refusalEnc: string | null;
  /** The booking's state (a cancelled booking's claim takes no proof and no decision). */
  caseState: string;
}

const toClaim = (row: Database['funeral_exemption_claims'] & { case_state: string }): StoredClaim => ({
  caseId: row.case_id,
  home: row.home,
  ground: row.ground,
  status: row.status,
  version: Number(row.version),
  noteEnc: row.note_enc,
  sentAt: row.sent_at,
  decidedAt: row.decided_at,
  decidedOn: row.decided_on,
  refusalEnc: row.refusal_enc,
  caseState: row.case_state,
});

/** The claim a booking calls for, written with the booking: open, waiting for the family's proof. */
export async function openClaim(trx: Transaction<Database>, claim: { caseId: string; home: string; ground: string }, at: Date): Promise<void> {
  await trx.insertInto('funeral_exemption_claims').values({ case_id: claim.caseId, home: claim.home, ground: claim.ground, status: 'open', version: 1, note_enc: null, sent_at: null, decided_at: null, decided_on: null, decided_by: null, refusal_enc: null, created_at: at.toISOString() }).execute();
}

export async function claimOfCase(db: Kysely<Database>, caseId: string): Promise<StoredClaim | undefined> {
  const row = await db
    .selectFrom('funeral_exemption_claims')
    .innerJoin('cases', 'cases.id', 'funeral_exemption_claims.case_id')
    .selectAll('funeral_exemption_claims')
    .select('cases.state as case_state')
    .where('funeral_exemption_claims.case_id', '=', caseId)
    .executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/** The proof sent: open → sent, with the ground the family gives and their note (sealed by the caller); false when the claim was not open (sent already, or decided). */
export async function markClaimSent(trx: Transaction<Database>, caseId: string, ground: string, noteEnc: string | null, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('funeral_exemption_claims')
    .set((eb) => ({ status: 'sent', ground, note_enc: noteEnc, sent_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The reviewer's decision, once: sent → confirmed | refused at the version the reviewer read; false when it was not (decided already, or changed since). */
export async function decideClaim(trx: Transaction<Database>, decision: { caseId: string; version: number; status: 'confirmed' | 'refused'; decidedOn: string; by: string; refusalEnc: string | null }, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('funeral_exemption_claims')
    .set({ status: decision.status, version: decision.version + 1, decided_at: at.toISOString(), decided_on: decision.decidedOn, decided_by: decision.by, refusal_enc: decision.refusalEnc })
    .where('case_id', '=', decision.caseId)
    .where('status', '=', 'sent')
    .where('version', '=', decision.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A confirmed claim's amounts written on the booking's lines (by line number), with the ground and each line's reason (JSON). */
export async function waiveLines(trx: Transaction<Database>, caseId: string, lines: readonly { line: number; waivedFen: number; reason: string }[], ground: string): Promise<void> {
  for (const line of lines) {
    await trx.updateTable('funeral_booking_lines').set({ waived_fen: line.waivedFen, reason: line.reason, ground }).where('case_id', '=', caseId).where('line', '=', line.line).execute();
  }
}

/** A booking's lines as the confirm rule reads them: number, item and what it was charged at booking. */
export async function claimLinesOf(db: Kysely<Database>, caseId: string) {
  const rows = await db.selectFrom('funeral_booking_lines').select(['line', 'item', 'charged_fen', 'waived_fen']).where('case_id', '=', caseId).orderBy('line').execute();
  return rows.map((row) => ({ line: Number(row.line), item: row.item, chargedFen: Number(row.charged_fen), waivedFen: Number(row.waived_fen) }));
}

/** The claims of the homes given, by status (sent first: what waits for a reviewer), oldest sent first, at most `limit`. */
export async function claimsOfHomes(db: Kysely<Database>, homes: readonly string[], statuses: readonly string[], limit: number) {
  if (homes.length === 0 || statuses.length === 0) return [];
  const rows = await db
    .selectFrom('funeral_exemption_claims')
    .innerJoin('cases', 'cases.id', 'funeral_exemption_claims.case_id')
    .select(['cases.tracking_number', 'cases.state', 'funeral_exemption_claims.home', 'funeral_exemption_claims.ground', 'funeral_exemption_claims.status', 'funeral_exemption_claims.sent_at', 'funeral_exemption_claims.decided_at', 'funeral_exemption_claims.created_at'])
    .where('funeral_exemption_claims.home', 'in', homes)
    .where('funeral_exemption_claims.status', 'in', statuses)
    .orderBy('funeral_exemption_claims.sent_at')
    .orderBy('funeral_exemption_claims.created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ trackingNumber: row.tracking_number, state: row.state, home: row.home, ground: row.ground, status: row.status, sentAt: row.sent_at, decidedAt: row.decided_at }));
}
