/** Database errors the callers act on, recognised the same way on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /unique/i.test(error.message);
}

/** PostgreSQL's error classes for a database that is away or going away (08: connection exception; 57P01–57P03: shutdown, crash, not accepting connections yet). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
/** What node-postgres and the network say when the server is gone, restarting or unreachable. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|terminating connection|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery)|database is locked/i;

/**
 * Whether an error means the database cannot be reached for now (restarting, away, or on SQLite
 * locked past its busy timeout), rather than that the request or the code is wrong: answered 503
 * with Retry-After, never 500 (docs/operations.md). A transaction that failed so was rolled back,
 * or never began: nothing half-written.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_CODES.has(code))) return true;
    if (UNAVAILABLE_MESSAGE.test(current.message)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
