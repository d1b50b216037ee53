/**
 * The registry offices the browser tests' server books for (MARRIAGE_OFFICES_FILE): the demo
 * offices as built in, plus one popular date at the city north office that opens for booking only
 * after the run. The server's clock is real, and the demo's own popular date (12 December 2026,
 * released on 1 December) has already opened, so without this no day would be "not yet open".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate } from '../../api/domain/calendar/china-time.ts';
import { addDays } from '../../api/domain/calendar/working-days.ts';
import { DEMO_REGISTRY_OFFICES, RegistryOfficesFileSchema } from '../../api/services/marriage/offices.ts';

/** The office with a popular date not yet open; no other browser test books there. */
export const NOT_YET_OPEN_OFFICE = 'demo-city-north-registry';

/**
 * The office where a local rule lets a divorce be withdrawn online at once (withdrawal-rules.ts);
 * everywhere else the national procedure holds: a request the office confirms.
 */
export const IMMEDIATE_WITHDRAWAL = { office: 'demo-county-registry', effectiveFrom: '2026-01-01', mode: 'immediate', basis: '《示例省婚姻登记工作规范》第二十条' } as const;

const isSunday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() === 0;

/**
 * The offices for a run starting `now`. The popular date is the first Sunday at least a week ahead
 * (a day the office is otherwise closed, inside the 31 days the date step lists) and opens two days
 * before it at 09:00: at least five days after the run starts, so no run sees it open.
 */
export function e2eOffices(now: Date) {
  let date = addDays(chinaDate(now), 7);
  while (!isSunday(date)) date = addDays(date, 1);
  const popular = { date, releasesAt: `${addDays(date, -2)}T09:00:00+08:00`, sessions: [{ from: '09:00', to: '12:00' }] };
  return RegistryOfficesFileSchema.parse({
    offices: DEMO_REGISTRY_OFFICES.map((office) => (office.id === NOT_YET_OPEN_OFFICE ? { ...office, schedule: { ...office.schedule, specialDates: [...office.schedule.specialDates, popular] } } : office)),
    withdrawalRules: [IMMEDIATE_WITHDRAWAL],
  });
}

/** Writes the offices file into a folder of its own; `remove` deletes both. */
export function writeE2eOfficesFile(now = new Date()): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'portal-e2e-offices-'));
  const path = join(dir, 'offices.json');
  writeFileSync(path, `${JSON.stringify(e2eOffices(now), null, 2)}\n`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
