/**
 * A portal server for one test worker (the HTML tier's and the browser tier's): the real server
 * process on a free port, a fresh SQLite database of its own, a secret the tests know (so they can
 * derive the demo staff passwords and read what the server encrypted), the demo offices plus a
 * popular date that is not open yet (offices-file.ts), and limits raised for a machine that books
 * from one address. Each worker has its own, so tests in different workers never meet.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPassword } from '../../api/staff/demo-accounts.ts';
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { writeE2eOfficesFile } from './offices-file.ts';
import { startPortalProcess } from './portal-process.ts';

/** What a test needs to know of its worker's server; plain data, so it can cross to a worker process. */
export interface TestPortalInfo {
  url: string;
  dataDir: string;
  /** PORTAL_SECRET, hex. */
  secret: string;
}

export interface TestPortal extends TestPortalInfo {
  stop(): Promise<void>;
}

export async function startTestPortal(env: Record<string, string> = {}): Promise<TestPortal> {
  const secret = randomBytes(32).toString('hex');
  const offices = writeE2eOfficesFile();
  const portal = await startPortalProcess({
    env: { LOG_LEVEL: 'warn', CONTENT_CHECK_MS: '0', PORTAL_SECRET: secret, BOOKING_LIMIT_PER_CLIENT: '100000', TRACK_LIMIT_PER_CLIENT: '100000', PHONE_CODE_LIMIT_PER_CLIENT: '100000', MARRIAGE_OFFICES_FILE: offices.path, SERVICE_PACKAGES_MODULE: 'tests/support/test-service/service.ts', ...env },
  });
  return {
    url: portal.url,
    dataDir: portal.dataDir,
    secret,
    stop: async () => {
      await portal.stop();
      offices.remove();
    },
  };
}

/** A demo staff member's password on this server (api/staff/demo-accounts.ts). */
export function staffPassword(portal: TestPortalInfo, role: StaffRole): string {
  return demoPassword(Buffer.from(portal.secret, 'hex'), role);
}

/**
 * Numbers for made-up people (personId, marriageAppointment) that no other test on this server has
 * used: one active appointment per person, so two tests must never book the same people. Tests of
 * one worker run one after another, so a counter in the server's data folder is enough.
 */
export function nextPeople(portal: TestPortalInfo, count = 1): number {
  const file = join(portal.dataDir, 'test-people-counter');
  let next = 100;
  try {
    next = Number(readFileSync(file, 'utf8')) || 100;
  } catch {
    // The first test on this server.
  }
  writeFileSync(file, String(next + count));
  return next;
}
