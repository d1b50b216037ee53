/**
 * Demo data: the accounts, applications and example notices a development start makes, marked in `demo_records` so
 * that they can be told from real ones without guessing (docs/decisions/017), listed (a production
 * start refuses while any is left) and removed, each removal audited in its own transaction.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from './audit.repo.ts';
import { bumpContentVersion } from './content-state.repo.ts';
import { markFiguresStale } from './case-figures.repo.ts';
import { removeRatingFigures } from './ratings.repo.ts';
import type { DatabaseKind } from './connect.ts';
import { removeEditorialDraft } from './editorial-drafts.repo.ts';
import { releaseStock } from './case-stock.repo.ts';
import type { Database } from './schema.ts';

export type DemoRecordType = 'staff' | 'case' | 'notice';

export async function markDemoRecords(db: Kysely<Database>, type: DemoRecordType, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('demo_records')
    .values(ids.map((id) => ({ record_type: type, record_id: id, created_at: now.toISOString() })))
    .onConflict((oc) => oc.columns(['record_type', 'record_id']).doNothing())
    .execute();
}

/** The ids of the accounts with these usernames. */
export async function staffIdsByUsername(db: Kysely<Database>, usernames: readonly string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  return (await db.selectFrom('staff').select('id').where('username', 'in', [...usernames]).execute()).map((row) => row.id);
}

/**
 * The cases of one service and office whose applicant is one of these people (their keyed ID and
 * phone hashes, both matching): how demo applications made before the mark existed are found.
 */
export async function caseIdsByApplicants(db: Kysely<Database>, where: { service: string; office: string; applicants: readonly { idHash: string; phoneHash: string }[] }): Promise<string[]> {
  if (where.applicants.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('service', '=', where.service)
    .where('office', '=', where.office)
    .where((eb) => eb.or(where.applicants.map((person) => eb.and([eb('applicant_id_hash', '=', person.idHash), eb('applicant_phone_hash', '=', person.phoneHash)]))))
    .execute();
  return rows.map((row) => row.id);
}

export interface DemoData {
  staff: { id: string; username: string }[];
  cases: { id: string; trackingNumber: string }[];
  /** Example notices (docs/decisions/056): public pages a bureau must not publish as its own. */
  notices: { id: string }[];
}

/** The demo accounts and applications still in the database. */
export async function listDemoData(db: Kysely<Database>): Promise<DemoData> {
  const staff = await db
    .selectFrom('demo_records')
    .innerJoin('staff', 'staff.id', 'demo_records.record_id')
    .select(['staff.id as id', 'staff.username as username'])
    .where('demo_records.record_type', '=', 'staff')
    .orderBy('staff.username')
    .execute();
  const cases = await db
    .selectFrom('demo_records')
    .innerJoin('cases', 'cases.id', 'demo_records.record_id')
    .select(['cases.id as id', 'cases.tracking_number as trackingNumber'])
    .where('demo_records.record_type', '=', 'case')
    .orderBy('cases.tracking_number')
    .execute();
  const notices = await db
    .selectFrom('demo_records')
    .innerJoin('notices', 'notices.id', 'demo_records.record_id')
    .select(['notices.id as id'])
    .where('demo_records.record_type', '=', 'notice')
    .orderBy('notices.id')
    .execute();
  return { staff, cases, notices };
}

/**
 * Removes one example notice, its versions and any draft of it, with an audit entry, in one
 * transaction; every process's page cache follows (the notices' content version). False when it is
 * not (or no longer) an example notice.
 */
export async function removeDemoNotice(db: Kysely<Database>, kind: DatabaseKind, noticeId: string, removal: Removal): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const stored = await trx.selectFrom('demo_records').select('record_id').where('record_type', '=', 'notice').where('record_id', '=', noticeId).executeTakeFirst();
    if (!stored) return false;
    await removeEditorialDraft(trx, 'notice', noticeId);
    await trx.deleteFrom('notice_versions').where('id', '=', noticeId).execute();
    await trx.deleteFrom('notices').where('id', '=', noticeId).execute();
    await trx.deleteFrom('demo_records').where('record_type', '=', 'notice').where('record_id', '=', noticeId).execute();
    await bumpContentVersion(trx, 'notices', removal.at);
    await appendAudit(trx, kind, { at: removal.at, actorId: null, actorRole: null, action: 'demo.notice.remove', recordType: 'notice', recordId: noticeId, origin: null, details: { by: removal.by } });
    return true;
  });
}

