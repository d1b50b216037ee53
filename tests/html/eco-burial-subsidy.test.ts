/**
 * The eco-burial subsidy through the generic pages, without JavaScript (docs/decisions/061): in
 * Chinese, from the start page through every step — bad answers back next to their fields with what
 * was typed kept, a kind the district does not fund refused kindly at the burial step, a file of the
 * wrong type refused, an account in another name refused — to the check page showing what the rules
 * give, and a tracking number; a second application for the same deceased refused on the check page
 * next to the deceased's ID number. In English, the check page from a draft made for it, and the
 * confirmation with how to object. The staff case page shows the deceased's ID number masked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ecoBurialAnswers } from '../support/applications.ts';
import { createDraft, JOURNEYS } from '../support/drafts.ts';
import { english, zh } from '../support/site.ts';
import { lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';

const BASE = '/apply/eco-burial-subsidy';
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url)));
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
/** A label as the pages write it at the start of a line (site/lib/forms.ts asLabel). */
const asLabel = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A draft holding these answers and a cremation certificate, as the upload page leaves it: its cookie. */
async function draftWithCertificate(answers: Record<string, string>): Promise<{ name: string; value: string }> {
  const portal = workerPortal();
  const { reference, key } = await createDraft(portal, 'eco-burial-subsidy', answers);
  const form = new FormData();
  form.set('service', 'eco-burial-subsidy');
  form.set('purpose', 'cremationCertificate');
  form.set('file', new Blob([fixture('scan.png')]), 'cremation.png');
  const uploaded = await fetch(`${portal.url}/api/v1/drafts/${key}/files`, { method: 'POST', body: form, headers: { origin: portal.url, 'draft-reference': reference } });
  if (uploaded.status !== 201) throw new Error(`uploading answered ${uploaded.status}: ${await uploaded.text()}`);
  return { name: JOURNEYS['eco-burial-subsidy'].cookie, value: reference };
}

