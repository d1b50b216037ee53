/**
 * Pages are served under a Content-Security-Policy that allows only the site's own scripts, and a
 * reader without JavaScript is never offered a button that needs it: the read-aloud island renders
 * its button only once its script has run, so the page as served has none, while the elder-mode
 * switch (a plain form) is there, and the button's place is held for it. (That the island runs without violations or console errors, and
 * speaks, is the browser tier's.)
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../support/site.ts';
import { landmarks, readableText } from './support/landmarks.ts';
import { visitor } from './support/portal.ts';

const PAGES = ['/', '/guides/basic-funeral-services'];

describe.each(LANGUAGES)('scripts in $name', (language) => {
  const { readAloud, switchOn } = language.strings.elder;

  for (const path of PAGES) {
    it(`${language.path(path)} is served with a policy allowing only the site’s own scripts, and without JavaScript offers elder mode but no read-aloud`, async () => {
      const page = await visitor(language).get(language.path(path));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const [header] = landmarks(page, 'banner');
      if (!header) throw new Error(`${page.path} has no banner`);
      expect(page.buttons(switchOn, header)).toHaveLength(1);
      expect(page.buttons(readAloud, header)).toHaveLength(0);
      expect(readableText(page)).not.toContain(readAloud);
      // Its place is held, invisibly, so the header does not move when the button appears (the layout shift itself: tests/e2e/read-aloud.spec.ts).
      const [space, ...more] = page.all('.read-aloud-space', header);
      expect(more).toEqual([]);
      expect(space?.getAttribute('data-label')).toBe(readAloud);
      expect(space?.getAttribute('aria-hidden')).toBe('true');
      expect(space?.getAttribute('class')).toContain('tool-button');
    });
  }
});
