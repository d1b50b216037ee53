import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../api/env.ts';
import { DEMO_REGISTRY_OFFICES, readRegistryOfficesFile, REGISTRY_OFFICES, registryOffice, RegistryOfficesFileError, useRegistryOffices } from '../../api/services/marriage/offices.ts';

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
const office = { id: 'riverside-registry', office: 'riverside', phone: '0571-88880000', mapUrl: 'https://www.openstreetmap.org/search?query=riverside', schedule };

afterEach(() => useRegistryOffices(DEMO_REGISTRY_OFFICES));
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

  it('replaces the demo offices for every user of the list', () => {
    expect(registryOffice('demo-county-registry')).toBeDefined();
    useRegistryOffices(readRegistryOfficesFile(file('good.json', { offices: [office] })));
    expect(REGISTRY_OFFICES.map((o) => o.id)).toEqual(['riverside-registry']);
    expect(registryOffice('riverside-registry')?.office).toBe('riverside');
    expect(registryOffice('demo-county-registry')).toBeUndefined();
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
