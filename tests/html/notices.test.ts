/**
 * Notices (通知公告) as readers see them, in both languages (docs/decisions/056): a notice tied to
 * the 低保 service, written by one editor and approved and published by a second, is at once on the
 * notices page, the home page's latest three, both Atom feeds (parsed, entries checked) and the 低保
 * guide page; its page shows the 政府信息公开 metadata with the date in the reader's language; every
 * page names the feed in its head; a withdrawn notice answers 410 with its note.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../support/site.ts';
import type { Visitor } from './support/html-client.ts';
import { secondContentEditor, staffApi, staffVisitor, visitor } from './support/portal.ts';

function languageOf(code: string) {
  const found = LANGUAGES.find((language) => language.code === code);
  if (!found) throw new Error(`no language ${code}`);
  return found;
}
const zh = languageOf('zh-CN');
const en = languageOf('en');

/** Writes a notice as the demo content editor, approves and publishes it as the second: its id. */
async function publishedNotice(content: Record<string, unknown>): Promise<string> {
  const author = await staffVisitor(zh, 'content-editor');
  const reviewer = await secondContentEditor(zh);
  const created = await staffApi(author, 'POST', '/staff/announcements', { content });
  expect(created.status).toBe(201);
  const id = String(created.json.id);
  const submitted = await staffApi(author, 'POST', `/staff/announcements/${id}/draft/submit`, { version: created.json.version });
  const approved = await staffApi(reviewer, 'POST', `/staff/announcements/${id}/draft/approve`, { version: submitted.json.version });
  expect(approved.status).toBe(200);
  expect((await staffApi(reviewer, 'POST', `/staff/announcements/${id}/draft/publish`, { version: approved.json.version })).status).toBe(200);
  return id;
}

const TITLE = { zh: '关于调整低保标准的测试通知', en: 'Test notice: new 低保 standards' };

describe('notices', () => {
  it('puts a published notice on the notices page, the home page, both feeds and the 低保 guide page at once, in each language', async () => {
    const id = await publishedNotice({
      'zh-CN': { title: TITLE.zh, body: '自下月起低保标准调整。\n\n无需重新申请。', publisher: '示例市民政局' },
      en: { title: TITLE.en, body: 'The standards change from next month.\n\nNo need to apply again.', publisher: 'Example City Civil Affairs Bureau' },
      // The newest 发布日期 of all, so it leads every list.
      date: '2030-01-15',
      indexNumber: '000014349/2030-00001',
      office: null,
      service: 'minimum-living-allowance',
      example: true,
    });
    const reader = visitor(zh);
    for (const [language, title] of [[zh, TITLE.zh], [en, TITLE.en]] as const) {
      const s = language.strings;
      const list = await reader.get(language.path('/announcements'));
      expect(list.status).toBe(200);
      expect(list.h1).toBe(s.notices.title);
      expect(list.texts('[data-testid="notice-list"] li a')[0]).toBe(title);

      const home = await reader.get(language.path('/'));
      expect(home.texts('[data-testid="latest-notices"] li a')[0]).toBe(title);
      expect(home.all('[data-testid="latest-notices"] li').length).toBeLessThanOrEqual(3);
      // Every page names the feed in its language.
      const feedLink = home.one('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href') ?? '';
      expect(new URL(feedLink).pathname).toBe(language.path('/announcements/feed.xml'));

      const guide = await reader.get(language.path('/guides/minimum-living-allowance'));
      expect(guide.texts('[data-testid="service-notice-list"] li a')).toContain(title);

      const page = await reader.get(language.path(`/announcements/${id}`));
      expect(page.status).toBe(200);
      expect(page.h1).toContain(title);
      const meta = page.texts('[data-testid="notice-meta"] dt');
      expect(meta).toEqual(expect.arrayContaining([s.notices.publisher, s.notices.date, s.notices.indexNumber]));
      expect(page.text('[data-testid="notice-meta"]')).toContain(language.code === 'zh-CN' ? '2030年1月15日' : '15 January 2030');
      expect(page.text('[data-testid="notice-meta"]')).toContain('000014349/2030-00001');

      const feed = await reader.request(language.path('/announcements/feed.xml'));
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = parseHTML('<html></html>').DOMParser;
      const doc = new xml().parseFromString(await feed.text(), 'text/xml');
      const root = doc.documentElement;
      expect(root.tagName).toBe('feed');
      expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2005/Atom');
      const feedId = root.querySelector('feed > id')?.textContent ?? '';
      expect(new URL(feedId).pathname).toBe(language.path('/announcements/feed.xml'));
      expect(Date.parse(root.querySelector('feed > updated')?.textContent ?? '')).not.toBeNaN();
      const entries = [...root.querySelectorAll('entry')];
      const entry = entries.find((element) => element.querySelector('title')?.textContent === title);
      expect(entry).toBeDefined();
      expect(new URL(entry?.querySelector('id')?.textContent ?? '').pathname).toBe(language.path(`/announcements/${id}`));
      expect(Date.parse(entry?.querySelector('updated')?.textContent ?? '')).not.toBeNaN();
      expect(entry?.querySelector('link')?.getAttribute('href')).toBe(entry?.querySelector('id')?.textContent);
    }
  });

  it('shows a notice without English in Chinese on the English page, saying so', async () => {
    const id = await publishedNotice({ 'zh-CN': { title: '仅中文的测试通知', body: '本周五下午暂停办理。', publisher: '示例市民政局' }, en: null, date: '2029-06-01', indexNumber: null, office: null, service: null, example: false });
    const page = await visitor(en).get(en.path(`/announcements/${id}`));
    expect(page.status).toBe(200);
    expect(page.h1).toBe('仅中文的测试通知');
    expect(page.one('h1').getAttribute('lang')).toBe('zh-CN');
    expect(page.text('[data-testid="notice-not-translated"]')).toBe(en.strings.notices.notTranslated);
    expect(page.texts('[data-testid="notice-meta"] dt')).not.toContain(en.strings.notices.indexNumber);
  });

  it('answers a withdrawn notice 410 with its note, and leaves it off the list', async () => {
    const id = await publishedNotice({ 'zh-CN': { title: '将被撤回的测试通知', body: '内容有误。', publisher: '示例市民政局' }, en: null, date: '2029-05-01', indexNumber: null, office: null, service: null, example: false });
    const editor = await staffVisitor(zh, 'content-editor');
    expect((await staffApi(editor, 'POST', `/staff/announcements/${id}/withdraw`, { reason: '日期写错', note: { 'zh-CN': '本通知内容有误，已撤回。', en: 'This notice was issued in error.' } })).status).toBe(200);
    for (const [language, note] of [[zh, '本通知内容有误，已撤回。'], [en, 'This notice was issued in error.']] as const) {
      const page = await visitor(language).get(language.path(`/announcements/${id}`));
      expect(page.status).toBe(410);
      expect(page.h1).toBe(language.strings.notices.withdrawnTitle);
      expect(page.text('[data-testid="withdrawn-note"]')).toBe(note);
      const list = await visitor(language).get(language.path('/announcements'));
      expect(list.text()).not.toContain('将被撤回的测试通知');
    }
    expect((await visitor(zh).get(zh.path('/announcements/20990101-zzzz'))).status).toBe(404);
  });
});

