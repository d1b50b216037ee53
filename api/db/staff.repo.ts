/** Staff accounts and sessions. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StaffMember, StaffRole } from '../domain/staff/staff.ts';
import type { Database, StaffSessionTable, StaffTable } from './schema.ts';

export interface StoredStaff extends StaffMember {
  passwordHash: string;
  disabled: boolean;
}

function toStaff(row: StaffTable): StoredStaff {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles_json) as StaffRole[],
    offices: JSON.parse(row.offices_json) as string[],
    serviceAreas: JSON.parse(row.service_areas_json) as string[],
    passwordHash: row.password_hash,
    disabled: row.disabled_at !== null,
  };
}

export async function insertStaff(
  db: Kysely<Database>,
  input: Omit<StaffMember, 'id'> & { passwordHash: string },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('staff')
    .values({
      id,
      username: input.username,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      roles_json: JSON.stringify(input.roles),
      offices_json: JSON.stringify(input.offices),
      service_areas_json: JSON.stringify(input.serviceAreas),
      created_at: now.toISOString(),
      disabled_at: null,
    })
    .execute();
  return id;
}

export async function findStaffByUsername(db: Kysely<Database>, username: string): Promise<StoredStaff | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toStaff(row) : undefined;
}

export async function insertSession(db: Kysely<Database>, session: StaffSessionTable): Promise<void> {
  await db.insertInto('staff_sessions').values(session).execute();
}

export async function findSessionWithStaff(db: Kysely<Database>, sessionId: string) {
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff as m', 'm.id', 's.staff_id')
    .selectAll('m')
    .select(['s.id as session_id', 's.last_seen_at', 's.expires_at', 's.revoked_at'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_id, last_seen_at, expires_at, revoked_at, ...staff } = row;
  return { sessionId: session_id, lastSeenAt: last_seen_at, expiresAt: expires_at, revokedAt: revoked_at, staff: toStaff(staff) };
}

export async function touchSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeAllSessions(db: Kysely<Database>, staffId: string, now: Date): Promise<number> {
  const result = await db.updateTable('staff_sessions').set({ revoked_at: now.toISOString() }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Members' display names by id (an id no account has any more is left out). */
export async function staffNames(db: Kysely<Database>, ids: readonly string[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return {};
  const rows = await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.display_name]));
}
