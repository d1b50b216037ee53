/**
 * The portal's secret keys sessions and field encryption. From PORTAL_SECRET when set; otherwise
 * generated once into DATA_DIR/secret.key, readable by the owner only, so a restart keeps
 * sessions and encrypted data readable. Never logged.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PortalSecret {
  /** 32 or more bytes. */
  readonly key: Buffer;
  readonly origin: 'environment' | 'generated' | 'file';
}

function decode(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-f]+$/i.test(trimmed) && trimmed.length % 2 === 0) return Buffer.from(trimmed, 'hex');
  return Buffer.from(trimmed, 'base64');
}

/**
 * The secret as configured, without generating one: for tools that check what the server wrote
 * (`npm run audit:verify`), where a new secret would only make everything look forged.
 */
export function findSecret(options: { fromEnv: string | undefined; dataDir: string }): PortalSecret | undefined {
  if (options.fromEnv) return loadSecret(options);
  const file = join(options.dataDir, 'secret.key');
  try {
    return { key: decode(readFileSync(file, 'utf8')), origin: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function loadSecret(options: { fromEnv: string | undefined; dataDir: string }): PortalSecret {
  if (options.fromEnv) {
    const key = decode(options.fromEnv);
    if (key.length < 32) throw new Error('PORTAL_SECRET must decode to at least 32 bytes');
    return { key, origin: 'environment' };
  }
  const file = join(options.dataDir, 'secret.key');
  try {
    const key = decode(readFileSync(file, 'utf8'));
    // Tighten a file someone loosened by hand.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return { key, origin: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created it first; then read theirs so both agree.
  try {
    writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecret(options);
    throw error;
  }
  return { key, origin: 'generated' };
}
