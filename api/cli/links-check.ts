/**
 * `npm run links:check`: checks the external links of the published guides and notices now, as the
 * scheduled check does (under its lease, so never beside a server's run; audited as a run from the
 * command line), and prints the report (docs/decisions/058). Exit 0: nothing broken; 1: some links
 * are broken; 2: another run holds the lease.
 */
import { readConfig } from '../env.ts';
import { useAuditKeys } from '../db/audit.repo.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { linkCheckUserAgent, linkReport, runLinkCheck } from '../content/link-checks.ts';
import { deriveAuditKeys } from '../platform/audit-keys.ts';
import { loadSecret } from '../platform/secret.ts';
import { targetFromConfig } from '../server/bootstrap.ts';

const config = readConfig(process.env);
// The run is audited, and audit entries are keyed with the portal secret (docs/decisions/015).
useAuditKeys(deriveAuditKeys(loadSecret({ fromEnv: config.secretFromEnv, dataDir: config.dataDir }).key));
const database = openDatabase(targetFromConfig(config));
try {
  await migrateToLatest(database.db);
  const deps = {
    db: database.db,
    kind: database.kind,
    now: () => new Date(),
    settings: { intervalMs: config.linkChecks.intervalMs, timeoutMs: config.linkChecks.timeoutMs, fetch: globalThis.fetch, userAgent: linkCheckUserAgent(config.publicUrl) },
  };
  const ran = await runLinkCheck(deps, { cli: true });
  if (!ran.ok) {
    console.error('another run is checking the links now: try again when it has finished');
    process.exitCode = 2;
  } else {
    const report = await linkReport(deps, 'en');
    const { counts } = report;
    console.log(`checked ${ran.checked} addresses: ${counts.broken} broken, ${counts.redirected} moved permanently, ${counts.unreachable} could not be checked, ${counts.ok} ok (${counts.skipped} mailto:/tel: links not checked)`);
    for (const row of report.rows) {
      const { state } = row;
      const status = state.result === 'redirected' ? `${state.statusCode ?? 301} → ${state.finalUrl ?? ''}` : (state.reason ?? '');
      console.log(`${state.result.padEnd(11)} ${`${row.source}/${row.ref}`.padEnd(40)} ${row.lang.padEnd(5)} ${row.field.padEnd(22)} ${row.url}  ${status}  since ${(state.firstFailedAt ?? state.since).slice(0, 10)}`);
    }
    if (counts.broken > 0) process.exitCode = 1;
  }
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
