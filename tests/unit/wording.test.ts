/**
 * Words a reader meets the same way everywhere: a day with its weekday in each language's order
 * ("Thursday 17 December 2026", not "17 December 2026 Thursday"), and one English name for the
 * tracking number (the English pages once mixed "tracking number" and "Reference number").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDayWithWeekday } from '../../api/i18n/index.ts';
import { en } from '../../api/i18n/resources/en.ts';

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
    const texts = [...strings(en).map((text) => ({ where: 'api/i18n/resources/en.ts', text })), ...englishContent];
    expect(texts.filter(({ text }) => /\breference (number|no\.)|^reference$/im.test(text)).map(({ where, text }) => `${where}: ${text.slice(0, 120)}`)).toEqual([]);
    expect(strings(en).filter((text) => /tracking number/i.test(text)).length).toBeGreaterThan(5);
  });
});
