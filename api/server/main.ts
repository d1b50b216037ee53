/**
 * Starts the portal: one process serving the site and the API. Stops gracefully on SIGTERM and
 * SIGINT: no new connections, in-flight requests finish, the database closes, exit code 0.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { ConfigError, readConfig, type Config } from '../env.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { ensureDemoCases } from '../cases/demo-cases.ts';
import { START_UP_UPGRADES } from '../cases/start-up-upgrades.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { sweepEndedPeriods } from '../cases/period-sweep.ts';
import { sweepEndedEntries } from '../cases/public-notices.ts';
import { sweepStalePhoneCodes } from '../verification/phone-codes.ts';
import { localFileBackend } from '../engine/files/backend.ts';
import { sweepOrphanFiles } from '../engine/files/files.ts';
import { sweepExpiredDrafts } from '../engine/drafts/drafts.ts';
import { createFieldCrypto } from '../platform/field-crypto.ts';
import { loadSecret } from '../platform/secret.ts';
import { useAuditKeys } from '../db/audit.repo.ts';
import { ensureFigures } from '../db/case-figures.repo.ts';
import { auditAnchorPath } from '../platform/audit-anchor.ts';
import { deriveAuditKeys } from '../platform/audit-keys.ts';
import { auditAnchoringPass } from './audit-anchoring.ts';
import { startBackgroundPasses, type BackgroundPass } from '../platform/background-passes.ts';
import { createRecordingProvider, deliveryPass } from '../notifications/delivery.ts';
import { handoffPass } from '../engine/handoffs/handoffs.ts';
import { publishDueContent } from '../content/editorial-kinds.ts';
import { linkCheckPass } from '../content/link-check-pass.ts';
import { ensureDemoNotices } from '../content/demo-notices.ts';
import { handoffEnvName } from '../engine/handoffs/handoff.ts';
import { readRegistryFile, type RegistryOffice } from '../services/marriage/offices.ts';
import { WITHDRAWAL_RULES_TABLE, withdrawalSourceRows } from '../services/marriage/withdrawal-table.ts';
import type { WithdrawalRule } from '../services/marriage/withdrawal-rules.ts';
import { ensureDemoStaff, type DemoAccount } from '../staff/demo-accounts.ts';
import type { AstroNodeHandler } from './astro-bridge.ts';
import { bootstrap, targetFromConfig } from './bootstrap.ts';
import { demoDataRefusal, findDemoData, hasDemoData, StartRefusedError } from './demo-data.ts';
import { createPortal } from './portal.ts';
import type { ServicePackageModule } from '../services/service-package.ts';

export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;
const NOTIFICATION_INTERVAL_MS = 2_000;
/** Hand-offs are sent (and retried) within this long of the step that asks for them. */
const HANDOFF_INTERVAL_MS = 2_000;
const CALENDAR_REFRESH_MS = 60_000;
/** Legal periods end at midnight; looking every five minutes is prompt enough and costs one indexed query per service. */
const PERIOD_SWEEP_MS = 5 * 60_000;
/** Scheduled publications of guides and notices (docs/decisions/052, 056) go live within this long of their moment, on whichever process looks first. */
const SCHEDULED_PUBLISHING_MS = 15_000;
/** How often the audit log's head is anchored outside the database (and at shutdown): at most this long of the last entries could go unnoticed if removed together with a crash of the process. */
const AUDIT_ANCHOR_MS = 10_000;

async function loadSite(): Promise<{ handler: AstroNodeHandler; clientDir: string } | undefined> {
  const entry = `${DIST_DIR}server/entry.mjs`;
  if (!existsSync(entry)) return undefined;
  const module = (await import(entry)) as { handler: AstroNodeHandler };
  return { handler: module.handler, clientDir: `${DIST_DIR}client` };
}

export interface RunningPortal {
  url: string;
  /** Outside production: one account per role, to try the workbench. */
  demoAccounts: DemoAccount[];
  close(): Promise<void>;
}

