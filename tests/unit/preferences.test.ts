import { describe, expect, it } from 'vitest';
import { elderModeFromCookieHeader, safeReturnPath } from '../../api/domain/preferences.ts';

describe('elder mode preference', () => {
  it('is on only when the elder cookie says 1', () => {
    expect(elderModeFromCookieHeader('elder=1')).toBe(true);
    expect(elderModeFromCookieHeader('a=b; elder=1; c=d')).toBe(true);
    expect(elderModeFromCookieHeader('elder=0')).toBe(false);
    expect(elderModeFromCookieHeader('notelder=1')).toBe(false);
    expect(elderModeFromCookieHeader(undefined)).toBe(false);
  });
});

describe('the page to return to after changing a preference', () => {
  it('is a path on this site', () => {
    expect(safeReturnPath('/en/guides/old-age-allowance?x=1')).toBe('/en/guides/old-age-allowance?x=1');
  });

  it('falls back to the home page for anything that could leave the site', () => {
    for (const hostile of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb', '', null, 42, `/${'a'.repeat(600)}`]) {
      expect(safeReturnPath(hostile), String(hostile)).toBe('/');
    }
  });
});
