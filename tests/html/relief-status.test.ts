/**
 * A relief case as its applicant and its staff see it, without JavaScript (issue 14): the status page
 * says in plain words what was done, by whom (the step's name) and when, what comes next and by when;
 * a refusal shows its reason and how to object; an approval what it granted, from when, and how to
 * object to it in the same words and periods (docs/decisions/050); nothing the office keeps for itself
 * (the home visit's findings, the objections) reaches it. The workbench shows the household, incomes
 * and the standard as tables, and a photo of a document where it is listed; its queue names each
 * service's states in that service's words. Both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ReliefApplicationKind } from '../../api/services/social-relief/application/schema.ts';
import { addDays, chinaToday, staffCookie, takeStep } from '../support/portal-api.ts';
import { RELIEF_SERVICES, reliefApplication, reliefPeople } from '../support/relief-applications.ts';
import { escapeRegExp, LANGUAGES } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { baseUrl, lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';

const SCAN = readFileSync(new URL('../fixtures/files/scan.png', import.meta.url));
const PDF = readFileSync(new URL('../fixtures/files/income-proof.pdf', import.meta.url));

/** A 低保 application with a photo of a pay slip and a PDF of a bank statement, through the API as the pages send it; its tracking number. */
async function applied(n: number): Promise<string> {
  const origin = baseUrl();
  const created = await fetch(`${origin}/api/v1/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: RELIEF_SERVICES.dibao }) });
  const { reference, draft } = (await created.json()) as { reference: string; draft: { key: string } };
  for (const [bytes, name] of [[SCAN, 'pay-slip.png'], [PDF, 'bank-statement.pdf']] as const) {
    const form = new FormData();
    form.set('service', RELIEF_SERVICES.dibao);
    form.set('purpose', 'incomeProof');
    form.set('file', new Blob([new Uint8Array(bytes)]), name);
    const uploaded = await fetch(`${origin}/api/v1/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin, 'draft-reference': reference } });
    if (uploaded.status !== 201) throw new Error(`the upload answered ${uploaded.status}`);
  }
  const response = await fetch(`${origin}/api/v1/services/${RELIEF_SERVICES.dibao}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'draft-reference': reference },
    body: JSON.stringify(reliefApplication('dibao', n)),
  });
  if (response.status !== 201) throw new Error(`the application answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { trackingNumber: string }).trackingNumber;
}

