/**
 * The file engine's parts that a process sets up once (docs/decisions/026): the store (local,
 * under DATA_DIR/files), the sealing keyed by the portal secret, and the scanner
 * (FILE_SCAN_COMMAND, or none).
 */
import { join } from 'node:path';
import { createFileSealer, type FileSealer } from './file-sealing.ts';
import { localFileStore, type FileStore } from './file-store.ts';
import { commandScanner, notScanning, type FileScanner } from './scanner.ts';

export interface FileBackend {
  store: FileStore;
  sealer: FileSealer;
  scanner: FileScanner;
}

export function localFileBackend(options: { dataDir: string; secret: Buffer; scanCommand: string | undefined }): FileBackend {
  const store = localFileStore(join(options.dataDir, 'files'));
  return {
    store,
    sealer: createFileSealer(options.secret),
    // The scanner's copy of a file sits beside the store's temporary files: the same disk, the same permissions.
    scanner: options.scanCommand ? commandScanner(options.scanCommand, store.tmp) : notScanning,
  };
}
