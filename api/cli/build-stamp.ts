/**
 * Whether dist/ was built from the current sources: a hash of everything the build reads, written
 * into dist/ by `npm run build`, compared by `npm start` so a fresh clone or an edit rebuilds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The whole of api/: the site bundles its own copy of every api module it imports (services, engine, http…), so a change anywhere in it may change the pages.
const INPUTS = ['site', 'api', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
const STAMP = join(ROOT, 'dist', '.build-stamp');

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function builtFingerprint(): string | undefined {
  return existsSync(STAMP) && existsSync(join(ROOT, 'dist/server/entry.mjs')) ? readFileSync(STAMP, 'utf8').trim() : undefined;
}

export function writeBuildStamp(): void {
  writeFileSync(STAMP, sourceFingerprint() + '\n');
}

export const PROJECT_ROOT = ROOT;