interface Removal {
  at: Date;
  /** Who removed it, for the audit entry (e.g. the command's name). */
  by: string;
}

/**
 * Removes one demo application and everything that hangs on it (timeline, queued notifications,
 * hand-offs, public notices, access grants), with an audit entry, in one transaction. Demo
 * applications never have appointments or files. False when it is not (or no longer) a demo
 * application.
 */
export async function removeDemoCase(db: Kysely<Database>, kind: DatabaseKind, caseId: string, removal: Removal): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const stored = await trx
      .selectFrom('demo_records')
      .innerJoin('cases', 'cases.id', 'demo_records.record_id')
      .select(['cases.id as id', 'cases.tracking_number as trackingNumber', 'cases.service as service'])
      .where('demo_records.record_type', '=', 'case')
      .where('demo_records.record_id', '=', caseId)
      .executeTakeFirst();
    if (!stored) return false;
    await trx.deleteFrom('notification_outbox').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('handoff_requests').where('case_id', '=', caseId).execute();
    // A demo relief case's notice or announcement goes with it (docs/decisions/045).
    await trx.deleteFrom('public_entries').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('case_events').where('case_id', '=', caseId).execute();
    // Its rating leaves the dashboard's counters with it (docs/decisions/059).
    await removeRatingFigures(trx, caseId);
    await trx.deleteFrom('rating_follow_ups').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('ratings').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('case_access_grants').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('case_once_keys').where('case_id', '=', caseId).execute();
    // A plot the demo case held is given back before its hold goes (docs/decisions/064).
    await releaseStock(trx, caseId);
    await trx.deleteFrom('case_stock_holds').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('case_step_keys').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('case_people').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('case_evidence_on_record').where('case_id', '=', caseId).execute();
    // A bundle's rows go with it; a part's row loses its case (docs/decisions/066).
    await trx.deleteFrom('case_parts').where('bundle_case_id', '=', caseId).execute();
    await trx.updateTable('case_parts').set({ part_case_id: null }).where('part_case_id', '=', caseId).execute();
    await trx.deleteFrom('funeral_booking_lines').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('funeral_transports').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('funeral_services_done').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('funeral_cremation_certificates').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('funeral_exemption_claims').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('demo_records').where('record_type', '=', 'case').where('record_id', '=', caseId).execute();
    await trx.deleteFrom('cases').where('id', '=', caseId).execute();
    // The case's steps are in the dashboard's counters: they are built again without it at the next start.
    await markFiguresStale(trx);
    await appendAudit(trx, kind, {
      at: removal.at,
      actorId: null,
      actorRole: null,
      action: 'demo.case.remove',
      recordType: 'case',
      recordId: caseId,
      origin: null,
      details: { trackingNumber: stored.trackingNumber, service: stored.service, by: removal.by },
    });
    return true;
  });
}

/**
 * Removes one demo account, its sessions and access grants, with an audit entry, in one
 * transaction. What it did on cases stays on their timelines (by its id). False when it is not (or
 * no longer) a demo account.
 */
export async function removeDemoStaff(db: Kysely<Database>, kind: DatabaseKind, staffId: string, removal: Removal): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const stored = await trx
      .selectFrom('demo_records')
      .innerJoin('staff', 'staff.id', 'demo_records.record_id')
      .select(['staff.id as id', 'staff.username as username', 'staff.roles_json as rolesJson'])
      .where('demo_records.record_type', '=', 'staff')
      .where('demo_records.record_id', '=', staffId)
      .executeTakeFirst();
    if (!stored) return false;
    await trx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
    await trx.deleteFrom('case_access_grants').where('staff_id', '=', staffId).execute();
    await trx.deleteFrom('demo_records').where('record_type', '=', 'staff').where('record_id', '=', staffId).execute();
    await trx.deleteFrom('staff').where('id', '=', staffId).execute();
    await appendAudit(trx, kind, {
      at: removal.at,
      actorId: null,
      actorRole: null,
      action: 'demo.staff.remove',
      recordType: 'staff',
      recordId: staffId,
      origin: null,
      details: { username: stored.username, roles: JSON.parse(stored.rolesJson) as unknown, by: removal.by },
    });
    return true;
  });
}

