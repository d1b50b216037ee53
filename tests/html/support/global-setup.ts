/**
 * The HTML tier's servers: one real portal process per Vitest worker, started side by side before
 * the first test and stopped after the last. Each worker takes the one at its pool id, so tests in
 * different workers never share a database (tests of one worker run one after another).
 */
import type { TestProject } from 'vitest/node';
import { startTestPortal, type TestPortal, type TestPortalInfo } from '../../support/test-portal.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    htmlPortals: TestPortalInfo[];
  }
}

export default async function setup(project: TestProject) {
  if (process.env.PORTAL_URL) throw new Error('the HTML tier starts servers of its own; unset PORTAL_URL');
  const workers = Math.max(1, Number(project.globalConfig.maxWorkers) || 1);
  const portals: TestPortal[] = await Promise.all(Array.from({ length: workers }, () => startTestPortal()));
  project.provide(
    'htmlPortals',
    portals.map(({ url, dataDir, secret }) => ({ url, dataDir, secret })),
  );
  return async () => {
    await Promise.all(portals.map((portal) => portal.stop()));
  };
}
