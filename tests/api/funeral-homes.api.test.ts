/**
 * Funeral homes and their public price lists through the API (docs/decisions/062), on SQLite and
 * PostgreSQL: the homes in force today in the language asked for, the basic services apart from the
 * optional ones; an unknown home is 404; a system admin's new list (a rule-table row) is what the
 * public reads from its first day, and what a booking may name; a list that breaks the law's rules
 * is refused next to its field, saying which entry and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceOf } from '../../api/services/funeral/price-list.ts';
import { FUNERAL_PRICE_LISTS_TABLE } from '../../api/services/funeral/price-list-table.ts';
import type { FuneralHomeView } from '../../api/services/funeral/public-view.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** 10:00 on 10 December 2026 in China. */
let now = new Date('2026-12-10T02:00:00Z');
const HOME = 'demo-district-funeral-home';
const PRICES = '/staff/rules/funeral.price-lists';

interface ErrorBody {
  error: { code: string; fields?: { field: string; message: string }[] };
}

describe.each(DIALECTS)('funeral homes on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => now, lang: 'zh-CN', serviceAreas: ['funeral'] });
  const get = async (path: string, lang = 'zh-CN') => runtime.portal.app.request(`http://localhost/api/v1${path}?lang=${lang}`);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => now });
    await staff.member('admin', ['system-admin']);
    await staff.member('clerk', ['intake']);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('lists the homes in force today in the language asked for, their basic services apart from the optional ones', async () => {
    const response = await get('/funeral-homes', 'en');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { on: string; homes: FuneralHomeView[] };
    expect(body.on).toBe('2026-12-10');
    expect(body.homes.map((home) => home.id)).toEqual([HOME, 'demo-county-funeral-station']);
    const [home] = body.homes;
    expect(home).toMatchObject({ name: 'Demo District Funeral Home', phone: '0000-12345678', district: { id: 'demo-district', name: 'Demo District' }, example: true, prices: { effectiveFrom: '2026-03-30' } });
    expect(home?.prices?.basic.map((entry) => entry.item)).toEqual(['body-transport', 'body-storage', 'farewell', 'cremation', 'ashes-storage', 'eco-burial', 'niche-burial', 'body-disinfection', 'basic-urn']);
    expect(home?.prices?.optional.map((entry) => entry.item)).toEqual(['embalming', 'cosmetics', 'large-hall', 'flowers', 'vigil-room', 'wooden-urn']);
    expect(home?.prices?.basic.find((entry) => entry.item === 'cremation')).toEqual({ item: 'cremation', name: 'Cremation', unit: 'per-time', priceFen: 24_000, price: '¥240 each time', note: 'Standard cremator', provinceAdded: false });
  });

  it('answers one home, and 404 for a home it does not have', async () => {
    const one = await get(`/funeral-homes/${HOME}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as FuneralHomeView).name).toBe('示例区殡仪馆');
    const none = await get('/funeral-homes/no-such-home');
    expect(none.status).toBe(404);
    expect(((await none.json()) as ErrorBody).error.code).toBe('funeral_home_not_found');
    expect((await get('/funeral-homes/Not_A_Home')).status).toBe(422);
  });

  it('takes a system admin’s new list from its first day, and a booking may name only what is on it', async () => {
    const value = FUNERAL_PRICE_LISTS_TABLE.fromForm({
      basic: ['body-transport | 次 | 220', 'body-storage | 天 | 50', 'farewell | 次 | 300', 'cremation | 次 | 260 | 普通火化炉 | Standard cremator', 'ashes-storage | 年 | 100', 'eco-burial | 次 | 0', 'niche-burial | 次 | 1500'].join('\n'),
      optional: 'embalming | 遗体防腐 | Embalming | 次 | 300',
    });
    const row = { key: HOME, effectiveFrom: '2027-01-01', value, basis: '示例市发展和改革委员会关于调整殡葬服务收费标准的通知（2026 年 12 月）', reason: '按通知录入新的价目表' };
    expect((await staff.request('clerk', PRICES, { method: 'POST', body: row })).status).toBe(403);
    expect((await staff.request('admin', PRICES, { method: 'POST', body: row })).status).toBe(201);

    // Today the list in force is still the old one; on its first day, the new one.
    const today = (await (await get(`/funeral-homes/${HOME}`)).json()) as FuneralHomeView;
    expect(today.prices?.basic.find((entry) => entry.item === 'cremation')?.priceFen).toBe(24_000);
    now = new Date('2027-01-01T02:00:00Z');
    const later = (await (await get(`/funeral-homes/${HOME}`)).json()) as FuneralHomeView;
    expect(later.prices).toMatchObject({ effectiveFrom: '2027-01-01', basis: row.basis, example: false });
    expect(later.prices?.basic.find((entry) => entry.item === 'cremation')?.priceFen).toBe(26_000);
    // The province's additions and the optional services the new list dropped are no longer on it.
    expect(later.prices?.optional.map((entry) => entry.item)).toEqual(['embalming']);
    const rows = runtime.rules.rows(FUNERAL_PRICE_LISTS_TABLE);
    expect(priceOf(rows, HOME, 'vigil-room', '2027-01-01')).toBeUndefined();
    expect(priceOf(rows, HOME, 'vigil-room', '2026-12-31')?.priceFen).toBe(40_000);
    now = new Date('2026-12-10T02:00:00Z');
  });

  it('refuses a list that breaks the rules, next to its field, naming the entry', async () => {
    const value = FUNERAL_PRICE_LISTS_TABLE.fromForm({ basic: 'cremation | 次 | 240', optional: 'gold | 告别火化套餐 | Gold package | 次 | 3000' });
    const response = await staff.request('admin', PRICES, { method: 'POST', body: { key: HOME, effectiveFrom: '2027-02-01', value, basis: '通知', reason: '测试：不合规的价目表' } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields).toEqual([
      expect.objectContaining({ field: 'value.basic', message: '提供火化的殡仪馆要列出国家清单上的全部基本殡葬服务，还缺少“遗体接运”' }),
      expect.objectContaining({ field: 'value.optional.0', message: '第 1 项“告别火化套餐”像是套餐。每项只能是一项服务、一个价格，不能捆绑销售' }),
    ]);
  });
});