describe('a notice tied to a registry office', () => {
  it('shows under that office where people choose it for a booking, in both languages', async () => {
    const id = await publishedNotice({
      'zh-CN': { title: '城北登记处测试闭馆通知', body: '下周一闭馆。', publisher: '示例市民政局' },
      en: { title: 'Test closure of the city north registry', body: 'Closed next Monday.', publisher: 'Example City Civil Affairs Bureau' },
      date: '2029-07-01',
      indexNumber: null,
      office: 'demo-city-north-registry',
      service: null,
      example: false,
    });
    for (const [language, title] of [[zh, '城北登记处测试闭馆通知'], [en, 'Test closure of the city north registry']] as const) {
      const reader = visitor(language);
      const start = await reader.get(language.path('/book/marriage'));
      const kind = await start.follow(language.strings.booking.start.button);
      const page = await kind.form(language.strings.application.continue).check(language.strings.marriage.kind.marriage).submit();
      const under = page.texts('[data-testid="office-notice-list-demo-city-north-registry"] li a');
      expect(under).toContain(title);
      expect(page.hrefOf(title)).toBe(language.path(`/announcements/${id}`));
    }
  });
});

describe('a notice tied to a funeral home', () => {
  it('shows on the home’s page under its details, and names the home, linked, on the notice’s page, in both languages', async () => {
    const id = await publishedNotice({
      'zh-CN': { title: '示例区殡仪馆测试检修通知', body: '下周二一号火化炉检修，当天火化时段减少。', publisher: '示例区民政局' },
      en: { title: 'Test maintenance at the district funeral home', body: 'One cremator is serviced next Tuesday; fewer cremation times that day.', publisher: 'Example District Civil Affairs Bureau' },
      date: '2029-07-02',
      indexNumber: null,
      office: 'demo-district-funeral-home',
      service: null,
      example: false,
    });
    for (const [language, title] of [[zh, '示例区殡仪馆测试检修通知'], [en, 'Test maintenance at the district funeral home']] as const) {
      const home = await visitor(language).get(language.path('/funeral-homes/demo-district-funeral-home'));
      expect(home.texts('[data-testid="home-notice-list"] li a')).toContain(title);
      expect(home.hrefOf(title)).toBe(language.path(`/announcements/${id}`));
      const notice = await visitor(language).get(language.path(`/announcements/${id}`));
      const homeName = language.strings.homes['demo-district-funeral-home'].name;
      expect(notice.hrefOf(homeName)).toBe(language.path('/funeral-homes/demo-district-funeral-home'));
    }
    // A home the portal does not have is refused next to the field, as an unknown office is.
    const author = await staffVisitor(zh, 'content-editor');
    const refused = await staffApi(author, 'POST', '/staff/announcements', { content: { 'zh-CN': { title: '无此殡仪馆', body: '测试。', publisher: '示例区民政局' }, en: null, date: '2029-07-03', indexNumber: null, office: 'no-such-funeral-home', service: null, example: false } });
    expect(refused.status).toBe(422);
  });
});
