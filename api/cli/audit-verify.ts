/** `npm run audit:verify`: checks the audit chain and names the first broken entry (exit 1 if any). */
import { readConfig } from '../env.ts';
import { verifyAuditChain } from '../db/audit.repo.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { targetFromConfig } from '../server/bootstrap.ts';

const database = openDatabase(targetFromConfig(readConfig(process.env)));
try {
  await migrateToLatest(database.db);
  const result = await verifyAuditChain(database.db);
  if (result.ok) console.log(`audit chain intact: ${result.entries} entries`);
  else console.error(`audit chain BROKEN at entry ${result.firstBrokenSeq} (${result.reason}); the ${result.entries} entries before it are intact`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
