/**
 * The bureau dashboard's page and its CSV downloads without a browser (docs/decisions/054), in both
 * languages: a system admin sees the figures with a chart (SVG, role="img", title and description)
 * and a table per figure, a new application counted at once; each table downloads as CSV with a
 * byte order mark, the page's headings and a file name; an office admin's filter offers their own
 * office; a clerk and a content editor are told their role does not see it; a backwards period is
 * said next to its field; the ratings (docs/decisions/059) are counted at once, their rate drawn beside
 * their table, their reasons and follow-ups in tables with downloads, and the plain form filters
 * them. The worker's server is shared, so counts are compared before and after.
 */
import { describe, expect, it } from 'vitest';
import { RATING_LEVELS } from '../../api/domain/ratings/ratings.ts';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES } from '../support/site.ts';
import { applyViaApi, staffCookie, takeStep } from '../support/portal-api.ts';
import { baseUrl, staffVisitor, workerPortal } from './support/portal.ts';

/** A finished 高龄津贴 case (at the demo district) rated badly by its applicant through the status page's API. */
async function badlyRated(lang: 'zh-CN' | 'en'): Promise<string> {
  const trackingNumber = await applyViaApi(baseUrl(), lang);
  await takeStep(baseUrl(), await staffCookie(workerPortal(), 'intake'), trackingNumber, 'not-accept', { reason: '老人户籍不在本区。' });
  const response = await fetch(`${baseUrl()}/api/v1/track/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl(), 'accept-language': lang },
    body: JSON.stringify({ trackingNumber, secondFactor: ELDER_ID, level: 'very-dissatisfied', reasons: ['slow', 'documents-again'] }),
  });
  if (response.status !== 201) throw new Error(`rating answered ${response.status}: ${await response.text()}`);
  return trackingNumber;
}

describe.each(LANGUAGES)('the bureau dashboard in $name', (language) => {
  const s = language.strings;
  const d = s.dashboard;

  it('shows a system admin the figures as charts and tables, a new application counted at once', async () => {
    const bureau = await staffVisitor(language, 'system-admin');
    let page = await bureau.get(language.path('/staff/dashboard'));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(d.title);
    expect(page.texts('nav a')).toContain(d.title);
    const before = Number(page.text('[data-testid="total-received"]').replace(/\D/g, ''));

    await applyViaApi(baseUrl(), language.code);
    page = await bureau.get(language.path('/staff/dashboard'));
    expect(Number(page.text('[data-testid="total-received"]').replace(/\D/g, ''))).toBe(before + 1);

    // Charts: an image with its name and description, each bar labelled; the numbers in tables beside them.
    const charts = page.all('svg[role="img"]');
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const chart of charts) {
      const [title, desc] = (chart.getAttribute('aria-labelledby') ?? '').split(' ');
      expect(page.text(`#${title}`)).not.toBe('');
      expect(page.text(`#${desc}`)).toContain(language.code === 'zh-CN' ? '柱状图' : 'Bar chart');
    }
    expect(page.text('#chart-cases-by-month-title')).toBe(d.tables.casesByMonth);
    expect(page.texts('[data-testid="table-cases-by-month"] thead th')).toEqual([d.columns.month, d.cases.received, d.cases.completed]);
    expect(page.texts('[data-testid="table-cases-by-service"] tbody th').length).toBeGreaterThan(0);
    const links = page.all('a[download]').map((link) => link.getAttribute('href') ?? '');
    expect(links.length).toBe(12);

    // Each table's CSV: UTF-8 with a BOM, the page's headings, a file name.
    const csvLink = links.find((href) => href.includes('/cases-by-month.csv')) ?? '';
    const response = await bureau.request(csvLink);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="dashboard-cases-by-month-\d{4}-\d{2}_\d{4}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe([d.columns.month, d.cases.received, d.cases.completed].join(','));
    expect(lines.length).toBe(12 + 2); // the header, twelve months, and the last line's end
  });

  it('shows the ratings, their rate per month as a chart beside its table, the bad ratings’ reasons and follow-ups, filtered by the plain form', async () => {
    const r = s.ratings;
    const bureau = await staffVisitor(language, 'system-admin');
    let page = await bureau.get(language.path('/staff/dashboard'));
    const count = (id: string) => Number(page.text(`[data-testid="${id}"]`).replace(/\D/g, ''));
    const before = { ratings: count('total-ratings'), bad: count('total-bad') };
    await badlyRated(language.code);
    page = await bureau.get(language.path('/staff/dashboard'));
    expect(count('total-ratings')).toBe(before.ratings + 1);
    expect(count('total-bad')).toBe(before.bad + 1);
    expect(page.text('[data-testid="total-rate"]')).toMatch(/^\d{1,3}\.\d%$/);
    expect(page.texts('h2')).toContain(d.ratings.heading);

    // The rate per month: a chart named and described, beside the table with the same months.
    const pair = page.one('[data-testid="table-ratings-by-month"]').closest('.dashboard-pair');
    expect(pair?.querySelector('svg[role="img"]')?.getAttribute('aria-labelledby')).toBe('chart-ratings-by-month-title chart-ratings-by-month-desc');
    expect(page.text('#chart-ratings-by-month-title')).toBe(d.ratings.rateChart);
    expect(page.texts('[data-testid="table-ratings-by-month"] thead th')).toEqual([d.columns.month, ...RATING_LEVELS.map((level) => r.level[level]), d.ratings.total, d.ratings.rate]);
    expect(page.all('[data-testid="table-ratings-by-month"] tbody tr').length).toBe(12);
    expect(page.texts('[data-testid="table-ratings-by-service"] tbody th').length).toBeGreaterThan(0);
    expect(page.texts('[data-testid="table-follow-ups-by-office"] thead th')).toEqual([d.columns.office, d.ratings.bad, d.ratings.opened, d.ratings.replied, d.ratings.overdue, d.ratings.resolved]);
    expect(page.texts('[data-testid="table-bad-reasons"] tbody th')).toEqual(expect.arrayContaining([r.reason.slow, r.reason['documents-again']]));

    // The reasons' download: a BOM, the page's headings.
    const response = await bureau.request(page.all('a[download]').map((link) => link.getAttribute('href') ?? '').find((href) => href.includes('/bad-reasons.csv')) ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="dashboard-bad-reasons-\d{4}-\d{2}_\d{4}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe([d.ratings.reason, d.ratings.times, d.ratings.share].join(','));
    expect(lines.some((line) => line.startsWith(`${r.reason.slow},`))).toBe(true);

    // The plain GET form: one service at one office, its figures alone, the filters kept in the form.
    page = await page.form(d.filters.submit).fill(d.filters.service, 'old-age-allowance').fill(d.filters.office, 'demo-district').submit();
    expect(page.status).toBe(200);
    expect(Object.fromEntries(page.url.searchParams)).toMatchObject({ service: 'old-age-allowance', office: 'demo-district' });
    expect(page.one('#service option[selected]').getAttribute('value')).toBe('old-age-allowance');
    expect(page.one('#office option[selected]').getAttribute('value')).toBe('demo-district');
    expect(page.all('[data-testid="table-ratings-by-office"] tbody tr').length).toBe(1);
    expect(page.all('[data-testid="table-ratings-by-service"] tbody tr').length).toBe(1);
    expect(count('total-bad')).toBeGreaterThan(0);
  });

  it('offers an office admin their own office only, and says a backwards period next to its field', async () => {
    const admin = await staffVisitor(language, 'office-admin');
    let page = await admin.get(language.path('/staff/dashboard'));
    expect(page.status).toBe(200);
    expect(page.all('#office option').map((option) => option.getAttribute('value'))).toEqual(['', 'demo-district']);
    page = await admin.get(language.path('/staff/dashboard?from=2026-12&to=2026-01'));
    expect(page.status).toBe(422);
    expect(page.errorFor('to')).toContain(s.errors.dashboard.periodOrder);
    expect(page.errorSummary.map((link) => link.href)).toEqual(['#to']);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
  });

  it('tells a clerk and a content editor that their role does not see the figures, on the page and the download', async () => {
    for (const role of ['intake', 'content-editor'] as const) {
      const member = await staffVisitor(language, role);
      const page = await member.get(language.path('/staff/dashboard'));
      expect(page.status, role).toBe(403);
      expect(page.text()).toContain(s.errors.workbench.notPermitted);
      expect(page.texts('nav a')).not.toContain(d.title);
      const csv = await member.request(language.path('/staff/dashboard/stages.csv'));
      expect(csv.status).toBe(403);
    }
  });
});
