/**
 * What the type check cannot see (docs/decisions/037): `astro check` does not run on TypeScript 7
 * (withastro/astro#17268), so the keys written in the pages' templates are read from their source
 * here and looked up in the resources, and a key built from values must carry the `dynamicKey` tag
 * (the .ts files are held to both by the compiler).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../api/i18n/index.ts';
import { zhCNNamespaces } from '../../api/i18n/resources/namespaces.ts';

const VARIANT = /_(one|other|zero|two|few|many|elder)$/;

function writtenKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'string' ? [`${prefix}${name.replace(VARIANT, '')}`] : writtenKeys(value as object, `${prefix}${name}.`),
  );
}

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(astro|tsx?)$/.test(file))
    .map((file) => join(folder, file));
}

// Common's keys are written bare, a service namespace's as `<namespace>:<key>` (docs/decisions/038).
const KNOWN = new Set(Object.entries(zhCNNamespaces).flatMap(([namespace, tree]) => writtenKeys(tree, namespace === 'common' ? '' : `${namespace}:`)));
const FILES = [...sources('site'), ...sources('api')];

describe('the message keys written in the code', () => {
  it('are keys of the resources, in every page template and module', () => {
    const unknown = FILES.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/(?<![\w.$])t\(\s*(['"])([\w.:-]+)\1/g)].map((match) => match[2] ?? '').filter((key) => !KNOWN.has(key)).map((key) => `${file}: ${key}`);
    });
    expect(unknown).toEqual([]);
  });

  it('are tagged where they are built from values, so that each such place can be found', () => {
    const untagged = FILES.flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, index) => (/(?<![\w.$])t\(\s*`/.test(line) ? [`${file}:${index + 1}`] : []));
    });
    expect(untagged).toEqual([]);
  });

  it('are found by the scan (it reads the templates it is meant to)', () => {
    const scanned = FILES.filter((file) => file.endsWith('.astro'));
    expect(scanned.length).toBeGreaterThan(40);
    const found = scanned.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?<![\w.$])t\(\s*'([\w.:-]+)'/g)]);
    expect(found.length).toBeGreaterThan(300);
    // Some of them name a service's namespace, and are checked against it.
    expect(found.filter((match) => match[1]?.includes(':')).length).toBeGreaterThan(20);
  });

  it('are checked against the namespace they name, and common’s only without one', () => {
    expect(KNOWN.has('marriage:booking.submit')).toBe(true);
    expect(KNOWN.has('booking.submit')).toBe(false);
    expect(KNOWN.has('old-age-allowance:booking.submit')).toBe(false);
    expect(KNOWN.has('old-age-allowance:case.state.accepted')).toBe(true);
    expect(KNOWN.has('marriage:track.title')).toBe(false);
    expect(KNOWN.has('track.title')).toBe(true);
  });

  it('are typed by namespace: the compiler rejects a key in the wrong one', () => {
    const t = translator('zh-CN');
    expect(t('marriage:booking.submit')).toBe(zhCNNamespaces.marriage.booking.submit);
    // @ts-expect-error: booking is the marriage namespace's, not common's
    expect(t('booking.submit', { defaultValue: '' })).toBe('');
    // @ts-expect-error: track.title is common's, not the marriage namespace's
    expect(t('marriage:track.title', { defaultValue: '' })).toBe('');
    // @ts-expect-error: a namespace that does not exist
    expect(t('nowhere:track.title', { defaultValue: '' })).toBe('');
  });
});
