/**
 * Words a reader meets the same way everywhere: a day with its weekday in each language's order
 * ("Thursday 17 December 2026", not "17 December 2026 Thursday"), and one English name for the
 * tracking number (the English pages once mixed "tracking number" and "Reference number").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDayWithWeekday } from '../../api/i18n/index.ts';
import { enNamespaces } from '../../api/i18n/resources/namespaces.ts';

/** Every namespace's English words (common's and each service's, docs/decisions/038). */
const en = enNamespaces;

const ROOT = new URL('../../', import.meta.url).pathname;

function strings(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : strings(value as object)));
}

describe('a day with its weekday', () => {
  it.each([
    ['zh-CN', '2026-12-17', '2026年12月17日 星期四'],
    ['en', '2026-12-17', 'Thursday 17 December 2026'],
    ['en', '2027-01-01', 'Friday 1 January 2027'],
  ] as const)('in %s, %s reads %s', (lang, day, expected) => {
    expect(formatDayWithWeekday(day, lang)).toBe(expected);
  });
});

describe('the tracking number in English', () => {
  it('is called the tracking number in every resource string and English content file, never a reference number', () => {
    const englishContent = ['content/guides/en', 'content/pages/en'].flatMap((folder) =>
      readdirSync(join(ROOT, folder)).map((file) => ({ where: `${folder}/${file}`, text: readFileSync(join(ROOT, folder, file), 'utf8') })),
    );
    const texts = [...strings(en).map((text) => ({ where: 'the English resources', text })), ...englishContent];
    expect(texts.filter(({ text }) => /\breference (number|no\.)|^reference$/im.test(text)).map(({ where, text }) => `${where}: ${text.slice(0, 120)}`)).toEqual([]);
    expect(strings(en).filter((text) => /tracking number/i.test(text)).length).toBeGreaterThan(5);
  });
});

describe('figures the rules hold', () => {
  // A period, deadline or window in days is decided by a workflow, a booking rule or a schedule and
  // interpolated into the words (api/services/<service>/figures.ts); a copy would go stale when the rule changes.
  const DAYS = /\d+\s*(个工作日|工作日|日内|天以内|天内|日离婚|working days?|days?\b|-day\b)/;
  const messageSources = ['api/i18n/resources/zh-CN', 'api/i18n/resources/en', ...readdirSync(join(ROOT, 'api/services')).map((service) => `api/services/${service}/messages`)]
    .filter((folder) => { try { return readdirSync(join(ROOT, folder)).length > 0; } catch { return false; } })
    .flatMap((folder) => readdirSync(join(ROOT, folder)).filter((file) => file.endsWith('.ts')).map((file) => join(folder, file)));

  it('are never copied into the messages as a number of days', () => {
    expect(messageSources.length).toBeGreaterThanOrEqual(12);
    const copied = messageSources.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (DAYS.test(line.replace(/\$\{[^}]*\}/g, '')) ? [`${file}:${index + 1}: ${line.trim().slice(0, 80)}`] : [])),
    );
    expect(copied).toEqual([]);
  });

  it('reach the words from where they are decided', () => {
    expect(strings(en).some((text) => /within 5 working days whether to accept/.test(text))).toBe(true);
    expect(strings(en).some((text) => /a 30-day cooling-off period begins/.test(text))).toBe(true);
  });
});
