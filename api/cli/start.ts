/**
 * `npm start`: builds the site when dist/ is missing or older than the sources, then serves the
 * portal on the embedded database (or DATABASE_URL), creating and migrating it and loading the
 * guides on first start.
 */
import { spawnSync } from 'node:child_process';
import { relaunchWithProcessSettings } from '../platform/process-settings.ts';

// First: the process may be replaced by one with the portal's heap and malloc settings (docs/decisions/078).
relaunchWithProcessSettings();
const { builtFingerprint, PROJECT_ROOT, sourceFingerprint } = await import('./build-stamp.ts');

if (builtFingerprint() !== sourceFingerprint()) {
  console.log('Building the site (first start, or the sources changed)…');
  const build = spawnSync(process.execPath, ['--run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// After the build: the server's modules are loaded once the site they serve is there.
const { runFromEnvironment } = await import('../server/main.ts');
await runFromEnvironment((url) => {
  console.log(`\n  民政一网通办 · Civil Affairs Online Services\n  → ${url}\n  → ${url}/en/\n  → ${url}/api/docs\n`);
});
