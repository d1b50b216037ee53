/**
 * An axe check (WCAG 2.2 AA as far as axe-core can tell) that prints every violation when it fails.
 *
 * axe-core runs in the page directly: its source is evaluated once per page and `axe.run` checks
 * the document. @axe-core/playwright's AxeBuilder does the same through `runPartial` per frame and
 * a blank page of its own for `finishRun`, which cost about a second more per check on these
 * machines (measured 1.2–2.2 s per check against 0.3–0.6 s), and the portal's pages have no frames.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Summary = Pick<AxeResults, 'violations'> & { passes: number };

export async function expectNoAxeViolations(page: Page, view = ''): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (tags): Promise<Summary> => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    // Only violations are collected in full: nothing reads the passing nodes' details.
    const { violations, passes } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return { violations, passes: passes.length };
  }, AXE_TAGS);
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
      return `[${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n');
  expect(results.passes, 'axe ran its checks').toBeGreaterThan(0);
  const where = `${page.url()}${view ? ` (${view})` : ''}`;
  expect(results.violations.map((violation) => violation.id), `axe found violations on ${where}:\n${report}`).toEqual([]);
}
