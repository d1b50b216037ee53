/**
 * Finding a service: the home page's top tasks and life events, the full service list, moving
 * between the two languages without losing one's place, and the page-not-found page. All of it is
 * plain links and HTML, so a visitor without JavaScript sees exactly what is tested here.
 */
import { describe, expect, it } from 'vitest';
import { guideFile, guideFiles, guidesFor, LANGUAGES, LIFE_EVENTS, otherLanguage } from '../support/site.ts';
import { linkTexts, region } from './support/landmarks.ts';
import { visitor } from './support/portal.ts';

const TOP_TASKS = ['marriage', 'relief', 'funeral', 'track'] as const;

describe.each(LANGUAGES)('finding a service in $name', (language) => {
  const s = language.strings;
  const other = otherLanguage(language);

  it('the home page offers the four top tasks and the guides grouped by the four life events', async () => {
    const page = await visitor(language).get(language.path('/'));
    expect(page.status).toBe(200);
    expect(page.lang).toBe(language.code);
    expect(page.title).toBe(s.home.title);
    expect(page.texts('h1')).toEqual([s.home.title]);

    const topTasks = region(page, s.home.topTasksTitle);
    expect(linkTexts(page, topTasks)).toEqual(TOP_TASKS.map((task) => s.home.topTask[task]));
    const topTasksText = page.texts('*', topTasks).join(' ');
    for (const task of TOP_TASKS) expect(topTasksText).toContain(s.home.topTask[`${task}Hint`]);

    const lifeEvents = region(page, s.home.lifeEventsTitle);
    expect(page.texts('h3', lifeEvents)).toEqual(LIFE_EVENTS.map((event) => s.lifeEvent[event]));
    for (const event of LIFE_EVENTS) {
      const titles = guidesFor(language, event).map((guide) => guide.title);
      expect(titles.length).toBeGreaterThan(0);
      expect(linkTexts(page, region(page, s.lifeEvent[event], lifeEvents))).toEqual(titles);
    }
    expect(page.hrefOf(s.home.allServices, lifeEvents)).toBe(language.path('/services'));
  });

  it('the service catalogue lists all 12 guides under their life events', async () => {
    const home = await visitor(language).get(language.path('/'));
    const page = await home.follow(s.nav.services, region(home, s.nav.label));
    expect(page.path).toBe(language.path('/services'));
    expect(page.texts('h1')).toEqual([s.services.title]);
    expect(page.hasExactText(language.t(s.services.count_other, { count: 12 }))).toBe(true);

    expect(guideFiles(language)).toHaveLength(12);
    const main = page.one('main');
    expect(page.texts('h2', main)).toEqual(LIFE_EVENTS.map((event) => s.lifeEvent[event]));
    for (const event of LIFE_EVENTS) {
      const guides = guidesFor(language, event);
      const list = region(page, s.lifeEvent[event], main);
      expect(linkTexts(page, list)).toEqual(guides.map((guide) => guide.title));
      expect(page.all('a[href]', list).map((link) => link.getAttribute('href'))).toEqual(guides.map((guide) => language.path(`/guides/${guide.slug}`)));
    }
    expect(page.all('li', main)).toHaveLength(12);
  });

  it(`the language switch on a guide opens the same guide in ${other.name}, and back`, async () => {
    const guide = guideFile(language, 'divorce-registration');
    const guideInOther = guideFile(other, 'divorce-registration');
    const reader = visitor(language);

    const home = await reader.get(language.path('/'));
    const page = await home.follow(guide.title, region(home, s.home.lifeEventsTitle));
    expect(page.path).toBe(language.path('/guides/divorce-registration'));
    expect(page.lang).toBe(language.code);
    expect(page.h1).toBe(guide.title);

    expect(page.link(s.language.switchTo).getAttribute('lang')).toBe(other.code);
    const inOther = await page.follow(s.language.switchTo);
    expect(inOther.path).toBe(other.path('/guides/divorce-registration'));
    expect(inOther.lang).toBe(other.code);
    expect(inOther.h1).toBe(guideInOther.title);

    expect(inOther.link(other.strings.language.switchTo).getAttribute('lang')).toBe(language.code);
    const back = await inOther.follow(other.strings.language.switchTo);
    expect(back.path).toBe(language.path('/guides/divorce-registration'));
    expect(back.lang).toBe(language.code);
    expect(back.h1).toBe(guide.title);
  });

  it('an unknown address shows "page not found" in the reader’s language, with status 404', async () => {
    const reader = visitor(language);
    for (const path of ['/no-such-page', '/guides/no-such-guide']) {
      const page = await reader.get(language.path(path));
      expect(page.status, path).toBe(404);
      expect(page.lang).toBe(language.code);
      expect(page.texts('h1')).toEqual([s.pages.notFound.title]);
      expect(page.title).toBe(`${s.pages.notFound.title} - ${s.site.name}`);
      expect(page.text()).toContain(s.pages.notFound.text);
      const main = page.one('main');
      expect(page.hrefOf(s.pages.notFound.home, main)).toBe(language.path('/'));
      expect(page.hrefOf(s.home.allServices, main)).toBe(language.path('/services'));
    }
  });
});
