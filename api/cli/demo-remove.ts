/**
 * `npm run demo:remove`: removes the demo staff accounts and demo applications a development start
 * made (a production start refuses to run while any is left), each in its own transaction with an
 * audit entry, and says what it removed. Run it with the deployment's DATABASE_URL (or DATA_DIR)
 * and PORTAL_SECRET: demo applications made before they were marked are recognised with it.
 */
import { readConfig } from '../env.ts';
import { useAuditKeys } from '../db/audit.repo.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import { deriveAuditKeys } from '../platform/audit-keys.ts';
import { createFieldCrypto } from '../platform/field-crypto.ts';
import { loadSecret } from '../platform/secret.ts';
import { targetFromConfig } from '../server/bootstrap.ts';
import { removeDemoData } from '../server/demo-data.ts';

const config = readConfig(process.env);
const secret = loadSecret({ fromEnv: config.secretFromEnv, dataDir: config.dataDir });
// Every removal is audited, and audit entries are keyed with the portal secret (docs/decisions/015).
useAuditKeys(deriveAuditKeys(secret.key));
const database = openDatabase(targetFromConfig(config));
try {
  await migrateToLatest(database.db);
  const removed = await removeDemoData({ db: database.db, kind: database.kind, crypto: createFieldCrypto(secret.key), now: () => new Date() });
  if (removed.staff.length === 0 && removed.cases.length === 0 && removed.notices.length === 0) console.log('no demo data: nothing to remove');
  if (removed.cases.length > 0) console.log(`removed ${removed.cases.length} demo applications: ${removed.cases.map((stored) => formatTrackingNumber(stored.trackingNumber)).join(', ')}`);
  if (removed.notices.length > 0) console.log(`removed ${removed.notices.length} example notices: ${removed.notices.map((notice) => notice.id).join(', ')}`);
  if (removed.staff.length > 0) console.log(`removed ${removed.staff.length} demo staff accounts: ${removed.staff.map((member) => member.username).join(', ')}`);
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
