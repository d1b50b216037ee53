/**
 * Elder mode (长辈版): a switch on every page that is a plain form post, so it works without
 * JavaScript; it brings the reader back to the same page, with plainer wording, and is remembered
 * (a cookie) until switched off. Each test has its own visitor, so its own cookie. (That the text
 * is bigger is a matter of computed styles: the browser tier checks it.)
 */
import { describe, expect, it } from 'vitest';
import { ELDER_COOKIE } from '../../api/domain/preferences.ts';
import { guideFile, LANGUAGES, plainGuideText, type Language } from '../support/site.ts';
import { Form, type HtmlPage } from './support/html-client.ts';
import { landmarks, readableText, region } from './support/landmarks.ts';
import { visitor } from './support/portal.ts';

/** The switch in the page's header: the button that turns elder mode off when it is on, on when off. */
function elderSwitch(page: HtmlPage, language: Language, on: boolean) {
  const { switchOff, switchOn } = language.strings.elder;
  const [header] = landmarks(page, 'banner');
  if (!header) throw new Error(`${page.path} has no banner`);
  const [button] = page.buttons(on ? switchOff : switchOn, header);
  if (!button) throw new Error(`${page.path} has no “${on ? switchOff : switchOn}” button in its header; it has: ${page.texts('button', header).join(', ')}`);
  return button;
}

/** Presses the switch: its form, as the page sent it. */
function switchForm(page: HtmlPage, language: Language, on: boolean): Form {
  const button = elderSwitch(page, language, on);
  const form = button.closest('form');
  if (!form) throw new Error(`the elder switch on ${page.path} is not in a form`);
  return new Form(page, form as typeof button, button);
}

function expectElderMode(page: HtmlPage, language: Language, on: boolean) {
  const where = `${page.path}${page.url.search}`;
  if (on) expect(page.classes, where).toContain('elder');
  else expect(page.classes, where).not.toContain('elder');
  expect(elderSwitch(page, language, on), where).toBeDefined();
  const notices = readableText(page).split(language.strings.elder.onNotice).length - 1;
  expect(notices, `elder-mode notices on ${where}`).toBe(on ? 1 : 0);
}

/** The address as the reader's browser shows it. */
const addressOf = (page: HtmlPage) => page.path + page.url.search;

describe.each(LANGUAGES)('elder mode in $name', (language) => {
  const s = language.strings;

  it('turns on from a guide, shows the plainer summary, is remembered on the next page, and turns off again', async () => {
    const guide = guideFile(language, 'minimum-living-allowance');
    const guidePath = language.path(`/guides/${guide.slug}`);
    expect(guide.summaryPlain, 'this guide has a plainer summary').toBeTruthy();
    const summary = (page: HtmlPage) => page.text('main .lead');
    const reader = visitor(language);

    const before = await reader.get(guidePath);
    expectElderMode(before, language, false);
    expect(before.descriptionOf(elderSwitch(before, language, false))).toBe(s.elder.switchOnHint);
    expect(summary(before)).toBe(plainGuideText(guide.summary));

    // A plain form post to /preferences, saying which way and where to come back to.
    const turnOn = switchForm(before, language, false);
    expect(turnOn.element.getAttribute('method')?.toLowerCase()).toBe('post');
    expect(new URL(turnOn.element.getAttribute('action') ?? '', before.url).pathname).toBe('/preferences');
    expect(Object.fromEntries(turnOn.values())).toEqual({ elder: '1', return: guidePath });
    const on = await turnOn.submit();
    expect(on.redirects.map((url) => url.pathname)).toEqual(['/preferences']);
    expect(on.path).toBe(guidePath);
    expect(reader.cookies.get(ELDER_COOKIE)).toBe('1');
    expectElderMode(on, language, true);
    expect(on.descriptionOf(elderSwitch(on, language, true))).toBe(s.elder.switchOffHint);
    expect(summary(on)).toBe(plainGuideText(guide.summaryPlain ?? ''));

    const home = await on.follow(s.nav.home, region(on, s.nav.label));
    expect(home.path).toBe(language.path('/'));
    expectElderMode(home, language, true);
    expect(summary(home)).toBe(s.home.lead_elder);

    const turnOff = switchForm(home, language, true);
    expect(Object.fromEntries(turnOff.values())).toEqual({ elder: '0', return: language.path('/') });
    const off = await turnOff.submit();
    expect(off.path).toBe(language.path('/'));
    expect(reader.cookies.has(ELDER_COOKIE)).toBe(false);
    expectElderMode(off, language, false);
    expect(summary(off)).toBe(s.home.lead);

    const after = await reader.get(guidePath);
    expectElderMode(after, language, false);
    expect(summary(after)).toBe(plainGuideText(guide.summary));
  });

  it('switches on and off from every kind of page, each time returning the reader to that page', async () => {
    const query = language.code === 'zh-CN' ? '低保' : 'dibao';
    const pages = ['/', '/services', `/search?q=${encodeURIComponent(query)}`, '/contact', '/no-such-page'];
    const reader = visitor(language);
    let on = false;
    for (const path of pages) {
      const page = await reader.get(language.path(path));
      expectElderMode(page, language, on);
      const form = switchForm(page, language, on);
      expect(Object.fromEntries(form.values())).toEqual({ elder: on ? '0' : '1', return: language.path(path) });
      const back = await form.submit();
      on = !on;
      expect(addressOf(back)).toBe(language.path(path));
      expect(back.status).toBe(path === '/no-such-page' ? 404 : 200);
      expectElderMode(back, language, on);
    }
    // The printable view has no switch of its own, but prints large when elder mode is on.
    expect(on).toBe(true);
    const print = await reader.get(language.path('/guides/marriage-registration/print'));
    expect(print.classes).toContain('elder');
  });

  it('returns the reader to a page whose address has Chinese characters in it', async () => {
    const reader = visitor(language);
    const page = await reader.get(language.path('/不存在的页面'));
    expect(page.status).toBe(404);
    const back = await switchForm(page, language, false).submit();
    expect(back.redirects.map((url) => url.pathname)).toEqual(['/preferences']);
    expect(back.status).toBe(404);
    expect(decodeURI(addressOf(back))).toBe(language.path('/不存在的页面'));
    expectElderMode(back, language, true);
    // The same address sent as typed, and with a query: where the Location header could not carry it, the answer was 500.
    const typed = await reader.post('/preferences', { elder: '0', return: language.path('/search?q=高龄津贴') });
    expect(typed.status).toBe(200);
    expect(decodeURIComponent(addressOf(typed))).toBe(language.path('/search?q=高龄津贴'));
    expectElderMode(typed, language, false);
  });
});
