/**
 * Configuration, read once from the environment and validated. Nothing else reads process.env.
 * Every variable is documented in README.md with its default.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_BOOKING_LIMIT_PER_CLIENT, DEFAULT_PHONE_CODE_LIMIT_PER_CLIENT, DEFAULT_TRACK_LIMITS, type TrackLimits } from './http/api-env.ts';
import { parseProxyEntry } from './http/client-address.ts';
import { DEV_RECEIVER_MODES } from './engine/handoffs/handoff.ts';
import { DEFAULT_HANDOFF_SETTINGS, endpointsFromEnvironment, type HandoffSettings } from './engine/handoffs/endpoints.ts';
import { DEFAULT_LINK_CHECK_SETTINGS } from './content/link-checks.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** At least 32 bytes, as hex or base64. Generated into DATA_DIR when unset. */
  PORTAL_SECRET: z.string().min(32, 'PORTAL_SECRET must be at least 32 characters').optional(),
  /** How long a process may serve a cached page before checking the database for newer content. */
  CONTENT_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Status lookups per 10 minutes per client address / per tracking number (load tests raise them). */
  TRACK_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_TRACK_LIMITS.perClient),
  TRACK_LIMIT_PER_NUMBER: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_TRACK_LIMITS.perNumber),
  BOOKING_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_BOOKING_LIMIT_PER_CLIENT),
  /** One-time codes sent per client address per hour (load tests raise it). */
  PHONE_CODE_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_PHONE_CODE_LIMIT_PER_CLIENT),
  /**
   * The portal's public address, for links that leave the page (the receipt's QR code). Only an
   * origin: the portal serves from the root of its host.
   */
  PUBLIC_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL', abort: true })
      .refine((value) => {
        const url = new URL(value);
        return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
      }, 'PUBLIC_URL must be an origin such as https://portal.example.gov.cn, without a path')
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
  /**
   * The proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For and
   * X-Forwarded-Proto are believed; none by default.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .superRefine((entries, ctx) => {
      for (const entry of entries) if (!parseProxyEntry(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)` });
    }),
  /** A JSON file of marriage registry offices and their schedules, instead of the built-in demo offices. */
  MARRIAGE_OFFICES_FILE: z
    .string()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** A virus scanner run on every upload with the file's path (exit 0 clean, 1 infected); unset: files are recorded as not scanned. */
  FILE_SCAN_COMMAND: z
    .string()
    .trim()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How the development hand-off receiver answers (docs/decisions/044): by the request's demo ID number, or always one way. */
  HANDOFF_DEV_RECEIVER_MODE: z.enum([...DEV_RECEIVER_MODES, 'by-id']).default(DEFAULT_HANDOFF_SETTINGS.devReceiverMode),
  /** How long the development receiver takes to answer "later". */
  HANDOFF_DEV_RECEIVER_DELAY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_HANDOFF_SETTINGS.devReceiverDelayMs / 1000),
  /** How often the external links of published content are checked (docs/decisions/058); 0 turns the scheduled check off. Unset: 24, or off when NODE_ENV=test. */
  LINK_CHECK_INTERVAL_HOURS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().min(0).max(24 * 365).optional()),
  /** How long one request of the link check waits for an answer. */
  LINK_CHECK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(DEFAULT_LINK_CHECK_SETTINGS.timeoutSeconds),
  /** The bearer token Prometheus sends to scrape /metrics (docs/operations.md); unset: only a direct request from this machine is answered. */
  METRICS_TOKEN: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().min(32, 'METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)').optional()),
  /** Test only: a module under tests/ exporting `servicePackages`, services run beside the built-in ones (docs/decisions/029). */
  SERVICE_PACKAGES_MODULE: z
    .string()
    .trim()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
}).superRefine((env, ctx) => {
  // Links sent away (SMS, receipts, closure texts) must never take their origin from a request's
  // Host header; in production nothing else could give it.
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'required in production: the portal’s public origin, e.g. https://portal.example.gov.cn (the links in SMS, receipts and calendar files are built from it)' });
  }
  // Services defined by the tests would take real applications and keep their personal data.
  if (env.NODE_ENV === 'production' && env.SERVICE_PACKAGES_MODULE) {
    ctx.addIssue({ code: 'custom', path: ['SERVICE_PACKAGES_MODULE'], message: 'not allowed in production: it loads test-only services' });
  }
  if (env.SERVICE_PACKAGES_MODULE && (!/^tests\//.test(env.SERVICE_PACKAGES_MODULE) || env.SERVICE_PACKAGES_MODULE.split(/[\\/]/).includes('..'))) {
    ctx.addIssue({ code: 'custom', path: ['SERVICE_PACKAGES_MODULE'], message: 'must name a module under tests/ (relative to the project folder)' });
  }
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  secretFromEnv: string | undefined;
  contentCheckMs: number;
  trackLimits: TrackLimits;
  bookingLimitPerClient: number;
  phoneCodeLimitPerClient: number;
  /** Absolute path, or undefined for the built-in demo offices. */
  marriageOfficesFile: string | undefined;
  /**
   * The public origin (https://host[:port]); always set in production. Undefined elsewhere: the
   * origin each request came to, when it came to this server's own host (api/http/public-origin.ts).
   */
  publicUrl: string | undefined;
  /** TRUST_PROXY's entries: the proxies whose forwarded headers are believed. */
  trustProxy: string[];
  /** FILE_SCAN_COMMAND: the command that scans each upload, or undefined (files recorded as not scanned). */
  fileScanCommand: string | undefined;
  /** SERVICE_PACKAGES_MODULE, absolute: test-only services to run; undefined (always in production): none. */
  servicePackagesModule: string | undefined;
  /** HANDOFF_<NAME>_URL / _SECRET and the development receiver's mode and delay (docs/decisions/044). */
  handoffs: HandoffSettings;
  /** The external link check (docs/decisions/058): its interval (0: no scheduled check) and the timeout of each request. */
  linkChecks: { intervalMs: number; timeoutMs: number };
  /** METRICS_TOKEN: what a scraper of /metrics must send; undefined: only this machine, directly. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source);
  // The hand-offs' endpoints are named by the hand-off (HANDOFF_<NAME>_URL), so not fields of the schema.
  const handoffEndpoints = endpointsFromEnvironment(source, source['NODE_ENV'] === 'production');
  if (!parsed.success || handoffEndpoints.problems.length > 0) {
    const lines = [...(parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)), ...handoffEndpoints.problems.map((problem) => `  ${problem}`)];
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    secretFromEnv: env.PORTAL_SECRET,
    contentCheckMs: env.CONTENT_CHECK_MS,
    trackLimits: { perClient: env.TRACK_LIMIT_PER_CLIENT, perNumber: env.TRACK_LIMIT_PER_NUMBER },
    bookingLimitPerClient: env.BOOKING_LIMIT_PER_CLIENT,
    phoneCodeLimitPerClient: env.PHONE_CODE_LIMIT_PER_CLIENT,
    marriageOfficesFile: env.MARRIAGE_OFFICES_FILE ? resolve(env.MARRIAGE_OFFICES_FILE) : undefined,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    fileScanCommand: env.FILE_SCAN_COMMAND,
    servicePackagesModule: env.SERVICE_PACKAGES_MODULE ? fileURLToPath(new URL(`../${env.SERVICE_PACKAGES_MODULE}`, import.meta.url)) : undefined,
    handoffs: { endpoints: handoffEndpoints.endpoints, devReceiverMode: env.HANDOFF_DEV_RECEIVER_MODE, devReceiverDelayMs: env.HANDOFF_DEV_RECEIVER_DELAY_SECONDS * 1000 },
    linkChecks: {
      // A test server never reaches the internet on its own: off unless a test sets it.
      intervalMs: (env.LINK_CHECK_INTERVAL_HOURS ?? (env.NODE_ENV === 'test' ? 0 : DEFAULT_LINK_CHECK_SETTINGS.intervalHours)) * 3_600_000,
      timeoutMs: env.LINK_CHECK_TIMEOUT_SECONDS * 1000,
    },
    metricsToken: env.METRICS_TOKEN,
  };
}
