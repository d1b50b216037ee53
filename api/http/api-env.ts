import type { LiveRegistryOffices } from '../services/marriage/office-schedules.ts';
import { PHONE_CODE_RULES } from '../domain/verification/phone-code.ts';
import type { GuideCatalogue } from '../content/guide-catalogue.ts';
import type { ContentVersionProbe } from '../content/content-version.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { LiveCalendar } from '../content/holidays.ts';
import type { FileBackend } from '../engine/files/backend.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import type { Logger } from '../platform/logger.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import type { StaffSession } from '../staff/auth.ts';
import type { ServiceRegistry } from '../services/registry.ts';
import type { LiveRuleTables } from '../engine/rules/live-rules.ts';
import type { HandoffRuntime } from '../engine/handoffs/handoffs.ts';
import type { LinkCheckSettings } from '../content/link-checks.ts';

/**
 * How many status lookups (and withdrawals) are allowed per 10 minutes, per client address and per
 * tracking number. The defaults protect the second factor from guessing; a load test raises them
 * (TRACK_LIMIT_PER_CLIENT, TRACK_LIMIT_PER_NUMBER).
 */
export interface TrackLimits {
  perClient: number;
  perNumber: number;
}

// Generous per client: a service hall's kiosk or an office network puts many people behind one address.
export const DEFAULT_TRACK_LIMITS: TrackLimits = { perClient: 100, perNumber: 10 };
// Generous too, for the same reason: a service hall's staff may book for many couples in a morning.
export const DEFAULT_BOOKING_LIMIT_PER_CLIENT = 30;
/** One-time codes sent per client address per hour (PHONE_CODE_LIMIT_PER_CLIENT): the default of PHONE_CODE_RULES. */
export const DEFAULT_PHONE_CODE_LIMIT_PER_CLIENT = PHONE_CODE_RULES.perClient;

/** What the API needs from the outside world; tests pass their own. */
export interface ApiDeps {
  database: DatabaseHandle;
  guides: GuideCatalogue;
  /** This process's view of the content version: a publication here expires it, so the publisher sees the change at once. */
  contentVersion?: ContentVersionProbe;
  logger: Logger;
  /** The newest applied migration (cached by the caller; it changes only on deploy). */
  migration: () => Promise<string | null>;
  /** Whether the process has begun to stop (health/ready then answers 503); never, when absent. */
  lifecycle?: { stopping(): boolean };
  now: () => Date;
  /** Encrypts personal data at rest; keyed by the portal secret. */
  crypto: FieldCrypto;
  /** Where uploaded files are kept, sealed, and how they are scanned (docs/decisions/026). */
  files: FileBackend;
  calendar: LiveCalendar;
  /** The registry offices, with the schedules admins changed (docs/decisions/035). */
  offices: LiveRegistryOffices;
  randomBytes: (size: number) => Uint8Array;
  trackLimits: TrackLimits;
  /**
   * Booking attempts that reach the database per client address per 10 minutes (BOOKING_LIMIT_PER_CLIENT):
   * a couple books once or twice; a script trying every slot is stopped. Attempts for a slot already
   * full are answered before this is counted.
   */
  bookingLimitPerClient: number;
  /**
   * One-time codes sent per client address per hour (PHONE_CODE_LIMIT_PER_CLIENT), counted in the
   * database; a load test that confirms thousands of phones from one address raises it.
   */
  phoneCodeLimitPerClient: number;
  /** The effective-dated rule tables, with the overrides staff saved (docs/decisions/030). */
  rules: LiveRuleTables;
  /** The case services this portal runs: the built-in ones, and any given at start (docs/decisions/029). */
  services: ServiceRegistry;
  /** Hand-offs to other systems: their endpoints, keys and the development receiver (docs/decisions/044). */
  handoffs: HandoffRuntime;
  /** The external link check (docs/decisions/058): what a run asked for through the API checks with. */
  linkChecks: LinkCheckSettings;
  /** Development tools (/dev/outbox) exist only outside production. */
  environment: 'development' | 'production' | 'test';
}

export interface ApiEnv {
  Variables: {
    deps: ApiDeps;
    requestId: string;
    logger: Logger;
  };
}

/**
 * A staff operation's context once requireStaff (require-staff.ts) has let it through: the signed-in
 * member and their session. Route helpers that serve both kinds of operation take `Context<E>` for
 * any `E extends ApiEnv` (a Context is invariant in its variables).
 */
export type StaffEnv = ApiEnv & {
  Variables: {
    staff: StaffMember;
    staffSession: StaffSession;
  };
};
