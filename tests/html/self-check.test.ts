/**
 * The social relief self-check on the generic journey pages at /check/social-relief (docs/decisions/041, 048),
 * without JavaScript, in both languages: every page, each bad input back with its message next to the
 * field, the error summary, "Error:" in the title and what was typed kept; the result for a few
 * households ("probably not" with every reason, the standard compared against, the links to apply and
 * the hotline); the sealed cookie's attributes; no-store and noindex; "start again" forgets the
 * answers; a changed or lapsed cookie starts again cleanly; and the guides' "check first" link.
 */
import { describe, expect, it } from 'vitest';
import { sealAnswers } from '../../api/engine/tools/sealed-answers.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { draftSealer } from '../../api/server/portal.ts';
import { LANGUAGES } from '../support/site.ts';
import { normalize, type HtmlPage, type Visitor } from './support/html-client.ts';
import { visitor, workerPortal } from './support/portal.ts';

const BASE = '/check/social-relief';
const COOKIE = 'check_social_relief';

const facts = (page: HtmlPage, section: string) => Object.fromEntries(page.all(`#${section} dl > div`).map((row) => [normalize(row.querySelector('dt')?.textContent), normalize(row.querySelector('dd')?.textContent)]));

describe.each(LANGUAGES)('the social relief self-check in $name', (language) => {
  const s = language.strings;
  const w = s.selfCheck;
  const at = (path: string) => language.path(`${BASE}${path}`);

  /** Answers every page up to the result, as the forms post them. */
  async function answer(reader: Visitor, members: Record<string, string>[], more: { assets?: Record<string, string>; hardship?: string; helpNow?: string; costs?: Record<string, string> } = {}): Promise<HtmlPage> {
    await reader.post(at('/where'), { district: 'demo-district', area: 'urban' });
    for (const [index, member] of members.entries()) {
      await reader.post(at(`/members?item=${index}`), Object.fromEntries(Object.entries({ who: '我', health: 'none', work: 'yes', ...member }).map(([field, value]) => [`members.${index}.${field}`, value])));
    }
    await reader.post(at('/members'), {});
    await reader.post(at('/costs'), { 'costs.illness': '', 'costs.working': '', 'costs.medical': '', 'costs.education': '', ...more.costs });
    let page = await reader.post(at('/assets'), { 'assets.financial': '', 'assets.vehicles': 'none', 'assets.homes': '1', ...more.assets });
    if (page.path.endsWith('/vehicle-value')) page = await reader.post(at('/vehicle-value'), { 'assets.vehicleValue': '5万' });
    if (page.path.endsWith('/support')) page = await reader.post(at('/support'), { supporter: 'none-able' });
    page = await reader.post(at('/hardship'), { hardship: more.hardship ?? 'no' });
    if (page.path.endsWith('/help-now')) page = await reader.post(at('/help-now'), { helpNow: more.helpNow ?? 'no' });
    return page;
  }

  it('starts, says nothing is kept on the server, and keeps the answers only in a sealed, HttpOnly cookie on its own address', async () => {
    const reader = visitor(language);
    const start = await reader.get(at(''));
    expect(start.status).toBe(200);
    expect(start.h1).toBe(w.start.title);
    expect(start.headers.get('cache-control')).toBe('no-store');
    expect(start.one('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    expect(start.hrefOf(w.start.button)).toBe(at('/where'));

    const response = await reader.request(at('/where'), { method: 'POST', body: new URLSearchParams({ district: 'demo-district', area: 'urban' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(workerPortal().url).origin } });
    expect(response.status).toBe(303);
    const cookies = response.headers.getSetCookie().filter((line) => line.startsWith(`${COOKIE}=`) || line.startsWith(`${COOKIE}_en=`));
    // Both languages' addresses of the tool, so that switching language keeps the answers, and no other page.
    expect(cookies.map((line) => /Path=([^;]+)/i.exec(line)?.[1]).sort()).toEqual([BASE, `/en${BASE}`]);
    for (const line of cookies) {
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
      expect(line).toMatch(/Max-Age=1800/i);
      expect(line).not.toContain('demo-district');
      expect(line.length).toBeLessThan(4096);
    }
  });

  it('brings each bad answer back with its message next to the field and everything typed kept', async () => {
    const reader = visitor(language);
    await reader.get(at(''));
    let page = await reader.post(at('/where'), { district: '', area: '' });
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#district', '#area']);
    expect(page.errorFor('district').toLowerCase()).toContain(language.t(w.errors.choose, { field: w.fields.district }).toLowerCase());
    page = await reader.post(at('/where'), { district: 'demo-district', area: 'urban' });
    expect(page.path).toBe(at('/members'));

    // Nobody yet: continuing is refused next to the list.
    page = await reader.post(at('/members'), {});
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#members']);

    page = await reader.post(at('/members?item=0'), { 'members.0.who': '我', 'members.0.health': 'none', 'members.0.work': 'yes', 'members.0.wages': '12,50', 'members.0.business': '-3', 'members.0.property': '１０００' });
    expect(page.status).toBe(422);
    expect(page.errorFor('members-0-wages').toLowerCase()).toContain(language.t(s.errors.amount.notANumber, { field: w.fields.members.wages }).toLowerCase());
    expect(page.errorFor('members-0-business').toLowerCase()).toContain(language.t(s.errors.amount.negative, { field: w.fields.members.business }).toLowerCase());
    expect(page.valueOf(language.t(w.fields.members.wages).replace(/^./, (c) => c.toUpperCase()))).toBe('12,50');
    expect(page.valueOf(language.t(w.fields.members.property).replace(/^./, (c) => c.toUpperCase()))).toBe('１０００');
    page = await reader.post(at('/members?item=0'), { 'members.0.who': '我', 'members.0.health': 'none', 'members.0.work': 'yes', 'members.0.wages': '1,250', 'members.0.business': '', 'members.0.property': '' });
    expect(page.path).toBe(at('/members'));
    expect(page.all('dt').map((dt) => normalize(dt.textContent))).toEqual(['我']);

    page = await reader.post(at('/members'), {});
    expect(page.path).toBe(at('/costs'));
    page = await reader.post(at('/costs'), { 'costs.illness': 'abc', 'costs.working': '', 'costs.medical': '1.5万', 'costs.education': '' });
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#costs-illness']);
    expect(page.valueOf(language.t(w.fields.costs.medical).replace(/^./, (c) => c.toUpperCase()))).toBe('1.5万');
  });

  it('shows a household below the standard what it may get, the standard compared against, the income per head, the ways to apply and the hotline', async () => {
    const reader = visitor(language);
    const result = await answer(reader, [{ wages: '1,000' }], { hardship: 'yes', helpNow: 'yes' });
    expect(result.path).toBe(at('/result'));
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect(result.one('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    expect(result.texts('#outcome .tool-list li')).toEqual([s.relief.kind.dibao, s.relief.kind.temporary]);
    const standard = facts(result, 'standard');
    expect(Object.values(standard)).toEqual(expect.arrayContaining([language.date('2026-07-01')]));
    expect(Object.values(standard).some((value) => value.includes('1,400') && value.includes(s.guide.example))).toBe(true);
    expect(facts(result, 'income')[w.result.income.perHead]).toContain('1,000');
    expect(result.all('#apply a').map((link) => link.getAttribute('href'))).toEqual(['/apply/minimum-living-allowance', '/apply/extreme-poverty-support', '/apply/temporary-assistance'].map((path) => language.path(path)));
    expect(result.one('#help a').getAttribute('href')).toBe('tel:12345');
    // Change your answers: each page, in change mode; a change returns to the result.
    expect(result.all('#your-answers a').map((link) => link.getAttribute('href'))).toContain(`${at('/costs')}?change=1`);
    const changed = await reader.post(`${at('/hardship')}?change=1`, { hardship: 'no' });
    expect(changed.path).toBe(at('/result'));
    expect(changed.texts('#outcome .tool-list li')).toEqual([s.relief.kind.dibao]);
  });

  it('says "probably not" with every reason, and still how to apply', async () => {
    const reader = visitor(language);
    const result = await answer(reader, [{ wages: '3000' }, { who: '2', transfer: '0.2万' }], { assets: { 'assets.financial': '20万', 'assets.vehicles': 'some', 'assets.homes': '2' } });
    expect(result.path).toBe(at('/result'));
    expect(result.has('#outcome')).toBe(false);
    expect(result.texts('#reasons .tool-list li')).toEqual([s.relief.reason['income-at-or-above-standard'], s.relief.reason['financial-assets-over-limit'], s.relief.reason['vehicles-over-limit'], s.relief.reason['homes-over-limit']]);
    expect(facts(result, 'income')[w.result.income.perHead]).toContain('2,500');
    expect(result.all('#apply a')).toHaveLength(3);
  });

  it('forgets the answers on "start again", and starts again cleanly from a changed or lapsed cookie', async () => {
    const reader = visitor(language);
    await answer(reader, [{}]);
    expect(reader.cookies.has(COOKIE)).toBe(true);
    const result = await reader.get(at('/result'));
    const start = await result.form(s.tool.startAgain).submit();
    expect(start.path).toBe(at(''));
    expect(reader.cookies.has(COOKIE) || reader.cookies.has(`${COOKIE}_en`)).toBe(false);
    expect((await reader.get(at('/result'))).path).toBe(at(''));

    await answer(reader, [{}]);
    const token = reader.cookies.get(COOKIE) ?? '';
    reader.setCookie(COOKIE, `${token.slice(0, -4)}AAAA`);
    reader.setCookie(`${COOKIE}_en`, `${token.slice(0, -4)}AAAA`);
    const tampered = await reader.get(at('/costs'));
    expect(tampered.path).toBe(at(''));
    expect(tampered.role('status')).toContain(language.t(s.tool.restarted, { minutes: 30 }).slice(0, 8));
    expect(reader.cookies.has(COOKIE)).toBe(false);

    // Answers sealed 31 minutes ago with this server's key: lapsed.
    const sealer = draftSealer(createFieldCrypto(Buffer.from(workerPortal().secret, 'hex')));
    const old = sealAnswers(sealer, 'social-relief', { district: 'demo-district', area: 'urban' }, new Date(Date.now() - 31 * 60_000));
    reader.setCookie(COOKIE, old.ok ? old.token : '');
    reader.setCookie(`${COOKIE}_en`, old.ok ? old.token : '');
    const lapsed = await reader.get(at('/members'));
    expect(lapsed.path).toBe(at(''));
    expect(lapsed.has('[data-testid="tool-restarted"]')).toBe(true);
  });

  it('refuses a page beyond the first unanswered one, and more members than the most it takes', async () => {
    const reader = visitor(language);
    expect((await reader.get(at('/assets'))).path).toBe(at('/where'));
    const sealer = draftSealer(createFieldCrypto(Buffer.from(workerPortal().secret, 'hex')));
    const answers: Record<string, string> = { district: 'demo-district', area: 'urban' };
    for (let index = 0; index < 8; index += 1) Object.assign(answers, { [`members.${index}.who`]: `${index}`, [`members.${index}.health`]: 'none', [`members.${index}.work`]: 'yes' });
    const full = sealAnswers(sealer, 'social-relief', answers, new Date());
    reader.setCookie(COOKIE, full.ok ? full.token : '');
    const summary = await reader.get(at('/members'));
    expect(summary.text()).toContain(language.t(s.application.addAnother.atMost, { max: 8 }));
    expect((await reader.get(at('/members?item=8'))).path).toBe(at('/members'));
  });

  it('is offered by each relief guide before applying', async () => {
    for (const slug of ['minimum-living-allowance', 'extreme-poverty-support', 'temporary-assistance']) {
      const guide = await visitor(language).get(language.path(`/guides/${slug}`));
      expect(guide.one('[data-testid="check-first"]').getAttribute('href')).toBe(at(''));
    }
  });
});