export async function startPortal(config: Config, logger: Logger, onListening?: (url: string) => void): Promise<RunningPortal> {
  /** The file's withdrawal rules: the source rows of their rule table once the runtime is up. */
  let fileWithdrawalRules: WithdrawalRule[] = [];
  /** The file's offices, handed to the runtime (the demo's when there is no file). */
  let registryOffices: RegistryOffice[] | undefined;
  if (config.marriageOfficesFile) {
    // Before anything else: a bad file stops the start with the file's problems, not a later request.
    const { offices, withdrawalRules } = readRegistryFile(config.marriageOfficesFile);
    registryOffices = offices;
    fileWithdrawalRules = withdrawalRules;
    logger.info({ file: config.marriageOfficesFile, offices: offices.map((office) => office.id), withdrawalRules: withdrawalRules.length }, 'marriage registry offices loaded');
  }
  const secret = loadSecret({ fromEnv: config.secretFromEnv, dataDir: config.dataDir });
  if (secret.origin === 'generated') logger.info({ file: `${config.dataDir}/secret.key` }, 'generated a new portal secret');
  // Before anything is audited (demo cases included): every entry is keyed with it (docs/decisions/015).
  const auditKeys = deriveAuditKeys(secret.key);
  useAuditKeys(auditKeys);
  const runtime = await bootstrap({ target: targetFromConfig(config), logger, contentCheckMs: config.contentCheckMs, ...(registryOffices ? { registryOffices } : {}) });
  runtime.rules.useSource(WITHDRAWAL_RULES_TABLE, withdrawalSourceRows(fileWithdrawalRules));
  // Under the start-up lock: a fleet's processes start together, and both would insert the same account.
  const demoAccounts =
    config.env === 'production' ? [] : await withStartupLock(runtime.database, (db) => ensureDemoStaff({ db, kind: runtime.database.kind, now: () => new Date() }, secret.key));
  const crypto = createFieldCrypto(secret.key);
  if (config.env === 'production') {
    // A database made by a development start keeps working demo accounts: not in production.
    const demoData = await findDemoData({ db: runtime.database.db, kind: runtime.database.kind, crypto, now: () => new Date() });
    if (hasDemoData(demoData)) {
      await runtime.close();
      throw new StartRefusedError(demoDataRefusal(demoData));
    }
  }
  if (config.env !== 'production') {
    const made = await ensureDemoCases({ db: runtime.database.db, kind: runtime.database.kind, crypto, calendar: runtime.calendar, rules: runtime.rules, offices: runtime.offices, now: () => new Date(), randomBytes });
    if (made > 0) logger.info({ cases: made }, 'created demo applications for the workbench');
    const notices = await withStartupLock(runtime.database, (db) =>
      ensureDemoNotices({ db, kind: runtime.database.kind, now: () => new Date(), officeIds: runtime.offices.all().map((office) => office.id), hasGuide: async (slug) => (await runtime.guides.get(slug, 'zh-CN')) !== undefined }),
    );
    if (notices > 0) logger.info({ notices }, 'published example notices');
  }
  const site = await loadSite();
  if (!site) logger.warn('dist/ has no built site: pages answer 503 until `npm run build`');
  const files = localFileBackend({ dataDir: config.dataDir, secret: secret.key, scanCommand: config.fileScanCommand });
  if (!config.fileScanCommand) logger.warn('FILE_SCAN_COMMAND is not set: uploaded files are recorded as not scanned');
  // Test only (refused in production by readConfig): services the tests define, run beside the built-in ones.
  const services = config.servicePackagesModule ? ((await import(config.servicePackagesModule)) as ServicePackageModule).servicePackages : [];
  if (services.length > 0) logger.warn({ services: services.map((service) => service.id) }, 'running test-only services (SERVICE_PACKAGES_MODULE)');
  const { app, services: portalServices, handoffs, linkChecks, stopAcceptingWork } = createPortal({ ...runtime, services, logger, now: () => new Date(), site, environment: config.env, crypto, files, trackLimits: config.trackLimits, bookingLimitPerClient: config.bookingLimitPerClient, phoneCodeLimitPerClient: config.phoneCodeLimitPerClient, publicUrl: config.publicUrl, trustProxy: config.trustProxy, handoffs: { settings: config.handoffs }, linkChecks: config.linkChecks, metricsToken: config.metricsToken });
  // What a migration cannot do without the key (docs/decisions/049, 065): once, under the start-up lock.
  for (const upgrade of START_UP_UPGRADES) {
    const outcome = await withStartupLock(runtime.database, (db) => upgrade.run({ db, crypto, now: () => new Date(), services: portalServices }));
    if (outcome.changed > 0) logger.info({ [upgrade.counted]: outcome.changed, upgrade: outcome.name }, upgrade.done);
  }
  // The dashboard's counters, built from the cases' timelines once (after the migration that made
  // them, or demo data removed); every step adds to them afterwards (docs/decisions/054).
  const figures = await withStartupLock(runtime.database, (db) =>
    ensureFigures(db, { calendar: runtime.calendar, statesOf: (id) => portalServices.get(id)?.workflow.states }, new Date()),
  );
  if (figures) logger.info(figures, 'built the dashboard’s case figures from the timelines');
  if (config.env === 'production') {
    const declared = portalServices.ids.flatMap((id) => Object.keys(portalServices.get(id)?.handoffs ?? {}));
    const unconfigured = [...new Set(declared)].filter((name) => !config.handoffs.endpoints[handoffEnvName(name)]);
    if (unconfigured.length > 0) logger.warn({ handoffs: unconfigured.map((name) => `HANDOFF_${handoffEnvName(name)}_URL`) }, 'hand-offs without an endpoint: their requests wait until one is configured');
  }
  // Outside production the recording provider "sends" (into dev_messages); production needs a real
  // SMS/e-mail provider, which no bureau has configured yet: messages wait in the outbox.
  const delivery =
    config.env === 'production'
      ? undefined
      : deliveryPass(
          {
            db: runtime.database.db,
            kind: runtime.database.kind,
            crypto,
            provider: createRecordingProvider(runtime.database.db, () => new Date()),
            logger,
            now: () => new Date(),
          },
          NOTIFICATION_INTERVAL_MS,
        );
  if (!delivery) logger.warn('no notification provider is configured: notifications stay queued in the outbox');
  // A holiday year loaded, or an office's schedule changed, by an admin through another process
  // reaches this one within a minute; so does a rule table's row a system admin added (docs/decisions/030).
  const refreshes: BackgroundPass[] = [
    { name: 'calendar-refresh', intervalMs: CALENDAR_REFRESH_MS, steps: [{ run: () => runtime.calendar.refresh(), failure: 'could not refresh the holiday calendar' }] },
    { name: 'offices-refresh', intervalMs: CALENDAR_REFRESH_MS, steps: [{ run: () => runtime.offices.refresh(), failure: 'could not refresh the registry offices’ schedules' }] },
    { name: 'rules-refresh', intervalMs: CALENDAR_REFRESH_MS, steps: [{ run: () => runtime.rules.refresh(), failure: 'could not refresh the rule tables' }] },
  ];
  // A divorce application whose certificate window has passed lapses by itself (and both parties are told).
  const caseDeps = { db: runtime.database.db, kind: runtime.database.kind, crypto, calendar: runtime.calendar, rules: runtime.rules, offices: runtime.offices, now: () => new Date(), randomBytes, services: portalServices };
  const sweeps: BackgroundPass = {
    name: 'sweeps',
    intervalMs: PERIOD_SWEEP_MS,
    atStart: true,
    steps: [
      {
        run: async () => {
          const moved = await sweepEndedPeriods(caseDeps);
          if (moved > 0) logger.info({ cases: moved }, 'cases moved on at the end of a legal period');
        },
        failure: 'could not move on cases past their legal periods',
      },
      { run: () => sweepStalePhoneCodes(caseDeps), failure: 'could not remove stale phone codes' },
      // Public notices past their last day (docs/decisions/045): not shown since, and not kept.
      { run: () => sweepEndedEntries(caseDeps), failure: 'could not delete ended public notices' },
      {
        // Drafts past their keeping time, with their files (docs/decisions/033): one conditional delete each, so processes sweeping at once never both do one.
        run: async () => {
          const removed = await sweepExpiredDrafts({ ...caseDeps, files: { ...caseDeps, ...files } });
          if (removed) logger.info({ drafts: removed }, 'deleted expired drafts and their files');
        },
        failure: 'could not delete expired drafts',
      },
      {
        // Contents an upload stored but never recorded (its process died in between).
        run: async () => {
          const removed = await sweepOrphanFiles({ ...caseDeps, ...files });
          if (removed) logger.info({ files: removed }, 'removed stored files no record names');
        },
        failure: 'could not sweep stored files no record names',
      },
    ],
  };
  // Every process looks; a draft is claimed by a conditional delete in its publishing transaction, so it is published once.
  const scheduledPublishing: BackgroundPass = {
    name: 'scheduled-publishing',
    intervalMs: SCHEDULED_PUBLISHING_MS,
    atStart: true,
    steps: [
      {
        // One pass over every kind's due drafts (docs/decisions/057).
        run: async () => {
          const published = await publishDueContent({ db: runtime.database.db, kind: runtime.database.kind, now: () => new Date(), contentVersion: runtime.contentVersion });
          if (Object.keys(published).length > 0) logger.info(published, 'published scheduled content');
        },
        failure: 'could not publish scheduled content',
      },
    ],
  };
  // External links (docs/decisions/058): every process looks, one claims the run under its lease, at most once per interval.
  const linkCheck = linkChecks.intervalMs > 0 ? linkCheckPass({ db: runtime.database.db, kind: runtime.database.kind, now: () => new Date(), settings: linkChecks }, logger) : undefined;
  if (!linkCheck) logger.info('the external link check is off (LINK_CHECK_INTERVAL_HOURS=0)');
  const auditAnchoring = auditAnchoringPass({ db: runtime.database.db, keys: auditKeys, file: auditAnchorPath(config.dataDir), logger, now: () => new Date() }, AUDIT_ANCHOR_MS);

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  logger.info({ url, database: runtime.database.kind }, 'portal listening');
  onListening?.(url);
  // The search index is built now, a guide at a time between requests, not before the process
  // answers (~0.3 s of a start: docs/decisions/078); a search meanwhile waits for it.
  runtime.guides.prepare().catch((error: unknown) => logger.error({ err: error }, 'could not build the guide search index'));
  // Requests to other systems (docs/decisions/044): their callbacks and, outside production, the development receiver are at this origin.
  const handoffWorker = handoffPass(
    { db: runtime.database.db, kind: runtime.database.kind, crypto, calendar: runtime.calendar, rules: runtime.rules, offices: runtime.offices, now: () => new Date(), services: portalServices, handoffs, logger },
    config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    HANDOFF_INTERVAL_MS,
  );
  // Once listening: the hand-off worker needs the address. The audit anchor's last round comes when they stop, after every other pass.
  const background = startBackgroundPasses([...(delivery ? [delivery] : []), handoffWorker, ...refreshes, sweeps, scheduledPublishing, ...(linkCheck ? [linkCheck] : []), auditAnchoring], logger);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      // Readiness answers 503 from now: a load balancer still probing sends this process nothing new.
      stopAcceptingWork();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          logger.warn('in-flight requests did not finish in time; closing connections');
          if ('closeAllConnections' in server) server.closeAllConnections();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      // After the last request's entries, before the database closes: the passes in progress
      // finish, then the audit head is anchored a last time.
      await background.stop();
      await runtime.close();
      logger.info('stopped');
    })());
  return { url, demoAccounts, close };
}

/** The process entry: reads the environment, wires the signals, starts. */
export async function runFromEnvironment(onListening?: (url: string) => void): Promise<void> {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // What to fix, not a stack trace.
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  let portal: RunningPortal | undefined;
  let stopRequested = false;
  const stop = () => {
    stopRequested = true;
    if (!portal) return; // still starting: stopped as soon as it is up
    portal.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Before listening, so a signal that arrives the moment the port opens is still graceful.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, stop);
  try {
    portal = await startPortal(config, logger, onListening);
  } catch (error) {
    if (!(error instanceof StartRefusedError)) throw error;
    logger.fatal({ reason: 'demo data' }, 'start refused');
    console.error(error.message);
    process.exit(1);
  }
  if (config.env === 'development' && portal.demoAccounts.length > 0) {
    // On the terminal only, never in the log: these are passwords, if only for demo accounts.
    console.log('  Demo staff accounts (development only), sign in at /staff/sign-in:');
    for (const account of portal.demoAccounts) console.log(`    ${account.role.padEnd(15)} ${account.username.padEnd(20)} ${account.password}`);
    console.log('');
  }
  if (stopRequested) stop();
}