describe('the eco-burial subsidy in Chinese, without JavaScript', () => {
  const language = zh;
  const s = language.strings;
  const w = s.ecoBurial;

  it('goes from the start page to a tracking number, each bad answer next to its field and nothing typed lost', async () => {
    const reader = visitor(language);
    const answers = ecoBurialAnswers(people());
    const start = await reader.get(language.path(BASE));
    expect(start.h1).toBe(w.start.title);
    expect(start.text()).toContain(w.start.need.cremation);
    let page = await start.follow(w.start.button);
    expect(page.path).toBe(language.path(`${BASE}/deceased`));

    // Who died: a mistyped ID number and a day in the future, each next to its field, the rest kept.
    const deceased = { 'deceased.name': answers['deceased.name'] ?? '', 'deceased.idNumber': '12345', 'deceased.diedOn': '2099-01-01', 'deceased.deathCertificateNumber': answers['deceased.deathCertificateNumber'] ?? '' };
    page = await reader.post(language.path(`${BASE}/deceased`), deceased);
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#deceased-idNumber', '#deceased-diedOn']);
    expect(page.errorFor('deceased-diedOn')).toContain(s.errors.ecoBurial.diedOnFuture);
    expect(page.valueOf(asLabel(s.fields.deceased.name))).toBe(deceased['deceased.name']);
    expect(page.valueOf(asLabel(s.fields.deceased.diedOn))).toBe('2099-01-01');
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.idNumber': answers['deceased.idNumber'] ?? '', 'deceased.diedOn': '2026年10月20日' });
    expect(page.path).toBe(language.path(`${BASE}/burial`));

    // The burial: a sea burial in the inland county, which funds none, refused kindly next to the kind; every answer kept.
    const burial = { 'burial.district': 'demo-county', 'burial.kind': 'sea', 'burial.buriedOn': '2026-11-05', 'burial.place': '示例县滨河生态安葬点' };
    page = await reader.post(language.path(`${BASE}/burial`), burial);
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#burial-kind']);
    expect(page.errorFor('burial-kind')).toContain(s.errors.ecoBurial.kindNotFunded);
    expect(page.isChecked(w.district['demo-county'])).toBe(true);
    expect(page.isChecked(w.kind.sea)).toBe(true);
    expect(page.valueOf(asLabel(s.fields.burial.place))).toBe('示例县滨河生态安葬点');
    // Buried before the death: refused too.
    page = await reader.post(language.path(`${BASE}/burial`), { ...burial, 'burial.district': 'demo-district', 'burial.buriedOn': '2026-10-01' });
    expect(page.errorFor('burial-buriedOn')).toContain(s.errors.ecoBurial.buriedBeforeDeath);
    page = await reader.post(language.path(`${BASE}/burial`), { ...burial, 'burial.district': 'demo-district', 'burial.place': answers['burial.place'] ?? '' });
    expect(page.path).toBe(language.path(`${BASE}/claimant`));

    page = await reader.post(language.path(`${BASE}/claimant`), { 'claimant.name': answers['claimant.name'] ?? '', 'claimant.idNumber': answers['claimant.idNumber'] ?? '', 'claimant.phone': answers['claimant.phone'] ?? '', 'claimant.relationship': 'child' });
    expect(page.path).toBe(language.path(`${BASE}/cremation-certificate`));

    // The cremation certificate: a script named .jpg refused next to the field; a photo taken.
    const label = s.fields.files.cremationCertificate;
    page = await page.form(s.application.upload.button).attach(asLabel(label), { name: '火化证明.jpg', type: 'image/jpeg', bytes: fixture('script-named.jpg') }).submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('files-cremationCertificate')).toContain(language.t(s.errors.files['wrong-type'], { field: label, kinds: 'PDF/JPG/PNG/HEIC' }));
    page = await page.press(s.application.continue);
    expect(page.status).toBe(422);
    page = await page.form(s.application.upload.button).attach(asLabel(label), { name: '火化证明.png', type: 'image/png', bytes: fixture('scan.png') }).submit();
    expect(page.texts('[data-testid="uploaded-files"] dt')).toEqual(['火化证明.png']);
    page = await page.press(s.application.continue);
    // Proof of the relationship: why it is rarely needed, and no file needed to go on.
    expect(page.path).toBe(language.path(`${BASE}/relationship-proof`));
    expect(page.text()).toContain(w.relationshipProofText);
    page = await page.press(s.application.continue);
    expect(page.path).toBe(language.path(`${BASE}/account`));

    // The account must be the applicant's own.
    const account = { 'account.bankName': answers['account.bankName'] ?? '', 'account.holder': answers['deceased.name'] ?? '', 'account.number': answers['account.number'] ?? '' };
    page = await reader.post(language.path(`${BASE}/account`), account);
    expect(page.status).toBe(422);
    expect(page.errorFor('account-holder')).toContain(s.errors.ecoBurial.holderNotClaimant);
    expect(page.valueOf(asLabel(s.fields.account.number))).toBe(account['account.number']);
    page = await reader.post(language.path(`${BASE}/account`), { ...account, 'account.holder': answers['claimant.name'] ?? '' });
    expect(page.path).toBe(language.path(`${BASE}/pledge`));
    expect(page.text()).toContain(w.pledgeText);
    page = await reader.post(language.path(`${BASE}/pledge`), {});
    expect(page.errorFor('pledge')).toContain(s.errors.ecoBurial.pledge);
    const check = await reader.post(language.path(`${BASE}/pledge`), { pledge: 'yes' });

    // Check: the kind with what the rules give for it, before sending; the deceased's ID number masked nowhere here (it is the applicant's own page).
    expect(check.path).toBe(language.path(`${BASE}/check`));
    expect(check.text('.check-answers')).toContain(language.t(w.kindWithAmount, { kind: w.kind.sea, amount: '4,600 元' }));
    expect(check.text('.check-answers')).toContain('火化证明.png');
    const confirmation = await check.press(s.application.submit);
    expect(confirmation.path).toBe(language.path(`${BASE}/confirmation`));
    const trackingNumber = confirmation.text('[data-testid="tracking-number"]');
    expect(trackingNumber).toMatch(TRACKING_NUMBER);
    expect(confirmation.text()).toContain(s.ecoBurialCase.objection.title);

    // The district's clerk sees the case with the deceased's ID number masked.
    const clerk = await staffVisitor(language, 'intake');
    const casePage = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(casePage.status).toBe(200);
    const id = answers['deceased.idNumber'] ?? '';
    expect(casePage.text()).toContain(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(casePage.text()).not.toContain(id);

    // Someone else applying for the same deceased is refused at the check page, next to the deceased's ID number.
    const other = visitor(language);
    const cookie = await draftWithCertificate(ecoBurialAnswers(people(), { 'deceased.idNumber': id }));
    other.setCookie(cookie.name, cookie.value);
    const again = await (await other.get(language.path(`${BASE}/check`))).press(s.application.submit);
    expect(again.status).toBe(422);
    expect(again.path).toBe(language.path(`${BASE}/check`));
    expect(again.errorFor('deceased-idNumber')).toContain(s.errors.ecoBurial.alreadyApplied);
    expect(again.errorSummary.map((problem) => problem.href)).toEqual(['#deceased-idNumber']);
  });
});

describe('the eco-burial subsidy in English', () => {
  const language = english;
  const s = language.strings;
  const w = s.ecoBurial;

  it('checks the answers with what the rules give, and sends them', async () => {
    const reader = visitor(language);
    const answers = ecoBurialAnswers(people(), { 'burial.kind': 'columbarium' });
    const phone = answers['claimant.phone'] ?? '';
    const { name, value } = await draftWithCertificate(answers);
    reader.setCookie(name, value);
    const check = await reader.get(language.path(`${BASE}/check`));
    expect(check.status).toBe(200);
    expect(check.lang).toBe('en');
    expect(check.h1).toBe(w.step.check.title);
    const shown = check.text('.check-answers');
    expect(shown).toContain(language.t(w.kindWithAmount, { kind: w.kind.columbarium, amount: '¥1,000' }));
    expect(shown).toContain(w.relationship.child);
    expect(shown).toContain('cremation.png');
    expect(check.hrefOf(new RegExp(`${s.application.change}.*${s.fields.burial.kind}`, 'i'))).toBe(language.path(`${BASE}/burial?change=1`));
    const confirmation = await check.press(s.application.submit);
    const trackingNumber = confirmation.text('[data-testid="tracking-number"]');
    expect(trackingNumber).toMatch(TRACKING_NUMBER);
    expect(confirmation.text()).toContain(w.confirmation.afterAccept);
    expect(confirmation.text()).toContain(s.ecoBurialCase.objection.review);
    // Its status page: the service and state in its own words, and what comes next.
    const status = await lookUp(visitor(language), language, trackingNumber, phone);
    expect(status.text()).toContain(s.ecoBurialCase.name);
    expect(status.text()).toContain(s.ecoBurialCase.state.submitted);
    expect(status.text()).toContain(s.ecoBurialCase.next.submitted);
  });
});
