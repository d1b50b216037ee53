/**
 * The scan hook: every upload is shown to a scanner before it is accepted (docs/decisions/026).
 * The portal ships no scanner; a deployment names a command in FILE_SCAN_COMMAND, run with the
 * file's path as its last argument, that exits 0 for clean and 1 for infected, as clamdscan and
 * clamscan do (`clamdscan --fdpass --no-summary`). Any other exit, a signal or a run over the time
 * limit is a failed scan, and the file is refused (never stored unchecked). Without a command,
 * files are recorded as not scanned.
 *
 * The command is split on spaces and run without a shell: nothing in a file's name or content
 * reaches a command line (the path is a random name the portal chose).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How a file was scanned: `clean`, or `not-scanned` when no scanner is configured. An infected file is never stored. */
export type ScanState = 'clean' | 'not-scanned';
export type ScanVerdict = ScanState | 'infected' | 'failed';

export interface FileScanner {
  /** What the scanner says of the bytes as uploaded. */
  scan(content: Buffer): Promise<ScanVerdict>;
}

/** No scanner configured: every file is recorded as not scanned. */
export const notScanning: FileScanner = { scan: async () => 'not-scanned' };

/** How long a scan may take: a 10 MB file takes clamd well under a second; a daemon that hangs must not hold the upload. */
export const SCAN_TIMEOUT_MS = 60_000;

/**
 * Runs `command` (words separated by spaces; the first is the program) on a private copy of the
 * file under `workDir` (mode 0600, removed afterwards whatever happens).
 */
export function commandScanner(command: string, workDir: string, options: { timeoutMs?: number } = {}): FileScanner {
  const [program, ...args] = command.trim().split(/\s+/);
  if (!program) throw new Error('FILE_SCAN_COMMAND is empty');
  return {
    async scan(content) {
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      const path = join(workDir, `scan-${randomBytes(12).toString('hex')}`);
      await writeFile(path, content, { mode: 0o600, flag: 'wx' });
      try {
        const exitCode = await new Promise<number | null>((resolve) => {
          execFile(program, [...args, path], { timeout: options.timeoutMs ?? SCAN_TIMEOUT_MS, windowsHide: true }, (error) => {
            if (!error) return resolve(0);
            resolve(typeof error.code === 'number' ? error.code : null);
          });
        });
        if (exitCode === 0) return 'clean';
        if (exitCode === 1) return 'infected';
        return 'failed';
      } finally {
        await rm(path, { force: true });
      }
    },
  };
}
