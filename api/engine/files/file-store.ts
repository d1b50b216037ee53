/**
 * Where files' contents live: outside the database, by address (docs/decisions/026). A store keeps
 * opaque bytes (what it is given is already encrypted: file-sealing.ts) and knows nothing of
 * owners; the database's `files` rows say what each address is. The local store writes under
 * DATA_DIR/files; an S3-compatible store would implement the same interface (put is then one
 * PUT, which is atomic there too).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface FileStore {
  /** Stores `content` at `address`, replacing what was there; nothing is ever seen half-written. */
  put(address: string, content: Buffer): Promise<void>;
  /** The content at `address`, or undefined when there is none. */
  get(address: string): Promise<Buffer | undefined>;
  /** Removes what is at `address` (nothing there is not an error). */
  delete(address: string): Promise<void>;
  has(address: string): Promise<boolean>;
  /** Every address with when it was last put, for the sweep of contents no row names. */
  list(): AsyncIterable<{ address: string; storedAt: Date }>;
  /** Removes what an interrupted write left behind before `before` (a store whose writes are atomic has nothing to do). */
  sweepTemporary?(before: Date): Promise<number>;
}

/** Addresses are 64 lowercase hex digits (a keyed SHA-256): nothing else reaches the file system. */
const ADDRESS = /^[0-9a-f]{64}$/;

export class BadAddressError extends Error {
  override name = 'BadAddressError';
}

function checked(address: string): string {
  if (!ADDRESS.test(address)) throw new BadAddressError('not a file address');
  return address;
}

/**
 * The local store: `<root>/ab/cd/abcd…` (two levels of 256 folders, so that no folder grows past a
 * few thousand entries at a million files), written to a temporary file in `<root>/tmp`, flushed to
 * disk (fsync), then renamed into place: a crash leaves either the old content or the new, never a
 * part, and the folder is flushed too so that the rename itself survives a power cut.
 */
export function localFileStore(root: string): FileStore & { readonly root: string; readonly tmp: string } {
  const tmp = join(root, 'tmp');
  const pathOf = (address: string) => join(root, checked(address).slice(0, 2), address.slice(2, 4), address);
  async function syncFolder(folder: string) {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  return {
    root,
    tmp,
    async put(address, content) {
      const target = pathOf(address);
      const folder = join(target, '..');
      await Promise.all([mkdir(folder, { recursive: true, mode: 0o700 }), mkdir(tmp, { recursive: true, mode: 0o700 })]);
      const temporary = join(tmp, `${address}.${randomBytes(6).toString('hex')}`);
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temporary, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncFolder(folder);
    },
    async get(address) {
      try {
        return await readFile(pathOf(address));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(address) {
      try {
        await unlink(pathOf(address));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
    async has(address) {
      try {
        return (await stat(pathOf(address))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
    async sweepTemporary(before) {
      let removed = 0;
      const entries = await readdir(tmp).catch(() => [] as string[]);
      for (const name of entries) {
        const info = await stat(join(tmp, name)).catch(() => undefined);
        if (info && info.mtime < before) {
          await rm(join(tmp, name), { force: true, recursive: true });
          removed += 1;
        }
      }
      return removed;
    },
    async *list() {
      const hex2 = /^[0-9a-f]{2}$/;
      const names = async (folder: string) => {
        try {
          return await readdir(folder);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
          throw error;
        }
      };
      for (const first of (await names(root)).filter((name) => hex2.test(name)).sort()) {
        for (const second of (await names(join(root, first))).filter((name) => hex2.test(name)).sort()) {
          for (const address of (await names(join(root, first, second))).filter((name) => ADDRESS.test(name)).sort()) {
            const info = await stat(join(root, first, second, address)).catch(() => undefined);
            if (info?.isFile()) yield { address, storedAt: info.mtime };
          }
        }
      }
    },
  };
}
