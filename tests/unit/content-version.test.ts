/**
 * Content versions followed together (api/content/content-version.ts): the page cache follows guides
 * and notices, the guide catalogue guides alone, so a notice published never reloads the catalogue.
 */
import { describe, expect, it } from 'vitest';
import { combinedProbe, type ContentVersionProbe } from '../../api/content/content-version.ts';

function fakeProbe(start: number): ContentVersionProbe & { version: number; expired: number } {
  return {
    version: start,
    expired: 0,
    async current() {
      return this.version;
    },
    expire() {
      this.expired += 1;
    },
  };
}

describe('probes followed together', () => {
  it('grow when either kind is published, expire together, and leave each probe its own', async () => {
    const guides = fakeProbe(3);
    const notices = fakeProbe(5);
    const pages = combinedProbe(guides, notices);
    expect(await pages.current()).toBe(8);
    notices.version += 1;
    expect(await pages.current()).toBe(9);
    // The catalogue's probe (guides) did not move with the notice.
    expect(await guides.current()).toBe(3);
    pages.expire();
    expect([guides.expired, notices.expired]).toEqual([1, 1]);
  });
});
