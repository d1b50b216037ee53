/**
 * The external link check as a background pass (docs/decisions/058): every process looks every
 * quarter of an hour (or each interval, when shorter), and the one that claims the run under its
 * lease checks, when the last run started an interval ago or more.
 */
import type { BackgroundPass } from '../platform/background-passes.ts';
import type { Logger } from '../platform/logger.ts';
import { runLinkCheck, type LinkCheckDeps } from './link-checks.ts';

const LOOK_EVERY_MS = 15 * 60_000;

export function linkCheckPass(deps: LinkCheckDeps, logger: Logger): BackgroundPass {
  return {
    name: 'link-check',
    intervalMs: Math.min(LOOK_EVERY_MS, deps.settings.intervalMs),
    atStart: true,
    steps: [
      {
        run: async () => {
          const ran = await runLinkCheck(deps, { scheduled: true });
          if (ran.ok) logger.info({ addresses: ran.checked }, 'checked the external links of published content');
        },
        failure: 'could not check the external links',
      },
    ],
  };
}
