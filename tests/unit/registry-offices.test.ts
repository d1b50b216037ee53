import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/env.ts';
import {
  DEMO_REGISTRY_OFFICES,
  officeName,
  officeText,
  DEMO_OFFICES,
  readRegistryOfficesFile,
  registryOfficesOf,
  RegistryOfficeSchema,
  RegistryOfficesFileError,
} from '../../api/services/marriage/offices.ts';

const dir = mkdtempSync(join(tmpdir(), 'offices-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const schedule = {
  weekly: { '1': [{ from: '09:00', to: '12:00' }] },
  slotMinutes: 30,
  placesPerSlot: { marriage: 8, divorce: 2, reissue: 2 },
  window: { minDaysAhead: 1, maxDaysAhead: 30 },
};
const riverside = {
  name: '滨江区婚姻登记处',
  address: '滨江区江南大道 100 号',
  accessibility: ['无台阶入口', '一楼有无障碍卫生间'],
};
const office = { id: 'riverside-registry', office: 'riverside', text: { 'zh-CN': riverside }, phone: '0571-88880000', mapUrl: 'https://www.openstreetmap.org/search?query=riverside', schedule };
const english = { name: 'Riverside Marriage Registry', address: '100 Jiangnan Avenue, Riverside District', accessibility: ['Step-free entrance', 'Accessible toilet on the ground floor'] };
const problemsOf = (input: unknown) => RegistryOfficeSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('registry offices from a file (MARRIAGE_OFFICES_FILE)', () => {
  it('is read from the environment as an absolute path; unset or empty means the demo offices', () => {
    expect(readConfig({ MARRIAGE_OFFICES_FILE: 'config/offices.json' }).marriageOfficesFile).toBe(join(process.cwd(), 'config/offices.json'));
    expect(readConfig({}).marriageOfficesFile).toBeUndefined();
    expect(readConfig({ MARRIAGE_OFFICES_FILE: '' }).marriageOfficesFile).toBeUndefined();
  });

  it('reads offices whose schedules the booking engine validates, with its defaults', () => {
    const offices = readRegistryOfficesFile(file('good.json', { offices: [office] }));
    expect(offices).toHaveLength(1);
    expect(offices[0]?.schedule).toMatchObject({ closures: [], specialDates: [], followsWorkingDays: true });
  });

  it('makes the offices of the portal given them, the demo offices unchanged (docs/decisions/035)', () => {
    const loaded = registryOfficesOf(readRegistryOfficesFile(file('good.json', { offices: [office] })));
    expect(loaded.all().map((o) => o.id)).toEqual(['riverside-registry']);
    expect(loaded.get('riverside-registry')?.office).toBe('riverside');
    expect(loaded.get('demo-county-registry')).toBeUndefined();
    expect(DEMO_OFFICES.get('demo-county-registry')).toBeDefined();
    expect(DEMO_OFFICES.get('riverside-registry')).toBeUndefined();
  });

  it('takes an admin’s schedule in place of the file’s, keeping the file’s as what a change starts from', () => {
    const changedSchedule = { ...RegistryOfficeSchema.parse(office).schedule, slotMinutes: 20 };
    const changed = registryOfficesOf(DEMO_REGISTRY_OFFICES, new Map([['demo-county-registry', changedSchedule], ['no-such-registry', changedSchedule]]));
    expect(changed.get('demo-county-registry')?.schedule.slotMinutes).toBe(20);
    expect(changed.configured('demo-county-registry')?.schedule.slotMinutes).toBe(30);
    expect(changed.get('demo-district-registry')?.schedule.slotMinutes).toBe(30);
    expect(changed.all().map((o) => o.id)).toEqual(DEMO_REGISTRY_OFFICES.map((o) => o.id));
  });

  it('reads the example in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const example = /### A registry offices file[\s\S]*?```json\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
    const offices = readRegistryOfficesFile(file('readme.json', example));
    expect(offices.map((o) => officeText(o, 'en').name)).toEqual(['Riverside Marriage Registry']);
  });

  it('names the file and where each problem is', () => {
    const bad = { offices: [{ ...office, schedule: { ...schedule, weekly: { '1': [{ from: '25:00', to: '12:00' }] } } }, { ...office, id: 'Bad Id' }] };
    const problems = (() => {
      try {
        readRegistryOfficesFile(file('bad.json', bad));
      } catch (error) {
        return error;
      }
    })();
    expect(problems).toBeInstanceOf(RegistryOfficesFileError);
    expect(String(problems)).toMatch(/bad\.json/);
    expect(String(problems)).toMatch(/offices\.0\.schedule\.weekly\.1\.0\.from/);
    expect(String(problems)).toMatch(/offices\.1\.id/);
    expect(() => readRegistryOfficesFile(file('twice.json', { offices: [office, office] }))).toThrow(/only once/);
    expect(() => readRegistryOfficesFile(file('broken.json', '{ "offices": ['))).toThrow(RegistryOfficesFileError);
    expect(() => readRegistryOfficesFile(join(dir, 'missing.json'))).toThrow(/missing\.json/);
  });
});

