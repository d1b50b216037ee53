/**
 * Staff for the in-process API tests: a member made in the test runtime's database as
 * `npm run staff:create` makes one, signed in through the API, and requests sent with their
 * session. Each test file names its own default language and service areas.
 */
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { createStaff } from '../../api/staff/auth.ts';
import type { TestRuntime } from './test-runtime.ts';

export const STAFF_PASSWORD = 'a long enough password';

export interface StaffClientOptions {
  /** The runtime, once the file's beforeAll made it. */
  runtime: () => TestRuntime;
  now: () => Date;
  /** Accept-Language of every request unless one says otherwise; none: the portal's default (zh-CN). */
  lang?: string;
  serviceAreas?: readonly string[];
}

export interface StaffRequest {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a body that is not JSON). */
  raw?: string;
  lang?: string;
}

export function staffClient(options: StaffClientOptions) {
  const cookies = new Map<string, string>();
  const app = () => options.runtime().portal.app;
  const signIn = async (username: string): Promise<void> => {
    const response = await app().request('http://localhost/api/v1/staff/session', {
      method: 'POST',
      body: JSON.stringify({ username, password: STAFF_PASSWORD }),
      headers: { 'content-type': 'application/json' },
    });
    cookies.set(username, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  };
  return {
    /** Makes the member (offices and service areas as given, else the file's) and signs them in. */
    async member(username: string, roles: StaffRole[], scope: { offices?: readonly string[]; serviceAreas?: readonly string[] } = {}): Promise<void> {
      const { database } = options.runtime();
      await createStaff(
        { db: database.db, kind: database.kind, now: options.now },
        { username, displayName: username, password: STAFF_PASSWORD, roles, offices: [...(scope.offices ?? ['demo-district'])], serviceAreas: [...(scope.serviceAreas ?? options.serviceAreas ?? ['allowances'])] },
      );
      await signIn(username);
    },
    /** Signs a member in again (a session lapses when a test moves the clock on by days). */
    signIn,
    /** The member's session cookie (`staff_session=…`), '' for one never signed in. */
    cookie: (username: string): string => cookies.get(username) ?? '',
    /** A request to the API (`path` under /api/v1) with the member's session. */
    request(username: string, path: string, init: StaffRequest = {}): Promise<Response> {
      const lang = init.lang ?? options.lang;
      return Promise.resolve(
        app().request(`http://localhost/api/v1${path}`, {
          method: init.method ?? 'GET',
          headers: { cookie: cookies.get(username) ?? '', 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
          ...(init.raw !== undefined ? { body: init.raw } : init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        }),
      );
    },
  };
}
