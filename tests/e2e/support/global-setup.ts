/**
 * Starts one portal server for the whole browser run (fresh DATA_DIR, SQLite), and stops it at
 * the end. Tests reach it through baseURL. PORTAL_URL set by the caller skips the start (for
 * running the suite against a server you already have).
 */
import type { FullConfig } from '@playwright/test';
import { startPortalProcess } from '../../support/portal-process.ts';

export default async function globalSetup(_config: FullConfig) {
  if (process.env.PORTAL_URL) return undefined;
  const portal = await startPortalProcess({ env: { LOG_LEVEL: 'warn', CONTENT_CHECK_MS: '0' } });
  process.env.PORTAL_URL = portal.url;
  return async () => {
    await portal.stop();
  };
}
