/**
 * The funeral homes' pages without JavaScript, in both languages (docs/decisions/062): the list
 * gives each home's 24-hour phone first, as a tel: link, then its district, address and hours; a
 * home's page gives the phone before anything else, then its price list as two tables kept apart,
 * the basic services (with the note on fee exemption and its guide) and the optional ones (which
 * nobody has to buy), each price with its unit and the day the prices apply from; a home the portal
 * does not have is the site's 404; the basic-funeral-services guide links the list.
 */
import { describe, expect, it } from 'vitest';
import { FUNERAL_HOMES, FUNERAL_SOURCE_DETAILS, FUNERAL_SOURCE_PRICE_LISTS } from '../../api/services/funeral/homes.ts';
import { LANGUAGES } from '../support/site.ts';
import { sentence } from '../support/site.ts';
import { signIn, visitor } from './support/portal.ts';

function demo<Row extends { home: string }>(rows: readonly Row[], home: string): Row {
  const row = rows.find((candidate) => candidate.home === home);
  if (!row) throw new Error(`no demonstration row for ${home}`);
  return row;
}
const details = (home: string) => demo(FUNERAL_SOURCE_DETAILS, home).value;
const prices = (home: string) => demo(FUNERAL_SOURCE_PRICE_LISTS, home);
const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
const HOME = 'demo-district-funeral-home';
const STATION = 'demo-county-funeral-station';

