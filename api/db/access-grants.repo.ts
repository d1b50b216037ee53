/** Break-glass grants: a system admin's reason for opening one case, and the record of who looked at a case. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export async function insertAccessGrant(trx: Transaction<Database>, grant: { caseId: string; staffId: string; reason: string; grantedAt: Date; expiresAt: Date }): Promise<void> {
  await trx
    .insertInto('case_access_grants')
    .values({ id: randomUUID(), case_id: grant.caseId, staff_id: grant.staffId, reason: grant.reason, granted_at: grant.grantedAt.toISOString(), expires_at: grant.expiresAt.toISOString() })
    .execute();
}

/** The member's grant for the case that is still running at `now`, if any. */
export async function findLiveGrant(db: Kysely<Database>, caseId: string, staffId: string, now: Date): Promise<{ reason: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('case_access_grants')
    .select(['reason', 'expires_at'])
    .where('case_id', '=', caseId)
    .where('staff_id', '=', staffId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { reason: row.reason, expiresAt: row.expires_at } : undefined;
}

export interface AccessRecord {
  at: string;
  action: string;
  actorRole: string | null;
  actorName: string | null;
  details: Record<string, unknown>;
}

/** Who looked at a case and how (its audit entries of the given actions), newest first. */
export async function caseAccessRecord(db: Kysely<Database>, caseId: string, actions: readonly string[], limit = 50): Promise<AccessRecord[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.actor_id')
    .select(['a.at', 'a.action', 'a.actor_role', 's.display_name', 'a.details_json'])
    .where('a.record_type', '=', 'case')
    .where('a.record_id', '=', caseId)
    .where('a.action', 'in', [...actions])
    .orderBy('a.seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    at: row.at,
    action: row.action,
    actorRole: row.actor_role,
    actorName: row.display_name,
    details: row.details_json ? (JSON.parse(row.details_json) as Record<string, unknown>) : {},
  }));
}
