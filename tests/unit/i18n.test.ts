import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMessages, formatDate, formatDateTime, formatNumber, keyFrom, localeFromAcceptLanguage, translator } from '../../api/i18n/index.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { enNamespaces, NAMESPACES, zhCNNamespaces } from '../../api/i18n/resources/namespaces.ts';
import { CASE_SERVICES } from '../../api/services/registry.ts';
import { testHouseholdPackage } from '../support/test-service/service.ts';
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

describe.each(NAMESPACES)('the translations of the %s namespace', (namespace) => {
  const chineseTree: object = zhCNNamespaces[namespace];
  const englishTree: object = enNamespaces[namespace];

  it('have exactly the same keys in Chinese and English', () => {
    const chinese = keys(chineseTree).sort();
    const english = keys(englishTree).sort();
    // A tree read whole, not one left empty by a wrong import; a service's first slice may have few words (social relief's first had ~40).
    expect(chinese.length).toBeGreaterThan(namespace === 'common' ? 50 : 20);
    expect(english.filter((key) => !chinese.includes(key)), 'keys only in en').toEqual([]);
    expect(chinese.filter((key) => !english.includes(key)), 'keys only in zh-CN').toEqual([]);
  });

  it('have no empty strings', () => {
    expect(values(chineseTree).filter((text) => text.trim() === '')).toEqual([]);
    expect(values(englishTree).filter((text) => text.trim() === '')).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const english = new Map(keys(englishTree).map((key, i) => [key, values(englishTree)[i] ?? '']));
    keys(chineseTree).forEach((key, i) => {
      expect(variables(english.get(key) ?? ''), key).toEqual(variables(values(chineseTree)[i] ?? ''));
    });
  });
});

describe('the namespaces (docs/decisions/038)', () => {
  it('keep every service’s states and events out of common', () => {
    for (const tree of [zhCN, en]) {
      for (const shared of ['caseState', 'caseEvent', 'caseNextStep', 'serviceName']) expect(Object.keys(tree), shared).not.toContain(shared);
      expect(Object.keys(tree.workbench)).not.toContain('action');
    }
  });

  it('give every case service its own words: a name, every state and every event of its workflow', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = translator(lang);
      for (const [id, service] of Object.entries(CASE_SERVICES)) {
        expect(t(keyFrom(`${service.words}.name`), { defaultValue: '' }), `${lang} ${id}`).not.toBe('');
        for (const state of Object.keys(service.workflow.states)) expect(t(keyFrom(`${service.words}.state.${state}`), { defaultValue: '' }), `${lang} ${id} ${state}`).not.toBe('');
        for (const transition of ['submit', ...service.workflow.transitions.map((step) => step.name)]) expect(t(keyFrom(`${service.words}.event.${transition}`), { defaultValue: '' }), `${lang} ${id} ${transition}`).not.toBe('');
      }
    }
    // Two services' `accepted` are each their own.
    expect(translator('zh-CN')('old-age-allowance:case.state.accepted')).not.toBe(translator('zh-CN')('marriage:divorceCase.state.divorce-accepted'));
  });

  it('never name one field path differently in two namespaces (the API looks a label up in each in turn)', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const trees: [string, object][] = [...NAMESPACES.map((namespace) => [namespace, (lang === 'en' ? enNamespaces : zhCNNamespaces)[namespace]] as [string, object]), [testHouseholdPackage.id, testHouseholdPackage.messages[lang]]];
      const labels = new Map<string, { namespace: string; label: string }>();
      const clashes: string[] = [];
      for (const [namespace, tree] of trees) {
        const fields = (tree as { fields?: object }).fields;
        if (!fields) continue;
        keys(fields).forEach((path, i) => {
          const label = values(fields)[i] ?? '';
          const known = labels.get(path);
          if (known && known.label !== label) clashes.push(`${lang} fields.${path}: ${known.namespace} and ${namespace}`);
          labels.set(path, { namespace, label });
        });
      }
      expect(labels.size).toBeGreaterThan(50);
      expect(clashes).toEqual([]);
    }
  });

  it('add a package’s words as its own namespace, never as one of the portal’s', () => {
    expect(() => addMessages('marriage', { 'zh-CN': {}, en: {} })).toThrow(/marriage/);
    expect(() => addMessages('common', { 'zh-CN': {}, en: {} })).toThrow(/common/);
    addMessages('elder-words-test', { 'zh-CN': { note: '说明', note_elder: '简单的说明' }, en: { note: 'Note', note_elder: 'A plain note' } });
    // Elder mode's wording (i18next context) works in a namespace as in common.
    expect(translator('zh-CN')(keyFrom('elder-words-test:note'), { context: 'elder' })).toBe('简单的说明');
    expect(translator('en')(keyFrom('elder-words-test:note'), { context: 'elder' })).toBe('A plain note');
    expect(translator('en')(keyFrom('elder-words-test:note'))).toBe('Note');
    // A key without a namespace is common's only: no other namespace stands in for it.
    expect(translator('zh-CN')(keyFrom('note'), { defaultValue: '' })).toBe('');
  });
});

describe('the translations', () => {

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
