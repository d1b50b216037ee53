/**
 * 好差评's staff and public pages without JavaScript (docs/decisions/053, 055), in both languages:
 * a case handler's list of bad ratings says which is due soon and which overdue in words, filters
 * waiting and answered ones; a follow-up shows the rating and refuses a too-short answer next to its
 * field with the text kept, then takes the answer once and shows it with who and when, and the
 * applicant reads it on the status page; the counts per office and service are tables beside a
 * chart; the public page and a service's guide give the counts; a content editor is refused the
 * staff pages and has no links to them. The worker's server is shared, so counts are compared
 * with the API's at the same moment, and the public pages are asked for at addresses no earlier
 * test used (a page showing ratings is kept a minute by the server's page cache).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { percentText } from '../../api/domain/ratings/ratings.ts';
import { ELDER_ID } from '../support/applications.ts';
import { applyViaApi, chinaToday, staffCookie, takeStep } from '../support/portal-api.ts';
import { LANGUAGES } from '../support/site.ts';
import { baseUrl, lookUp, staffVisitor, visitor, workerPortal } from './support/portal.ts';

/** A finished 高龄津贴 case rated badly by its applicant through the status page's API. */
async function badlyRated(language: (typeof LANGUAGES)[number], comment: string): Promise<string> {
  const trackingNumber = await applyViaApi(baseUrl(), language.code);
  const clerk = await staffCookie(workerPortal(), 'intake');
  await takeStep(baseUrl(), clerk, trackingNumber, 'not-accept', { reason: '老人户籍不在本区。' });
  const response = await fetch(`${baseUrl()}/api/v1/track/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl(), 'accept-language': language.code },
    body: JSON.stringify({ trackingNumber, secondFactor: ELDER_ID, level: 'dissatisfied', reasons: ['slow', 'several-trips'], comment }),
  });
  if (response.status !== 201) throw new Error(`rating answered ${response.status}: ${await response.text()}`);
  return trackingNumber;
}

/** Moves a follow-up's last day in the server's database (the clock cannot move: staff sessions would lapse). */
function dueOn(trackingNumber: string, day: string): void {
  const database = new DatabaseSync(join(workerPortal().dataDir, 'portal.sqlite'), { timeout: 5000 });
  try {
    database.prepare('UPDATE rating_follow_ups SET due_on = ? WHERE case_id = (SELECT id FROM cases WHERE tracking_number = ?)').run(day, trackingNumber.replaceAll('-', ''));
  } finally {
    database.close();
  }
}

const publicCounts = async () => ((await (await fetch(`${baseUrl()}/api/v1/ratings`)).json()) as { services: { service: string; total: number; satisfactionRate: number | null }[] }).services;

describe.each(LANGUAGES)('the ratings pages in $name', (language) => {
  const s = language.strings;
  const r = s.ratings;

  it('lists bad ratings as a queue, due soon and overdue said in words, and takes one answer that the applicant reads', async () => {
    const overdue = await badlyRated(language, '来回跑了三趟。');
    const soon = await badlyRated(language, '等了很久。');
    dueOn(overdue, '2020-01-02');
    dueOn(soon, chinaToday());

    const clerk = await staffVisitor(language, 'intake');
    let page = await clerk.get(language.path('/staff'));
    expect(page.texts('nav a')).toEqual(expect.arrayContaining([s.staff.home.followUps, s.staff.home.ratings]));
    page = await page.follow(s.staff.home.followUps);
    expect(page.status).toBe(200);
    expect(page.h1).toBe(r.staff.followUpsTitle);
    const row = (trackingNumber: string) => page.all(`tr[data-follow-up="${trackingNumber}"]`)[0];
    const dueCell = (trackingNumber: string) => page.text(`tr[data-follow-up="${trackingNumber}"] [data-testid="due"]`);
    expect(dueCell(overdue)).toContain(r.staff.statusName.overdue);
    expect(dueCell(overdue)).toContain(language.code === 'en' ? '2 January 2020' : '2020年1月2日');
    expect(dueCell(soon)).toContain(r.staff.dueSoon);
    // The earliest last day first; the tracking number opens the case.
    const order = page.all('tr[data-follow-up]').map((element) => element.getAttribute('data-follow-up'));
    expect(order.indexOf(overdue)).toBeLessThan(order.indexOf(soon));
    expect(page.links(overdue, row(overdue))[0]?.getAttribute('href')).toBe(language.path(`/staff/cases/${overdue}`));
    expect(page.text(`tr[data-follow-up="${soon}"]`)).toContain(r.staff.notReplied);
    expect(page.text(`tr[data-follow-up="${soon}"]`)).toContain(r.level.dissatisfied);

    // Opened: the rating and what the person wrote; a too-short answer is refused next to its field, the text kept.
    page = await page.follow(new RegExp(`${r.staff.openLink}.*${soon}`), row(soon));
    expect(page.h1).toBe(language.t(r.staff.followUpTitle, { trackingNumber: soon }));
    expect(page.text('[data-testid="level"]')).toBe(r.level.dissatisfied);
    expect(page.text('[data-testid="reasons"]')).toContain(r.reason.slow);
    expect(page.text('[data-testid="comment"]')).toBe('等了很久。');
    expect(page.text('[data-testid="due"]')).toContain(r.staff.dueSoon);
    page = await page.form(r.staff.replySubmit).submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('reply')).toContain(s.errors.ratings.reply);
    expect(page.text('[data-testid="comment"]')).toBe('等了很久。');
    page = await page.form(r.staff.replySubmit).fill(r.staff.replyLabel, '已核实').submit();
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('reply')).toContain(s.errors.ratings.reply);
    expect(page.errorSummary).toEqual([{ text: s.errors.ratings.reply, href: '#reply' }]);
    expect(page.valueOf(r.staff.replyLabel)).toBe('已核实');
    expect(page.descriptionOf(page.field(r.staff.replyLabel))).toContain(s.errors.ratings.reply);

    const reply = '经核实，当天窗口人手不足，已增加一名工作人员，并向您致歉。';
    page = await page.form(r.staff.replySubmit).fill(r.staff.replyLabel, reply).submit();
    expect(page.status).toBe(200);
    expect(page.text('[data-testid="replied"]')).toBe(r.staff.replied);
    expect(page.text('[data-testid="reply-text"]')).toBe(reply);
    expect(page.text('[data-testid="replied-by"]')).toContain('Demo intake');
    expect(page.has('[data-testid="reply-form"]')).toBe(false);
    expect(page.text('[data-testid="resolution"]')).toBe(r.staff.noResolution);

    // Answered: out of the waiting list, in the answered one.
    page = await clerk.get(language.path('/staff/follow-ups'));
    expect(page.has(`tr[data-follow-up="${soon}"]`)).toBe(false);
    page = await page.form(r.staff.filterSubmit).fill(r.staff.filterLabel, 'replied').submit();
    expect(page.has(`tr[data-follow-up="${soon}"]`)).toBe(true);
    expect(page.has(`tr[data-follow-up="${overdue}"]`)).toBe(false);

    // The applicant reads the answer on the status page.
    const reader = visitor(language);
    const status = await lookUp(reader, language, soon, ELDER_ID);
    expect(status.text('[data-testid="rating-reply"]')).toBe(reply);
  });

  it('shows the counts per office and service as tables beside a chart, and the public the counts per service', async () => {
    await badlyRated(language, '');
    const counts = (await publicCounts()).find((row) => row.service === 'old-age-allowance');
    expect(counts?.total).toBeGreaterThan(0);

    const admin = await staffVisitor(language, 'office-admin');
    let page = await admin.get(language.path('/staff/ratings'));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(r.staff.summaryTitle);
    const headings = page.texts('[data-testid="ratings-summary"] thead th');
    expect(headings).toEqual([r.staff.office, r.staff.service, r.level['very-satisfied'], r.level.satisfied, r.level['basically-satisfied'], r.level.dissatisfied, r.level['very-dissatisfied'], r.staff.total, r.staff.rate]);
    const cells = page.texts('[data-testid="ratings-summary"] tr[data-row="demo-district/old-age-allowance"] > *');
    expect(cells[0]).toBe(s.staff.office['demo-district']);
    expect(Number(cells[7]?.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(page.texts('[data-testid="follow-ups-summary"] thead th')).toEqual([r.staff.office, r.staff.service, r.staff.followUps, r.staff.repliedCount, r.staff.overdue, r.staff.resolved]);
    expect(page.text('#chart-ratings-title')).toBe(r.staff.chartTitle);

    // The public: every service, the counts the API gives at the same moment; linked from the services page.
    page = await visitor(language).get(language.path('/services'));
    expect(page.links(r.public.link)[0]?.getAttribute('href')).toBe(language.path('/ratings'));
    const fresh = `?at=${randomUUID()}`;
    const [ratings, guide, now] = await Promise.all([visitor(language).get(language.path(`/ratings${fresh}`)), visitor(language).get(language.path(`/guides/old-age-allowance${fresh}`)), publicCounts()]);
    const allowance = now.find((row) => row.service === 'old-age-allowance');
    expect(ratings.status).toBe(200);
    expect(ratings.h1).toBe(r.public.title);
    const publicCells = ratings.texts('tr[data-service="old-age-allowance"] > *');
    expect(Number(publicCells[6]?.replace(/\D/g, ''))).toBe(allowance?.total);
    const rate = percentText(allowance?.satisfactionRate ?? null);
    expect(publicCells[7]).toMatch(/^\d+\.\d%$/);
    expect(publicCells[7]).toBe(rate);
    // The guide of a rated service says how it was rated, linking to its row.
    const line = guide.all('[data-testid="guide-rating"] a')[0];
    expect(line?.textContent).toBe(language.t(r.public[allowance?.total === 1 ? 'guideLine_one' : 'guideLine_other'], { count: allowance?.total ?? 0, rate: rate ?? '' }));
    expect(line?.getAttribute('href')).toBe(`${language.path('/ratings')}#service-old-age-allowance`);
  });

  it('refuses a content editor the staff ratings pages, with no links to them', async () => {
    const editor = await staffVisitor(language, 'content-editor');
    // A malformed address is no follow-up, as another office's is not.
    const clerk = await staffVisitor(language, 'intake');
    const nowhere = await clerk.get(language.path('/staff/follow-ups/not-a-follow-up'));
    expect(nowhere.status).toBe(404);
    expect(nowhere.text()).toContain(s.errors.ratings.notFound);
    for (const path of ['/staff/follow-ups', '/staff/ratings']) {
      const page = await editor.get(language.path(path));
      expect(page.status, path).toBe(403);
      expect(page.text(), path).toContain(s.errors.workbench.notPermitted);
      expect(page.texts('nav a')).not.toContain(s.staff.home.followUps);
      expect(page.texts('nav a')).not.toContain(s.staff.home.ratings);
    }
  });
});
