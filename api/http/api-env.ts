import type { GuideCatalogue } from '../content/guide-catalogue.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import type { Logger } from '../platform/logger.ts';

/** What the API needs from the outside world; tests pass their own. */
export interface ApiDeps {
  database: DatabaseHandle;
  guides: GuideCatalogue;
  logger: Logger;
  /** The newest applied migration (cached by the caller; it changes only on deploy). */
  migration: () => Promise<string | null>;
  now: () => Date;
  /** Encrypts personal data at rest; keyed by the portal secret. */
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  randomBytes: (size: number) => Uint8Array;
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
