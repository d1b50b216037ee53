import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, localeFromAcceptLanguage, translator } from '../../api/i18n/index.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { mergeMessages } from '../../api/i18n/resources/merge.ts';
import { ACCESS_ACTIONS } from '../../api/cases/case-work.ts';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

function values(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : values(value as object)));
}

describe('the translations', () => {
  it('have exactly the same keys in Chinese and English', () => {
    const chinese = keys(zhCN).sort();
    const english = keys(en).sort();
    expect(english.filter((key) => !chinese.includes(key)), 'keys only in en').toEqual([]);
    expect(chinese.filter((key) => !english.includes(key)), 'keys only in zh-CN').toEqual([]);
  });

  it('have no empty strings', () => {
    expect(values(zhCN).filter((text) => text.trim() === '')).toEqual([]);
    expect(values(en).filter((text) => text.trim() === '')).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const english = new Map(keys(en).map((key, i) => [key, values(en)[i] ?? '']));
    keys(zhCN).forEach((key, i) => {
      expect(variables(english.get(key) ?? ''), key).toEqual(variables(values(zhCN)[i] ?? ''));
    });
  });

  it('offer elder mode’s plainer wording and fall back to the usual wording where there is none', () => {
    const t = translator('zh-CN');
    expect(t('home.lead', { context: 'elder' })).toBe(zhCN.home.lead_elder);
    expect(t('home.title', { context: 'elder' })).toBe(zhCN.home.title);
  });

  it('name every look a case’s record of access lists, opening a file included, in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = translator(lang);
      for (const action of ACCESS_ACTIONS) expect(t(`workbench.access.action.${action}`, { defaultValue: '' }), `${lang} ${action}`).not.toBe('');
    }
    expect(translator('zh-CN')('workbench.access.action.case.file.view')).toBe('打开附件');
  });

  it('pluralise English counts and keep Chinese counts plain', () => {
    expect(translator('en')('services.count', { count: 1 })).toBe('1 service');
    expect(translator('en')('services.count', { count: 12 })).toBe('12 services');
    expect(translator('zh-CN')('services.count', { count: 12 })).toBe('共 12 项服务');
  });
});

describe('dates and numbers', () => {
  it('read as people write them in each language', () => {
    expect(formatDate('2026-05-20', 'zh-CN')).toBe('2026年5月20日');
    expect(formatDate('2026-05-20', 'en')).toBe('20 May 2026');
    expect(formatNumber(12345.5, 'zh-CN')).toBe('12,345.5');
  });

  it('give a moment in China on the 24-hour clock, as the booking times are written', () => {
    expect(formatDateTime('2026-05-18T14:00:00+08:00', 'zh-CN')).toBe('5月18日 14:00');
    expect(formatDateTime('2026-05-18T14:00:00+08:00', 'en')).toBe('18 May at 14:00');
    expect(formatDateTime('2026-05-18T01:00:00Z', 'en')).toBe('18 May at 09:00');
  });

  it('use China’s time zone for instants near midnight', () => {
    expect(formatDate('2026-05-19T17:30:00Z', 'zh-CN')).toBe('2026年5月20日');
  });
});

describe('the language of a request without a language in its path', () => {
  it('is Chinese unless English is preferred', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5,zh;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('de')).toBe('zh-CN');
  });
});

describe('the resources in parts (the pages’ and each service’s own words)', () => {
  it('merge the parts under their keys, nested, and refuse a key written by two parts', () => {
    expect(mergeMessages({ errors: { title: 'a' } }, { errors: { marriage: { full: 'b' } } })).toEqual({ errors: { title: 'a', marriage: { full: 'b' } } });
    expect(() => mergeMessages({ errors: { title: 'a' } }, { errors: { title: 'b' } })).toThrow(/errors\.title/);
    expect(() => mergeMessages({ booking: 'a' }, { booking: { step: 'b' } })).toThrow(/booking/);
  });

  it('keep every file of words small enough to read (under 600 lines)', () => {
    const files = [
      ...['zh-CN', 'en'].flatMap((lang) => readdirSync(new URL(`../../api/i18n/resources/${lang}/`, import.meta.url)).map((name) => new URL(`../../api/i18n/resources/${lang}/${name}`, import.meta.url))),
      ...readdirSync(new URL('../../api/services/', import.meta.url), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(new URL(`../../api/services/${entry.name}/messages/`, import.meta.url)))
        .flatMap((entry) => ['zh-CN.ts', 'en.ts'].map((name) => new URL(`../../api/services/${entry.name}/messages/${name}`, import.meta.url))),
    ];
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) expect(readFileSync(file, 'utf8').split('\n').length, file.pathname).toBeLessThan(600);
  });
});
