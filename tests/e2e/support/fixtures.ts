/**
 * The browser tier's fixtures. Each Playwright worker starts a portal server and database of its
 * own (tests/support/test-portal.ts), so tests in different workers never meet; `baseURL` points at
 * it. Data is set up through the API or a sealed draft, not by clicking; staff start signed in with
 * a storage state made once per worker and role by signing in over HTTP (no page is opened for it).
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { demoUsername } from '../../../api/staff/demo-accounts.ts';
import type { StaffRole } from '../../../api/domain/staff/staff.ts';
import { draftCookie, type JourneyService, type SubmittedDraft } from '../../support/drafts.ts';
import { startTestPortal, staffPassword, type TestPortal } from '../../support/test-portal.ts';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface WorkerFixtures {
  portal: TestPortal;
  /** Numbers for made-up people no other test on this worker's server used. */
  people: (count?: number) => number;
  /** A storage state signed in as a demo staff member (made once per worker and role). */
  staffState: (role: StaffRole) => Promise<StorageState>;
}

interface TestFixtures {
  /** A page in a new context signed in as this role. */
  staffPage: (role: StaffRole) => Promise<Page>;
  /** Puts a journey's draft with these answers (or one already submitted) in the page's cookies, so the test can open any step. */
  withDraft: (page: Page, service: JourneyService, answers: Record<string, string>, submitted?: SubmittedDraft) => Promise<void>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  portal: [
    async ({}, use) => {
      const portal = await startTestPortal();
      await use(portal);
      await portal.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  people: [
    async ({}, use) => {
      let next = 100;
      await use((count = 1) => {
        const first = next;
        next += count;
        return first;
      });
    },
    { scope: 'worker' },
  ],
  staffState: [
    async ({ portal }, use) => {
      const states = new Map<StaffRole, Promise<StorageState>>();
      await use((role) => {
        const made = states.get(role) ?? signedInState(portal, role);
        states.set(role, made);
        return made;
      });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ portal }, use) => use(portal.url),
  staffPage: async ({ browser, baseURL, staffState }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const context = await newContext(browser, baseURL ?? '', await staffState(role));
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  withDraft: async ({ portal }, use) => {
    await use(async (page, service, answers, submitted) => {
      const { name, value } = await draftCookie(portal, service, answers, submitted);
      await page.context().addCookies([{ name, value, url: portal.url, httpOnly: true, sameSite: 'Lax' }]);
    });
  },
});

export { expect };

function newContext(browser: Browser, baseURL: string, storageState: StorageState): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState });
}

/** Signs in through the API (one request) and turns the session cookie into a storage state. */
async function signedInState(portal: TestPortal, role: StaffRole): Promise<StorageState> {
  const response = await fetch(`${portal.url}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: portal.url },
    body: JSON.stringify({ username: demoUsername(role), password: staffPassword(portal, role) }),
  });
  if (response.status !== 200) throw new Error(`signing in as ${role} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('staff_session='));
  const value = cookie?.split(';')[0]?.slice('staff_session='.length);
  if (!value) throw new Error(`signing in as ${role} set no session cookie`);
  const { hostname } = new URL(portal.url);
  return {
    cookies: [{ name: 'staff_session', value, domain: hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Strict' }],
    origins: [],
  };
}

/** The elder-mode cookie as the preferences form sets it, for tests that start in elder mode. */
export function elderCookie(baseURL: string) {
  return { name: 'elder', value: '1', url: baseURL, httpOnly: true, sameSite: 'Lax' as const };
}
