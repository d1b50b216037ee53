/**
 * A migrated, seeded runtime and the API/portal apps on top of it, for in-process tests
 * (`app.request`, no network).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { localFileBackend, type FileBackend } from '../../api/engine/files/backend.ts';
import { createFieldCrypto, type FieldCrypto } from '../../api/platform/field-crypto.ts';
import type { DatabaseKind } from '../../api/db/connect.ts';
import type { TrackLimits } from '../../api/http/api-env.ts';
import { bootstrap, type Runtime } from '../../api/server/bootstrap.ts';
import { createPortal, type PortalOptions } from '../../api/server/portal.ts';
import type { ServicePackage } from '../../api/services/service-package.ts';
import type { RegistryOffice } from '../../api/services/marriage/offices.ts';
import { recordAnsweredStatuses } from './answered-statuses.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const silentLogger = pino({ level: 'silent' });

export interface TestRuntime extends Runtime {
  portal: ReturnType<typeof createPortal>;
  /** The portal's field encryption, for tests that read what it stored. */
  crypto: FieldCrypto;
  /** Uploaded files' store (in a temporary folder of its own), sealing and scanner. */
  files: FileBackend;
  database: Runtime['database'];
  /** Where its database is: a second runtime opened on it stands for another process. */
  target: TestDatabase['target'];
  dispose(): Promise<void>;
}

export async function createTestRuntime(
  kind: DatabaseKind,
  options: {
    guidesDir?: URL;
    now?: () => Date;
    environment?: 'development' | 'production' | 'test';
    trackLimits?: TrackLimits;
    bookingLimitPerClient?: number;
    /** One-time codes per client address per hour: many tests confirm phones from one address; a test of the limit sets its own. */
    phoneCodeLimitPerClient?: number;
    /** PUBLIC_URL's origin. */
    publicUrl?: string;
    /** TRUST_PROXY's entries. */
    trustProxy?: string[];
    /** FILE_SCAN_COMMAND. */
    fileScanCommand?: string;
    /** Services beside the built-in ones (the test-only one: tests/support/test-service). */
    servicePackages?: readonly ServicePackage[];
    /** The registry offices (an offices file's): the demo's when absent. */
    registryOffices?: readonly RegistryOffice[];
    /** A database another runtime made: the two stand for two processes of one portal. */
    sharedWith?: TestRuntime;
    /** Hand-offs' settings and the outside world they reach (docs/decisions/044): fetch, the jitter's chance, the retry policy. */
    handoffs?: PortalOptions['handoffs'];
    /** The external link check's settings and the outside world it reaches (docs/decisions/058): offline unless a fetch is given. */
    linkChecks?: PortalOptions['linkChecks'];
    /** METRICS_TOKEN. */
    metricsToken?: string;
  } = {},
): Promise<TestRuntime> {
  const testDatabase: TestDatabase = options.sharedWith ? { target: options.sharedWith.target, drop: async () => {} } : await createTestDatabase(kind);
  const runtime = await bootstrap({
    target: testDatabase.target,
    ...(options.registryOffices ? { registryOffices: options.registryOffices } : {}),
    logger: silentLogger,
    contentCheckMs: 0,
    ...(options.guidesDir ? { guidesDir: options.guidesDir } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const crypto = createFieldCrypto(randomBytes(32));
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-files-'));
  const files = localFileBackend({ dataDir, secret: randomBytes(32), scanCommand: options.fileScanCommand });
  const portal = createPortal({
    ...runtime,
    logger: silentLogger,
    now: options.now ?? (() => new Date()),
    environment: options.environment ?? 'test',
    crypto,
    files,
    ...(options.trackLimits ? { trackLimits: options.trackLimits } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    // In-process tests book many times from one (unknown) address; a test of the limit sets its own.
    bookingLimitPerClient: options.bookingLimitPerClient ?? 100_000,
    phoneCodeLimitPerClient: options.phoneCodeLimitPerClient ?? 100_000,
    ...(options.servicePackages ? { services: options.servicePackages } : {}),
    ...(options.handoffs ? { handoffs: options.handoffs } : {}),
    ...(options.linkChecks ? { linkChecks: options.linkChecks } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
  });
  // Every status the API tests see must be documented (tests/api/answered-statuses.test.ts).
  recordAnsweredStatuses(portal.app, options.environment ?? 'test');
  return {
    ...runtime,
    portal,
    crypto,
    files,
    target: testDatabase.target,
    dispose: async () => {
      await runtime.close();
      await testDatabase.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