describe.each(LANGUAGES)('the funeral homes in $name', (language) => {
  const s = language.strings;
  const f = s.funeralHomes;
  const address = (home: string) => (language.code === 'zh-CN' ? details(home).addressZh : details(home).addressEn);

  it('lists every home with its 24-hour phone first, as a link a phone dials, then its district, address and hours', async () => {
    const page = await visitor(language).get(language.path('/funeral-homes'));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(f.title);
    const sections = page.all('main section.funeral-home');
    expect(sections.map((section) => section.getAttribute('data-home'))).toEqual(FUNERAL_HOMES.map((home) => home.id));
    for (const section of sections) {
      const home = section.getAttribute('data-home') ?? '';
      // Right under the home's name, before anything else about it.
      const first = section.querySelector('h2')?.nextElementSibling;
      expect(first?.querySelector('a')?.getAttribute('href')).toBe(tel(details(home).phone));
      expect(page.texts('dd', section)).toEqual([s.districts[home === HOME ? 'demo-district' : 'demo-county'], address(home), language.code === 'zh-CN' ? details(home).hoursZh : details(home).hoursEn]);
      expect(page.links(new RegExp(f.details), section).map((link) => link.getAttribute('href'))).toEqual([language.path(`/funeral-homes/${home}`)]);
    }
    // The first number in the page's own content is the first home's, not the site's hotline.
    expect(page.one('main a[href^="tel:"]').getAttribute('href')).toBe(tel(details(HOME).phone));
    expect(page.text()).toContain(f.example);
  });

  it('gives a home’s phone first, then its address, then the basic services and the optional ones in two tables apart', async () => {
    const page = await visitor(language).get(language.path(`/funeral-homes/${HOME}`));
    expect(page.status).toBe(200);
    expect(page.h1).toContain(s.homes[HOME].name);
    const main = page.one('main');
    const order = (selector: string) => [...main.querySelectorAll('*')].indexOf(page.one(selector, main));
    expect(page.one('main a[href^="tel:"]').getAttribute('href')).toBe(tel(details(HOME).phone));
    expect(order('a[href^="tel:"]')).toBeLessThan(order('dl.summary'));
    expect(order('dl.summary')).toBeLessThan(order('[data-testid="basic-services"]'));
    expect(order('[data-testid="basic-services"]')).toBeLessThan(order('[data-testid="optional-services"]'));
    expect(page.text('dl.summary')).toContain(address(HOME));

    const basic = page.one('[data-testid="basic-services"]');
    const optional = page.one('[data-testid="optional-services"]');
    expect(page.texts('h2', basic)).toEqual([f.basicTitle]);
    expect(page.texts('h2', optional)).toEqual([f.optionalTitle]);
    expect(page.all('table', basic)).toHaveLength(1);
    expect(page.all('table', optional)).toHaveLength(1);
    const items = (section: typeof basic) => page.all('tbody tr', section).map((row) => row.getAttribute('data-item'));
    expect(items(basic)).toEqual(prices(HOME).value.basic.map((entry) => entry.item));
    expect(items(optional)).toEqual(prices(HOME).value.optional.map((entry) => entry.item));
    // The note on what the basic services are links the fee-exemption guide; the optional ones say they are not needed.
    expect(page.text('[data-testid="basic-services"] p')).toContain(f.basicNote);
    expect(page.hrefOf(f.exemptionLink, basic)).toBe(language.path('/guides/funeral-fee-exemption'));
    expect(page.text('[data-testid="optional-services"] p')).toBe(f.optionalNote);
    // Each price with its unit; an item the province added says so.
    const cremation = page.one('tr[data-item="cremation"]', basic);
    expect(page.texts('td', cremation)[0]).toBe(language.code === 'zh-CN' ? '240 元/次' : '¥240 each time');
    expect(page.text('[data-testid="basic-services"] tr[data-item="basic-urn"] th')).toContain(f.provinceAdded);
    expect(page.text('[data-testid="optional-services"] tr[data-item="large-hall"] td')).toContain(language.code === 'zh-CN' ? '600 元/小时' : '¥600 an hour');
    expect(page.text('[data-testid="prices-from"]')).toContain(language.t(f.pricesFrom, { date: language.date('2026-03-30') }));
  });

  it('shows a station that does not cremate with the basic services it offers, and no more', async () => {
    const page = await visitor(language).get(language.path(`/funeral-homes/${STATION}`));
    expect(page.status).toBe(200);
    expect(page.one('main a[href^="tel:"]').getAttribute('href')).toBe(tel(details(STATION).phone));
    expect(page.all('[data-testid="basic-services"] tbody tr').map((row) => row.getAttribute('data-item'))).toEqual(['body-transport', 'body-storage', 'farewell']);
    expect(page.text('[data-testid="basic-services"] tr[data-item="body-transport"] td')).toContain(language.code === 'zh-CN' ? '5 元/公里' : '¥5 a kilometre');
  });

  it('answers a home it does not have with the site’s page not found', async () => {
    const page = await visitor(language).get(language.path('/funeral-homes/no-such-home'));
    expect(page.status).toBe(404);
    expect(page.h1).toBe(s.pages.notFound.title);
  });

  it('is linked from the basic funeral services guide', async () => {
    const guide = await visitor(language).get(language.path('/guides/basic-funeral-services'));
    const list = await guide.follow(f.title);
    expect(list.path).toBe(language.path('/funeral-homes'));
  });

  it('lets a system admin enter a station’s price list as lines, a package refused next to its field with the lines kept', async () => {
    const year = language.code === 'zh-CN' ? '2098' : '2099';
    const table = s.rules.tables.funeral['price-lists'];
    const home = await signIn(visitor(language), language, 'system-admin');
    let page = await (await home.follow(s.rules.title)).follow(table.title);
    expect(page.h1).toBe(table.title);
    expect(page.text('[data-rule-key="demo-county-funeral-station"] [data-testid="in-force"]')).toContain(s.catalogue.farewell);
    expect(page.descriptionOf(page.field(sentence(s.fields.value.basic)))).toContain(table.hints.basic);

    const basic = 'body-transport | 公里 | 6\n遗体告别 | 次 | 220 | 小告别厅 | Small hall';
    const bundled = 'gold | 告别守灵套餐 | Farewell and vigil package | 次 | 1800';
    page = await page
      .form(s.rules.submit)
      .check(s.homes['demo-county-funeral-station'].name)
      .fill(sentence(s.fields.effectiveFrom), `${year}-01-01`)
      .fill(sentence(s.fields.value.basic), basic)
      .fill(sentence(s.fields.value.optional), bundled)
      .fill(sentence(s.fields.basis), '测试用的假想收费通知')
      .fill(sentence(s.fields.reason), '测试：按假想通知录入价目表')
      .submit();
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((link) => link.href)).toEqual(['#optional']);
    expect(page.errorFor('optional')).toContain(language.t(s.errors.priceList.bundle, { entry: 1, name: '告别守灵套餐' }));
    expect(page.valueOf(sentence(s.fields.value.optional))).toBe(bundled);
    expect(page.valueOf(sentence(s.fields.value.basic))).toBe(basic);

    page = await page.form(s.rules.submit).fill(sentence(s.fields.value.optional), 'vigil-room | 守灵室 | Vigil room | 天 | 320').submit();
    expect(page.role('status')).toBe(language.t(s.rules.saved, { key: s.homes['demo-county-funeral-station'].name, date: language.date(`${year}-01-01`) }));
    expect(page.text('[data-rule-key="demo-county-funeral-station"]')).toContain(language.t(s.rules.upcoming, { date: language.date(`${year}-01-01`) }));
  });
});