describe('a registry office record', () => {
  it('carries its own name, address and access notes in Chinese, and may add English', () => {
    expect(RegistryOfficeSchema.parse(office).text['zh-CN']).toEqual(riverside);
    expect(RegistryOfficeSchema.parse({ ...office, text: { 'zh-CN': riverside, en: english } }).text.en).toEqual(english);
  });

  it('is not designated for 涉外、涉港澳台 registrations unless it says so', () => {
    expect(RegistryOfficeSchema.parse(office).handlesForeign).toBe(false);
    expect(RegistryOfficeSchema.parse({ ...office, handlesForeign: true }).handlesForeign).toBe(true);
    expect(problemsOf({ ...office, handlesForeign: 'yes' })).toEqual(['handlesForeign']);
  });

  it('is refused without Chinese text, with an empty name, address or note, or without any access note', () => {
    expect(problemsOf({ ...office, text: { en: english } })).toEqual(['text.zh-CN']);
    expect(problemsOf({ ...office, text: undefined })).toEqual(['text']);
    expect(problemsOf({ ...office, text: { 'zh-CN': { ...riverside, name: '  ' } } })).toEqual(['text.zh-CN.name']);
    expect(problemsOf({ ...office, text: { 'zh-CN': { ...riverside, address: '' } } })).toEqual(['text.zh-CN.address']);
    expect(problemsOf({ ...office, text: { 'zh-CN': { ...riverside, accessibility: [] } } })).toEqual(['text.zh-CN.accessibility']);
    expect(problemsOf({ ...office, text: { 'zh-CN': { ...riverside, accessibility: ['无台阶入口', ''] } } })).toEqual(['text.zh-CN.accessibility.1']);
  });

  it('is refused with an incomplete English text, or text in a language the portal does not speak', () => {
    expect(problemsOf({ ...office, text: { 'zh-CN': riverside, en: { name: english.name } } })).toEqual(['text.en.address', 'text.en.accessibility']);
    // A misspelt language would otherwise be dropped without a word, and the English pages fall back to Chinese.
    expect(problemsOf({ ...office, text: { 'zh-CN': riverside, 'en-GB': english } })).toEqual(['text']);
    expect(problemsOf({ ...office, text: { 'zh-CN': { ...riverside, hours: '9–5' } } })).toEqual(['text.zh-CN']);
  });

  it('reads in the reader’s language, and in Chinese, saying so, where it has no English', () => {
    const both = RegistryOfficeSchema.parse({ ...office, text: { 'zh-CN': riverside, en: english } });
    expect(officeText(both, 'en')).toEqual({ ...english, lang: 'en' });
    expect(officeText(both, 'zh-CN')).toEqual({ ...riverside, lang: 'zh-CN' });
    expect(officeText(RegistryOfficeSchema.parse(office), 'en')).toEqual({ ...riverside, lang: 'zh-CN' });
  });

  it('is named by its id alone once it is no longer configured', () => {
    expect(officeName(DEMO_OFFICES, 'demo-county-registry', 'zh-CN')).toBe('示例县婚姻登记处');
    expect(officeName(DEMO_OFFICES, 'demo-county-registry', 'en')).toBe('Example County Marriage Registry');
    const riversideOnly = registryOfficesOf([RegistryOfficeSchema.parse(office)]);
    expect(officeName(riversideOnly, 'riverside-registry', 'en')).toBe('滨江区婚姻登记处');
    expect(officeName(riversideOnly, 'demo-county-registry', 'zh-CN')).toBe('demo-county-registry');
  });

  it('in the demo data: three offices in both languages, the district office designated for 涉外 registrations', () => {
    expect(DEMO_REGISTRY_OFFICES.map((demo) => RegistryOfficeSchema.parse(demo))).toEqual(DEMO_REGISTRY_OFFICES);
    expect(DEMO_REGISTRY_OFFICES.every((demo) => demo.text.en !== undefined)).toBe(true);
    expect(DEMO_REGISTRY_OFFICES.filter((demo) => demo.handlesForeign).map((demo) => demo.id)).toEqual(['demo-district-registry']);
  });
});
