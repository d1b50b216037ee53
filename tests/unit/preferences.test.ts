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

  it('writes a path with characters beyond ASCII as a URL writes them, so a Location header can carry it', () => {
    expect(safeReturnPath('/guides/高龄津贴?q=低保')).toBe('/guides/%E9%AB%98%E9%BE%84%E6%B4%A5%E8%B4%B4?q=%E4%BD%8E%E4%BF%9D');
    expect(safeReturnPath('/search?q=%E4%BD%8E%E4%BF%9D')).toBe('/search?q=%E4%BD%8E%E4%BF%9D');
    for (const path of ['/guides/高龄津贴', '/en/search?q=café#top', '/a b']) expect(() => new Headers({ location: safeReturnPath(path) }), path).not.toThrow();
  });

  it('falls back to the home page for anything that could leave the site', () => {
    for (const hostile of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb', '/a\u0085b', '/a\ud800', '', null, 42, `/${'a'.repeat(600)}`]) {
      expect(safeReturnPath(hostile), String(hostile)).toBe('/');
    }
  });
});
