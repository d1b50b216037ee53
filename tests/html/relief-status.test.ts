/**
 * A relief case as its applicant and its staff see it, without JavaScript (issue 14): the status page
 * says in plain words what was done, by whom (the step's name) and when, what comes next and by when;
 * a refusal shows its reason and how to object; nothing the office keeps for itself (the home visit's
 * findings, the objections) reaches it. The workbench shows the household, incomes and the standard
 * as tables, and a photo of a document where it is listed. Both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffCookie, takeStep } from '../support/portal-api.ts';
import { RELIEF_SERVICES, reliefApplication, reliefPeople } from '../support/relief-applications.ts';
import { LANGUAGES } from '../support/site.ts';
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
    for (const kept of ['邻居反映', '十二万元', '不符合条件。']) expect(status.text()).not.toContain(kept);
  });
});
