/**
 * Demo data in a production database: a database made by a development start keeps its seven demo
 * accounts (the system admin's password was printed on that terminal) and its demo applications.
 * A production start refuses to run while any is left, naming each and the command that removes
 * them; `npm run demo:remove` removes them, each with an audit entry (docs/decisions/017).
 */
import type { Kysely } from 'kysely';
import { markDemoCases } from '../cases/demo-cases.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import { listDemoData, removeDemoCase, removeDemoNotice, removeDemoStaff, type DemoData } from '../db/demo-data.repo.ts';
import type { Database } from '../db/schema.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';

export const DEMO_REMOVE_COMMAND = 'npm run demo:remove';

export interface DemoDataDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  now: () => Date;
}

/** A start that must not go on; its message says why and what to do. */
export class StartRefusedError extends Error {
  override name = 'StartRefusedError';
}

/** The demo data left (demo applications made before they were marked are marked first). */
export async function findDemoData(deps: DemoDataDeps): Promise<DemoData> {
  await markDemoCases(deps);
  return listDemoData(deps.db);
}

export function hasDemoData(data: DemoData): boolean {
  return data.staff.length > 0 || data.cases.length > 0 || data.notices.length > 0;
}

/** What a production start says when it refuses: every demo account and application, and the command. */
export function demoDataRefusal(data: DemoData): string {
  const lines = ['This database holds demo data, made by a development start; a production start does not run with it:'];
  if (data.staff.length > 0) lines.push(`  demo staff accounts (${data.staff.length}): ${data.staff.map((member) => member.username).join(', ')}`);
  if (data.cases.length > 0) lines.push(`  demo applications (${data.cases.length}): ${data.cases.map((stored) => formatTrackingNumber(stored.trackingNumber)).join(', ')}`);
  if (data.notices.length > 0) lines.push(`  example notices (${data.notices.length}): ${data.notices.map((notice) => notice.id).join(', ')}`);
  lines.push(`Remove them with \`${DEMO_REMOVE_COMMAND}\` (same DATABASE_URL or DATA_DIR, and the same PORTAL_SECRET), then start again.`);
  return lines.join('\n');
}

/** Removes every demo application and example notice, then every demo account, each in its own transaction with its audit entry. */
export async function removeDemoData(deps: DemoDataDeps): Promise<DemoData> {
  const found = await findDemoData(deps);
  const removed: DemoData = { staff: [], cases: [], notices: [] };
  const removal = () => ({ at: deps.now(), by: DEMO_REMOVE_COMMAND });
  for (const stored of found.cases) if (await removeDemoCase(deps.db, deps.kind, stored.id, removal())) removed.cases.push(stored);
  for (const notice of found.notices) if (await removeDemoNotice(deps.db, deps.kind, notice.id, removal())) removed.notices.push(notice);
  for (const member of found.staff) if (await removeDemoStaff(deps.db, deps.kind, member.id, removal())) removed.staff.push(member);
  return removed;
}
