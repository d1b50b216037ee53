/** Which database errors mean "away for now" (503 with Retry-After) rather than a fault (500): api/db/errors.ts. */
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../api/db/errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database away', () => {
  it.each([
    { why: 'PostgreSQL shutting down (57P01)', error: withCode('terminating connection due to administrator command', '57P01'), away: true },
    { why: 'PostgreSQL starting (57P03)', error: withCode('the database system is starting up', '57P03'), away: true },
    { why: 'a connection exception (08006)', error: withCode('connection failure', '08006'), away: true },
    { why: 'the server refusing connections', error: withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), away: true },
    { why: 'a connection cut', error: new Error('Connection terminated unexpectedly'), away: true },
    { why: 'the pool timing out', error: new Error('timeout exceeded when trying to connect'), away: true },
    { why: 'SQLite locked past its timeout', error: withCode('database is locked', 'ERR_SQLITE_ERROR'), away: true },
    { why: 'the cause of a wrapping error', error: new Error('query failed', { cause: withCode('x', 'ECONNRESET') }), away: true },
    { why: 'every attempt of an AggregateError refused', error: new AggregateError([withCode('a', 'ECONNREFUSED')], 'all failed'), away: true },
    { why: 'a unique violation', error: withCode('duplicate key value violates unique constraint', '23505'), away: false },
    { why: 'a syntax error', error: withCode('syntax error at or near', '42601'), away: false },
    { why: 'a bug', error: new TypeError("Cannot read properties of undefined (reading 'id')"), away: false },
    { why: 'not an error', error: 'ECONNREFUSED', away: false },
  ])('$why: away $away', ({ error, away }) => {
    expect(isDatabaseUnavailable(error)).toBe(away);
  });
});
