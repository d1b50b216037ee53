/**
 * The funeral home's day and the exemption settlement without JavaScript (docs/decisions/072), in
 * both languages: the day lists the transport with its pickup place and the cremation; confirming a
 * transport, recording the cremation certificate number (a wrong shape: the message next to the
 * field, "Error:" in the title, the summary linking to it, the number kept) and marking the cremation
 * done each come back to the day with what was done; staff who handle no bookings are refused; the
 * settlement page and its CSV (BOM, headers in the reader's language) for an office admin.
 */
import { describe, expect, it } from 'vitest';
import { funeralEn } from '../../api/services/funeral/messages/en.ts';
import { funeralZhCN } from '../../api/services/funeral/messages/zh-CN.ts';
import { personId } from '../support/applications.ts';
import { funeralBookedViaApi } from '../support/portal-api.ts';
import { english, zh, type Language } from '../support/site.ts';
import { baseUrl, staffVisitor } from './support/portal.ts';

const HOME = 'demo-district-funeral-home';
const chinaDay = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const WORDS = { 'zh-CN': funeralZhCN, en: funeralEn } as const;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const bookedFuneral = (n: number, date: string, lang: 'zh-CN' | 'en') => funeralBookedViaApi(baseUrl(), n, date, lang);

describe.each([
  [zh, 7201],
  [english, 7202],
] as const)('a funeral home’s day in %s', (language: Language, n: number) => {
  const w = WORDS[language.code].homeDay;
  const date = chinaDay(n === 7201 ? 5 : 6);

  it('lists the day, and takes each action without JavaScript, the wrong certificate number next to its field', async () => {
    const { trackingNumber } = await bookedFuneral(n, date, language.code);
    const clerk = await staffVisitor(language, 'intake');
    const day = await clerk.get(language.path(`/staff/funeral-day?home=${HOME}&date=${date}`));
    expect(day.status).toBe(200);
    expect(day.h1).toBe(w.title);
    expect(day.headers.get('cache-control')).toBe('no-store');
    expect(day.text()).toContain('示例区安康路 72 号');
    expect(day.text()).toContain(trackingNumber);
    expect(day.text()).not.toContain(personId(n, 'female', '19360101'));

    const confirmed = await day.form(new RegExp(`^${escape(w.confirm)} ${trackingNumber}$`)).submit();
    expect(confirmed.path).toBe(language.path('/staff/funeral-day'));
    expect(confirmed.role('status')).toContain(language.t(w.saved['confirm-transport'], { trackingNumber }));
    expect(confirmed.text()).toContain(w.transportStatus.confirmed);

    const label = `${w.certificate} ${trackingNumber}`;
    const wrong = await confirmed.form(new RegExp(`^${escape(w.record)} ${trackingNumber}$`)).fill(label, '火化 01').submit();
    expect(wrong.status).toBe(422);
    expect(wrong.title.startsWith(language.strings.errors.title)).toBe(true);
    expect(wrong.errorFor(`number-${trackingNumber}`)).toContain(w.errors.certificateNumber);
    expect(wrong.errorSummary).toEqual([{ text: w.errors.certificateNumber, href: `#number-${trackingNumber}` }]);
    expect(wrong.valueOf(label)).toBe('火化 01');

    const recorded = await wrong.form(new RegExp(`^${escape(w.record)} ${trackingNumber}$`)).fill(label, 'hz-2026-007201').submit();
    expect(recorded.role('status')).toContain(language.t(w.saved.certificate, { trackingNumber }));
    expect(recorded.text()).not.toContain('HZ-2026-007201');
    expect(recorded.buttons(new RegExp(`^${escape(w.correct)} ${trackingNumber}$`))).toHaveLength(1);

    const done = await recorded.form(new RegExp(`^${escape(w.markDone)} ${escape(w.cremations)} ${trackingNumber}$`)).submit();
    expect(done.role('status')).toContain(language.t(w.saved.done, { trackingNumber }));
    expect(done.buttons(new RegExp(`${escape(w.cremations)} ${trackingNumber}$`)).map((button) => button.textContent)).not.toContain(w.markDone);

    // A form sent twice (a second tab): the second is refused next to the row, nothing else lost.
    const twice = await clerk.post(language.path(`/staff/funeral-day?home=${HOME}&date=${date}`), { home: HOME, date, trackingNumber, action: 'confirm-transport', item: 'transport' }, { headers: { origin: baseUrl() } });
    expect(twice.status).toBe(409);
    expect(twice.errorFor(`transport-${trackingNumber}`)).toContain(w.errors.notPossible);
  });

  it('refuses the day to staff who handle no funeral bookings', async () => {
    const reviewer = await staffVisitor(language, 'reviewer');
    const page = await reviewer.get(language.path('/staff/funeral-day'));
    expect(page.status).toBe(403);
    expect(page.text()).toContain(language.strings.errors.workbench.notPermitted);
  });
});

describe.each([zh, english])('the exemption settlement in %s', (language: Language) => {
  const w = WORDS[language.code];
  const month = chinaDay(0).slice(0, 7);

  it('shows an office admin each home’s month and gives it as a CSV with a BOM, in the reader’s language', async () => {
    const admin = await staffVisitor(language, 'office-admin');
    const page = await admin.get(language.path(`/staff/funeral-settlement?month=${month}`));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(w.homeDay.settlement.title);
    expect(page.texts('thead th').slice(0, 3)).toEqual([w.exemption.settlement.home, w.exemption.settlement.month, w.exemption.settlement.deceased]);
    expect(page.texts('tbody th')).toEqual([w.homes[HOME].name]);

    const csv = await admin.request(new URL(page.hrefOf(w.homeDay.settlement.download), page.url));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="funeral-exemption-settlement-${month}.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = new TextDecoder().decode(bytes).split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual([w.exemption.settlement.home, w.exemption.settlement.month, w.exemption.settlement.deceased]);
    expect(row?.startsWith(`${w.homes[HOME].name},${month},`)).toBe(true);
  });

  it('says a mistyped month next to the field, and refuses the case handlers', async () => {
    const admin = await staffVisitor(language, 'office-admin');
    const wrong = await admin.get(language.path('/staff/funeral-settlement?month=2026-13'));
    expect(wrong.status).toBe(422);
    expect(wrong.errorFor('month')).toContain(w.homeDay.settlement.monthError);
    const clerk = await staffVisitor(language, 'intake');
    expect((await clerk.get(language.path('/staff/funeral-settlement'))).status).toBe(403);
    expect((await clerk.request(language.path('/staff/funeral-settlement/settlement.csv'))).status).toBe(403);
  });
});
