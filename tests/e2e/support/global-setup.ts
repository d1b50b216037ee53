/**
 * Starts one portal server for the whole browser run (fresh DATA_DIR, SQLite), and stops it at
 * the end. Tests reach it through baseURL. PORTAL_URL set by the caller skips the start (for
 * running the suite against a server you already have).
 */
import { randomBytes } from 'node:crypto';
import type { FullConfig } from '@playwright/test';
import { startPortalProcess } from '../../support/portal-process.ts';
import { writeE2eOfficesFile } from './offices-file.ts';

export default async function globalSetup(_config: FullConfig) {
  if (process.env.PORTAL_URL) return undefined;
  // A secret the tests know, so they can derive the demo staff passwords (api/staff/demo-accounts.ts).
  process.env.E2E_PORTAL_SECRET ??= randomBytes(32).toString('hex');
  // The demo offices and a popular date that is not open yet (offices-file.ts).
  const offices = writeE2eOfficesFile();
  const portal = await startPortalProcess({ env: { LOG_LEVEL: 'warn', CONTENT_CHECK_MS: '0', PORTAL_SECRET: process.env.E2E_PORTAL_SECRET, BOOKING_LIMIT_PER_CLIENT: '100000', MARRIAGE_OFFICES_FILE: offices.path } });
  process.env.PORTAL_URL = portal.url;
  // For tests that put something in the server's database directly (the development outbox).
  process.env.E2E_DATA_DIR = portal.dataDir;
  return async () => {
    await portal.stop();
    offices.remove();
  };
}
