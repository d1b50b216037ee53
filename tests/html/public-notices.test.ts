/**
 * The 公示 and 公布 pages and the objection form, without JavaScript, in both languages
 * (docs/decisions/045), on a case of the test-only service put under notice through the API: the
 * board is reached from the list of communities and the community's page; it shows the masked entry
 * and nothing else of the household, says noindex in its header and its meta, and is not cached;
 * the form refuses an empty comment GOV.UK style and thanks for a good one, which the investigator
 * then reads on the case page and the applicant never does; once the notice's last day has passed
 * (moved in the server's database, the server's clock being real) the entry is gone and a late
 * comment is refused kindly. The demo data's relief cases are on their community's boards.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { addDays, chinaToday } from '../support/portal-api.ts';
import { LANGUAGES, type Language } from '../support/site.ts';
import { ensureStaff, staffSession } from '../support/staff-accounts.ts';
import { en, zhCN } from '../support/test-service/messages.ts';
import { draftWithProofAt } from '../support/test-service/proof.ts';
import { TEST_NOTICE_PLACE, TEST_SERVICE } from '../support/test-service/service.ts';
import { baseUrl, lookUp, visitor, workerPortal } from './support/portal.ts';

const PHONE = '13812340031';
const MEMBER = '王小红';
const scope = { offices: ['demo-county'], serviceAreas: ['allowances'] };
const STAFF = {
  intake: { username: 'county-notice-intake', password: 'a county intake clerk’s long password', roles: ['intake' as const], ...scope },
  investigator: { username: 'county-notice-investigator', password: 'a county investigator’s long password', roles: ['investigator' as const], ...scope },
};

async function staffStep(member: { username: string; password: string }, trackingNumber: string, transition: string, input: Record<string, unknown> = {}): Promise<void> {
  const cookie = await staffSession(baseUrl(), member);
  const headers = { cookie, 'content-type': 'application/json', origin: baseUrl() };
  const opened = (await (await fetch(`${baseUrl()}/api/v1/staff/cases/${trackingNumber}`, { headers })).json()) as { version: number };
  const response = await fetch(`${baseUrl()}/api/v1/staff/cases/${trackingNumber}/transitions`, { method: 'POST', headers, body: JSON.stringify({ transition, version: opened.version, input }) });
  if (response.status !== 200) throw new Error(`${transition} answered ${response.status}: ${await response.text()}`);
}

/** A case of the test service under notice in its village, applied for by `name`; its notice entry's id. */
async function underNotice(name: string): Promise<{ trackingNumber: string; entry: string }> {
  await ensureStaff(workerPortal(), STAFF.intake);
  await ensureStaff(workerPortal(), STAFF.investigator);
  const draft = await draftWithProofAt(baseUrl());
  const response = await fetch(`${baseUrl()}/api/v1/services/${TEST_SERVICE}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'draft-reference': draft },
    body: JSON.stringify({ person: { name, idNumber: ELDER_ID, phone: PHONE }, household: [{ name: MEMBER, relationship: 'child' }], declaration: true }),
  });
  if (response.status !== 201) throw new Error(`applying answered ${response.status}: ${await response.text()}`);
  const { trackingNumber } = (await response.json()) as { trackingNumber: string };
  await staffStep(STAFF.intake, trackingNumber, 'accept');
  await staffStep(STAFF.investigator, trackingNumber, 'start-notice', { amountFen: '1234' });
  return { trackingNumber, entry: inServerDatabase((database) => (database.prepare('select e.id from public_entries e join cases c on c.id = e.case_id where c.tracking_number = ?').get(trackingNumber.replaceAll('-', '')) as { id: string }).id) };
}

function inServerDatabase<T>(work: (database: DatabaseSync) => T): T {
  const database = new DatabaseSync(join(workerPortal().dataDir, 'portal.sqlite'), { timeout: 5000 });
  try {
    return work(database);
  } finally {
    database.close();
  }
}

const boardPath = (language: Language, list = 'notice') => language.path(`/notices/relief/${TEST_NOTICE_PLACE}/${list}`);

describe.each(LANGUAGES)('public notices in $name', (language) => {
  const s = language.strings;
  const words = (language.code === 'en' ? en : zhCN).case;
  const community = s.relief.community[TEST_NOTICE_PLACE];

  it('reaches the village’s notice from the list of communities and shows the masked entry and nothing else, marked noindex and not cached', async () => {
    const name = `欧阳${language.code === 'en' ? '英' : '中'}明`;
    const { entry } = await underNotice(name);
    const reader = visitor(language);
    const index = await reader.get(language.path('/notices/relief'));
    expect(index.status).toBe(200);
    expect(index.h1).toBe(s.notices.index.title);
    const villagePage = await index.follow(community);
    expect(villagePage.path).toBe(language.path(`/notices/relief/${TEST_NOTICE_PLACE}`));
    expect(villagePage.h1).toBe(language.t(s.notices.community.title, { community }));
    const page = await villagePage.follow(s.notices.community.notice);
    expect(page.path).toBe(boardPath(language));
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.all('meta[name="robots"]').map((meta) => meta.getAttribute('content'))).toEqual(['noindex']);

    const link = page.all('a').find((a) => a.getAttribute('href')?.endsWith(`/object/${entry}`));
    if (!link) throw new Error('no comment link for the entry');
    const row = link.closest('tr');
    if (!row) throw new Error('the entry is not a row');
    expect(page.texts('th, td', row).slice(0, 3)).toEqual(['欧阳*', language.t(language.code === 'en' ? s.notices.list.persons_other : s.notices.list.persons_other, { count: 2 }), words.name]);
    // Nothing else of the household: not the whole name, the ID number, the phone or the other member.
    expect(page.html).not.toContain(name);
    expect(page.html).not.toContain(ELDER_ID);
    expect(page.html).not.toContain(PHONE);
    expect(page.html).not.toContain(MEMBER);
    expect(page.text()).toContain(s.notices.howToObject.title);
  });

  it('refuses an empty comment by its field, keeps what was typed, thanks for a good one, and shows it to the investigator, not the applicant', async () => {
    const { trackingNumber, entry } = await underNotice('王大明');
    const reader = visitor(language);
    const form = await reader.get(language.path(`/notices/relief/${TEST_NOTICE_PLACE}/object/${entry}`));
    expect(form.status).toBe(200);
    expect(form.headers.get('x-robots-tag')).toContain('noindex');
    expect(form.text('[data-testid="objection-entry"]')).toContain('王*');

    const refused = await form.form(s.notices.object.submit).fill(s.fields.name, '李四').submit();
    expect(refused.status).toBe(422);
    expect(refused.title.startsWith(s.errors.title)).toBe(true);
    expect(refused.errorSummary).toEqual([{ text: s.errors.objection.textMissing, href: '#text' }]);
    expect(refused.errorFor('text')).toContain(s.errors.objection.textMissing);
    expect(refused.valueOf(s.fields.name)).toBe('李四');

    const thanks = await refused.form(s.notices.object.submit).fill(s.fields.text, '他家新买了一辆车').fill(s.fields.contact, '13900004321').submit();
    expect(thanks.path).toBe(language.path(`/notices/relief/${TEST_NOTICE_PLACE}/thanks`));
    expect(thanks.h1).toBe(s.notices.thanks.title);

    const member = visitor(language);
    member.setCookie('staff_session', (await staffSession(baseUrl(), STAFF.investigator)).replace('staff_session=', ''));
    const casePage = await member.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(casePage.status).toBe(200);
    expect(casePage.text()).toContain(words.event['record-objection']);
    expect(casePage.text()).toContain('他家新买了一辆车');
    expect(casePage.text()).toContain('李四');
    expect(casePage.text()).toContain('13900004321');

    const status = await lookUp(visitor(language), language, trackingNumber, PHONE);
    expect(status.status).toBe(200);
    expect(status.text()).not.toContain('他家新买了一辆车');
    expect(status.text()).not.toContain('李四');
    expect(status.text()).not.toContain(words.event['record-objection']);
  });

  it('takes the entry down after its last day, and refuses a late comment kindly, with that day', async () => {
    const { entry } = await underNotice('赵大明');
    const reader = visitor(language);
    const form = await reader.get(language.path(`/notices/relief/${TEST_NOTICE_PLACE}/object/${entry}`));
    const yesterday = addDays(chinaToday(), -1);
    inServerDatabase((database) => database.prepare('update public_entries set from_day = ?, to_day = ? where id = ?').run(addDays(yesterday, -7), yesterday, entry));

    const board = await reader.get(boardPath(language));
    expect(board.all('a').some((a) => a.getAttribute('href')?.endsWith(`/object/${entry}`))).toBe(false);
    const late = await form.form(s.notices.object.submit).fill(s.fields.text, '情况不实').submit();
    expect(late.status).toBe(409);
    expect(late.h1).toBe(s.notices.ended.title);
    expect(late.text('[data-testid="notice-gone"]')).toBe(language.t(s.errors.objection.ended, { day: language.date(yesterday) }));
    const gone = await reader.get(language.path(`/notices/relief/${TEST_NOTICE_PLACE}/object/${entry}`));
    expect(gone.status).toBe(404);
    expect(gone.h1).toBe(s.notices.ended.title);
  });

  it('shows the demo data’s relief cases, masked, on their community’s boards outside production (api/cases/demo-cases.ts)', async () => {
    const reader = visitor(language);
    const notice = await reader.get(language.path('/notices/relief/xinhua-community/notice'));
    expect(notice.status).toBe(200);
    expect(notice.texts('td, th')).toContain('张*');
    const announcement = await reader.get(language.path('/notices/relief/xinhua-community/announcement'));
    expect(announcement.texts('td, th')).toContain('李*');
    for (const page of [notice, announcement]) expect(page.html).not.toMatch(/张三|李四|13800000/);
  });

  it('lists an announcement on the 公布 board and says so when a board is empty; an unknown place or list is not found', async () => {
    const reader = visitor(language);
    const empty = await reader.get(language.path('/notices/relief/jinqiao-community/announcement'));
    expect(empty.status).toBe(200);
    expect(empty.text('[data-testid="no-entries"]')).toBe(language.t(s.notices.list.announcement.empty, { community: s.relief.community['jinqiao-community'] }));
    expect((await reader.get(language.path('/notices/relief/no-such-village/notice'))).status).toBe(404);
    expect((await reader.get(language.path(`/notices/relief/${TEST_NOTICE_PLACE}/everything`))).status).toBe(404);
    expect((await reader.get(language.path('/notices/relief/no-such-village'))).status).toBe(404);
  });
});