/** A relief application of made-up person `n` through the API (no files); its tracking number. */
async function appliedFor(kind: ReliefApplicationKind, n: number): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/v1/services/${RELIEF_SERVICES[kind]}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reliefApplication(kind, n)) });
  if (response.status !== 201) throw new Error(`the application answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { trackingNumber: string }).trackingNumber;
}

/**
 * A 低保 or 特困 case of person `n` taken by staff through the investigation and its 公示 to the
 * township's approval (the demo district delegates the decision) of `amount` yuan a month from
 * January 2027. The notice's 7 days are moved into the past in the server's database, whose clock is real.
 */
async function approvedCase(kind: 'dibao' | 'tekun', n: number, amount: string): Promise<string> {
  const trackingNumber = await appliedFor(kind, n);
  const portal = workerPortal();
  const step = async (role: 'intake' | 'investigator' | 'reviewer' | 'approver', transition: string, input: Record<string, string> = {}) => takeStep(baseUrl(), await staffCookie(portal, role), trackingNumber, transition, input);
  await step('intake', 'accept');
  await step('investigator', 'start-investigation');
  await step('investigator', 'record-home-visit', { firstInvestigator: '李明', secondInvestigator: '赵丽', findings: '家中两人，情况与申报一致。' });
  await step('investigator', 'record-household-check', { result: 'within-limits', summary: '未发现超过规定的财产。' });
  if (kind === 'tekun') await step('investigator', 'assess-self-care', { eating: 'able', dressing: 'able', bed: 'unable', toilet: 'able', indoors: 'unable', bathing: 'unable' });
  await step('reviewer', 'give-opinion', { opinion: '符合条件，建议按标准给予救助。', amountFen: amount });
  await step('reviewer', 'start-notice', { amountFen: amount });
  const yesterday = addDays(chinaToday(), -1);
  const database = new DatabaseSync(join(portal.dataDir, 'portal.sqlite'), { timeout: 5000 });
  try {
    const caseId = (database.prepare('select id from cases where tracking_number = ?').get(trackingNumber.replaceAll('-', '')) as { id: string }).id;
    database.prepare("update public_entries set from_day = ?, to_day = ? where case_id = ? and list = 'notice'").run(addDays(yesterday, -7), yesterday, caseId);
    database.prepare('update cases set periods_json = ?, periods_end_on = ? where id = ?').run(JSON.stringify([{ key: 'notice', from: addDays(yesterday, -6), to: yesterday }]), yesterday, caseId);
  } finally {
    database.close();
  }
  await step('reviewer', 'refer-to-township');
  await step('approver', 'approve', { amountFen: amount, firstMonth: '2027-01', reason: '经调查、核对和公示，符合条件。', ...(kind === 'tekun' ? { careArrangement: 'dispersed' } : {}) });
  return trackingNumber;
}

/** The status page's notice on how to object: its heading and paragraphs. */
function objectionOf(page: HtmlPage): string[] {
  const notice = page.one('section[aria-labelledby="objection-heading"]');
  return [page.one('h2', notice).textContent ?? '', ...page.texts('p', notice)];
}

describe.each(LANGUAGES)('a 低保 case in $name', (language) => {
  const s = language.strings;
  const words = s.dibao.case;

  it('tells the applicant what was done and what comes next by when, and the workbench shows the household against the standard', async () => {
    const n = people();
    const trackingNumber = await applied(n);
    const portal = workerPortal();
    await takeStep(baseUrl(), await staffCookie(portal, 'intake'), trackingNumber, 'accept');

    const status = await lookUp(visitor(language), language, trackingNumber, reliefPeople(n).applicant.idNumber);
    expect(status.hasExactText(words.state.accepted)).toBe(true);
    // Where it is handled: the street office of the community the household lives in.
    expect(status.hasExactText(s.track.handledBy)).toBe(true);
    expect(status.hasExactText(s.relief.township['dongcheng-street'])).toBe(true);
    expect(status.hasExactText(words.event.accept)).toBe(true);
    expect(status.text()).toContain(words.next.accepted);
    // The investigation starts within 3 working days of acceptance: its day is said.
    expect(status.text()).toMatch(new RegExp(language.t(s.track.dueBy, { date: '.+' })));

    const investigator = await staffVisitor(language, 'investigator');
    const casePage = await investigator.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(casePage.has('[data-testid="aid-standard"]')).toBe(true);
    expect(casePage.texts('[data-testid="aid-household"] tbody th')).toEqual(['王秀兰', '王小宝']);
    expect(casePage.text('[data-testid="aid-incomes"]')).toContain(s.caseAid.incomes.yes);
    // The photo of the pay slip is shown where the files are listed, named for a screen reader.
    const image = casePage.one('[data-testid="case-files"] img.case-file-image');
    expect(image.getAttribute('alt')).toBe(language.t(s.workbench.files.image, { name: 'pay-slip.png' }));
    const file = await investigator.request(image.getAttribute('src') ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    // The PDF opens in the browser's own viewer, in a new tab, still sandboxed: a unique origin that runs nothing of the portal's (docs/decisions/051).
    const view = casePage.one('[data-testid="case-file-view"]');
    expect(view.textContent).toBe(language.t(s.workbench.files.view, { name: 'bank-statement.pdf' }));
    expect(view.getAttribute('target')).toBe('_blank');
    const pdf = await investigator.request(view.getAttribute('href') ?? '');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="bank-statement.pdf"/);
    expect(pdf.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    // Its name still downloads it.
    expect((await investigator.request(casePage.hrefOf('bank-statement.pdf'))).headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('shows a refusal with its reason and how to object, and none of the office’s own records', async () => {
    const n = people();
    const trackingNumber = await applied(n);
    const portal = workerPortal();
    await takeStep(baseUrl(), await staffCookie(portal, 'intake'), trackingNumber, 'accept');
    const investigator = await staffCookie(portal, 'investigator');
    await takeStep(baseUrl(), investigator, trackingNumber, 'start-investigation');
    await takeStep(baseUrl(), investigator, trackingNumber, 'record-home-visit', { firstInvestigator: '李明', secondInvestigator: '赵丽', findings: '家中有一辆新购的小汽车，邻居反映常有经营收入。' });
    await takeStep(baseUrl(), investigator, trackingNumber, 'record-household-check', { result: 'over-limits', summary: '名下车辆一辆，价值约十二万元。' });
    await takeStep(baseUrl(), await staffCookie(portal, 'reviewer'), trackingNumber, 'give-opinion', { opinion: '拥有非生活必需的机动车，不符合条件。', amountFen: '1' });
    await takeStep(baseUrl(), await staffCookie(portal, 'approver'), trackingNumber, 'refuse', { reason: '家庭拥有非生活必需的机动车，不符合本地最低生活保障的财产条件。' });

    const status = await lookUp(visitor(language), language, trackingNumber, reliefPeople(n).applicant.idNumber);
    expect(status.hasExactText(words.state.refused)).toBe(true);
    expect(status.text()).toContain('家庭拥有非生活必需的机动车，不符合本地最低生活保障的财产条件。');
    expect(status.text()).toContain(words.next.refused);
    // How to object: review within 60 days or a lawsuit within 6 months, and who helps (the words an approval uses too).
    const object = s.application.form.object;
    expect(objectionOf(status)).toEqual([object.title, object.review, object.help]);
    expect(status.has('[data-testid^="decision-"]')).toBe(false);
    for (const kept of ['邻居反映', '十二万元', '不符合条件。']) expect(status.text()).not.toContain(kept);
  });

  it('shows an approval’s amount a month and the month it is paid from, and how to object to them as to a refusal', async () => {
    const n = people();
    const trackingNumber = await approvedCase('dibao', n, '1700');
    const status = await lookUp(visitor(language), language, trackingNumber, reliefPeople(n).applicant.idNumber);
    expect(status.hasExactText(words.state.approved)).toBe(true);
    expect(status.text()).toContain(words.next.approved);
    const money = language.code === 'en' ? '¥1,700' : '1,700 元';
    const month = language.code === 'en' ? 'January 2027' : '2027年1月';
    expect(status.hasExactText(s.decision.heading)).toBe(true);
    expect([status.text('[data-testid="decision-amountFen"] dt'), status.text('[data-testid="decision-amountFen"] dd')]).toEqual([s.decision.monthlyAmount, money]);
    expect([status.text('[data-testid="decision-firstMonth"] dt'), status.text('[data-testid="decision-firstMonth"] dd')]).toEqual([s.decision.firstMonth, month]);
    const object = s.application.form.object;
    expect(objectionOf(status)).toEqual([object.title, s.decision.objectApproved, object.review, object.help]);
    // The timeline writes the amounts (kept in fen) as money: the opinion's, the notice's and the approval's.
    expect(status.text('ol.steps')).not.toContain('170000');
    expect(status.texts('ol.steps .event-detail').filter((detail) => detail.endsWith(money))).toHaveLength(3);
    // So does the workbench's timeline, for the staff who read the case after.
    const casePage = await (await staffVisitor(language, 'approver')).get(language.path(`/staff/cases/${trackingNumber}`));
    expect(casePage.text('ol.steps')).not.toContain('170000');
    expect(casePage.texts('ol.steps .event-detail').filter((detail) => detail.endsWith(money))).toHaveLength(3);
    expect(casePage.texts('ol.steps .event-detail').some((detail) => detail.endsWith(month))).toBe(true);
  });
});

describe.each(LANGUAGES)('the workbench queue in $name', (language) => {
  const s = language.strings;

  it('names each service’s states in its own words, grouped by service, and filters by one service’s state without JavaScript', async () => {
    const tekun = await approvedCase('tekun', people(), '1500');
    await appliedFor('dibao', people());
    const approver = await staffVisitor(language, 'approver');
    const home = await approver.get(language.path('/staff'));
    const filter = home.one('select#state');
    const option = (service: string, state: string) => home.one(`option[value="${service}:${state}"]`, filter);
    const groupOf = (element: Element) => element.closest('optgroup')?.getAttribute('label');
    // Three relief services share "approved": 特困's reads as its own word, under its own name.
    const recognised = option(RELIEF_SERVICES.tekun, 'approved');
    expect(groupOf(recognised)).toBe(s.tekun.case.name);
    expect(recognised.textContent).toMatch(new RegExp(`^${escapeRegExp(s.tekun.case.state.approved)} \\(\\d+\\)$`));
    // A 低保 application waiting is relief's "submitted", not 高龄津贴's.
    const waiting = option(RELIEF_SERVICES.dibao, 'submitted');
    expect(groupOf(waiting)).toBe(s.dibao.case.name);
    expect(waiting.textContent).toMatch(new RegExp(`^${escapeRegExp(s.dibao.case.state.submitted)} \\(\\d+\\)$`));
    expect(s.dibao.case.state.submitted).not.toBe(s.case.state.submitted);

    const filtered = await home.form(s.staff.queue.apply).fill(s.staff.queue.filterState, `${RELIEF_SERVICES.tekun}:approved`).submit();
    expect(filtered.url.searchParams.get('state')).toBe(`${RELIEF_SERVICES.tekun}:approved`);
    expect(filtered.one('select#state option[selected]').getAttribute('value')).toBe(`${RELIEF_SERVICES.tekun}:approved`);
    const rows = filtered.all('section[aria-labelledby="queue-heading"] tbody tr');
    expect(rows.map((row) => filtered.texts('td', row).slice(0, 2))).toEqual(rows.map(() => [s.tekun.case.name, s.tekun.case.state.approved]));
    expect(filtered.texts('section[aria-labelledby="queue-heading"] th[scope="row"]')).toContain(tekun);
  });
});
