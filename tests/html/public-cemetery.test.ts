/**
 * The public cemetery plot's pages without JavaScript (docs/decisions/064). In Chinese, from the
 * start page through every step: a kind the cemetery does not have, a bad ID number and a date of
 * death in the future, a deceased the residence rule does not cover, no certificate chosen and a
 * certificate number of the wrong shape — each refused next to its field with what was typed kept —
 * to the check page with the kind's fee and a tracking number. In English, the same kind of bad
 * input in English words, and the check page from a draft sent. The public pages: the list with
 * each cemetery's phone first as a tel: link, a cemetery's kinds of place with fee and places
 * left, and the site's 404 for one the portal does not have.
 */
import { describe, expect, it } from 'vitest';
import { funeralEn } from '../../api/services/funeral/messages/en.ts';
import { funeralZhCN } from '../../api/services/funeral/messages/zh-CN.ts';
import { CEMETERIES, CEMETERY_SOURCE_DETAILS } from '../../api/services/public-cemetery/cemeteries.ts';
import { publicCemeteryEn } from '../../api/services/public-cemetery/messages/en.ts';
import { publicCemeteryZhCN } from '../../api/services/public-cemetery/messages/zh-CN.ts';
import { cemeteryAnswers } from '../support/applications.ts';
import { createDraft } from '../support/drafts.ts';
import { english, LANGUAGES, zh, type Language } from '../support/site.ts';
import { people, visitor, workerPortal } from './support/portal.ts';

const BASE = '/apply/public-cemetery';
const COOKIE = 'draft_public_cemetery';
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
/** A label as the pages write it at the start of a line (site/lib/forms.ts asLabel). */
const asLabel = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** The service's own words (its namespace), in the page's language. */
const words = (language: Language) => (language.code === 'zh-CN' ? publicCemeteryZhCN : publicCemeteryEn);
const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

describe('the public cemetery plot in Chinese, without JavaScript', () => {
  const language = zh;
  const s = language.strings;
  const p = words(language);
  const w = p.cemetery;
  const e = p.errors.cemetery;

  it('goes from the start page to a tracking number, each bad answer next to its field and nothing typed lost', async () => {
    const reader = visitor(language);
    const answers = cemeteryAnswers(people());
    const start = await reader.get(language.path(BASE));
    expect(start.h1).toBe(w.start.title);
    expect(start.text()).toContain(w.start.need.certificate);
    let page = await start.follow(w.start.button);
    expect(page.path).toBe(language.path(`${BASE}/plot`));

    // A lawn plot at the county cemetery, which has none: refused kindly next to the kind, both choices kept.
    page = await reader.post(language.path(`${BASE}/plot`), { 'plot.cemetery': 'demo-county-cemetery', 'plot.type': 'lawn' });
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#plot-type']);
    expect(page.errorFor('plot-type')).toContain(e.typeNotOffered);
    expect(page.isChecked(w.name['demo-county-cemetery'])).toBe(true);
    expect(page.isChecked(w.type.lawn)).toBe(true);
    page = await reader.post(language.path(`${BASE}/plot`), { 'plot.cemetery': 'demo-district-cemetery', 'plot.type': 'niche' });
    expect(page.path).toBe(language.path(`${BASE}/deceased`));

    // Who died: a mistyped ID number and a day in the future, each next to its field, the name kept.
    const deceased = { 'deceased.name': answers['deceased.name'] ?? '', 'deceased.idNumber': '12345', 'deceased.diedOn': '2099-01-01' };
    page = await reader.post(language.path(`${BASE}/deceased`), deceased);
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((problem) => problem.href)).toEqual(['#deceased-idNumber', '#deceased-diedOn']);
    expect(page.errorFor('deceased-diedOn')).toContain(publicFuneral(language).diedOnFuture);
    expect(page.valueOf(asLabel(p.fields.deceased.name))).toBe(deceased['deceased.name']);
    expect(page.valueOf(asLabel(p.fields.deceased.diedOn))).toBe('2099-01-01');
    page = await reader.post(language.path(`${BASE}/deceased`), { ...deceased, 'deceased.idNumber': answers['deceased.idNumber'] ?? '', 'deceased.diedOn': '2026年11月20日' });
    expect(page.path).toBe(language.path(`${BASE}/residence`));

    // Registered elsewhere, and did not live here: this cemetery cannot take them, said next to the answer.
    page = await reader.post(language.path(`${BASE}/residence`), { 'residence.registeredHere': 'no' });
    expect(page.path).toBe(language.path(`${BASE}/residence-permit`));
    page = await reader.post(language.path(`${BASE}/residence-permit`), { 'residence.livedHere': 'no' });
    expect(page.status).toBe(422);
    expect(page.errorFor('residence-livedHere')).toContain(e.notResident);
    expect(page.isChecked(w.yesNo.no)).toBe(true);
    // Their household was registered here after all: the permit is no longer asked.
    page = await reader.post(language.path(`${BASE}/residence`), { 'residence.registeredHere': 'yes' });
    expect(page.path).toBe(language.path(`${BASE}/proof`));

    // No certificate chosen: a place is only given against one.
    page = await reader.post(language.path(`${BASE}/proof`), {});
    expect(page.status).toBe(422);
    expect(page.errorFor('proof-kind')).toContain(e.proofKind);
    page = await reader.post(language.path(`${BASE}/proof`), { 'proof.kind': 'death-certificate' });
    expect(page.path).toBe(language.path(`${BASE}/death-certificate`));
    page = await reader.post(language.path(`${BASE}/death-certificate`), { 'proof.deathCertificateNumber': '12-3' });
    expect(page.status).toBe(422);
    expect(page.errorFor('proof-deathCertificateNumber')).toContain('居民死亡医学证明');
    expect(page.valueOf(asLabel(p.fields.proof.deathCertificateNumber))).toBe('12-3');
    page = await reader.post(language.path(`${BASE}/death-certificate`), { 'proof.deathCertificateNumber': answers['proof.deathCertificateNumber'] ?? '' });
    expect(page.path).toBe(language.path(`${BASE}/applicant`));

    // The family member: not the deceased's ID number.
    const family = { 'family.name': answers['family.name'] ?? '', 'family.idNumber': answers['deceased.idNumber'] ?? '', 'family.phone': answers['family.phone'] ?? '', 'family.relationship': 'child' };
    page = await reader.post(language.path(`${BASE}/applicant`), family);
    expect(page.status).toBe(422);
    expect(page.errorFor('family-idNumber')).toContain(e.applicantIsDeceased);
    expect(page.valueOf(asLabel(p.fields.family.phone))).toBe(family['family.phone']);
    page = await reader.post(language.path(`${BASE}/applicant`), { ...family, 'family.idNumber': answers['family.idNumber'] ?? '' });
    expect(page.path).toBe(language.path(`${BASE}/pledge`));
    expect(page.text()).toContain(w.pledgeText);
    page = await reader.post(language.path(`${BASE}/pledge`), {});
    expect(page.errorFor('pledge')).toContain(e.pledge);
    const check = await reader.post(language.path(`${BASE}/pledge`), { pledge: 'yes' });

    // Check: the kind with its fee, before sending.
    expect(check.path).toBe(language.path(`${BASE}/check`));
    expect(check.text('.check-answers')).toContain(language.t(w.typeWithFee, { type: w.type.niche, fee: '0 元' }));
    const confirmation = await check.press(s.application.submit);
    expect(confirmation.path).toBe(language.path(`${BASE}/confirmation`));
    expect(confirmation.text('[data-testid="tracking-number"]')).toMatch(TRACKING_NUMBER);
    expect(confirmation.text()).toContain(w.confirmation.afterAccept);
  });
});

/** The deceased's words, which are the funeral namespace's (api/services/funeral/deceased.schema.ts). */
const publicFuneral = (language: Language) => (language.code === 'zh-CN' ? funeralZhCN : funeralEn).errors.deceased;

describe('the public cemetery plot in English', () => {
  const language = english;
  const s = language.strings;
  const p = words(language);
  const w = p.cemetery;

  it('refuses bad input in English next to its field, keeps the rest, and sends a draft’s answers from the check page', async () => {
    const reader = visitor(language);
    const answers = cemeteryAnswers(people(), { 'plot.type': 'lawn' });
    let page = await reader.post(language.path(`${BASE}/plot`), { 'plot.cemetery': 'demo-county-cemetery' });
    expect(page.status).toBe(422);
    expect(page.lang).toBe('en');
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('plot-type')).toContain(p.errors.cemetery.type);
    expect(page.isChecked(w.name['demo-county-cemetery'])).toBe(true);
    page = await reader.post(language.path(`${BASE}/plot`), { 'plot.cemetery': 'demo-county-cemetery', 'plot.type': 'single-grave' });
    expect(page.path).toBe(language.path(`${BASE}/deceased`));
    page = await reader.post(language.path(`${BASE}/deceased`), { 'deceased.name': answers['deceased.name'] ?? '', 'deceased.idNumber': answers['deceased.idNumber'] ?? '', 'deceased.diedOn': '2099-01-01' });
    expect(page.errorFor('deceased-diedOn')).toContain(publicFuneral(language).diedOnFuture);
    // The county cemetery takes registered residents only: said in English, next to the answer.
    page = await reader.post(language.path(`${BASE}/deceased`), { 'deceased.name': answers['deceased.name'] ?? '', 'deceased.idNumber': answers['deceased.idNumber'] ?? '', 'deceased.diedOn': '2026-11-20' });
    page = await reader.post(language.path(`${BASE}/residence`), { 'residence.registeredHere': 'no' });
    expect(page.status).toBe(422);
    expect(page.errorFor('residence-registeredHere')).toContain(p.errors.cemetery.registeredOnly);

    const other = visitor(language);
    const { reference } = await createDraft(workerPortal(), 'public-cemetery', answers);
    other.setCookie(COOKIE, reference);
    const check = await other.get(language.path(`${BASE}/check`));
    expect(check.status).toBe(200);
    expect(check.h1).toBe(w.step.check.title);
    expect(check.text('.check-answers')).toContain(language.t(w.typeWithFee, { type: w.type.lawn, fee: '¥800' }));
    expect(check.text('.check-answers')).toContain(w.proofKind['death-certificate']);
    const confirmation = await check.press(s.application.submit);
    expect(confirmation.text('[data-testid="tracking-number"]')).toMatch(TRACKING_NUMBER);
    expect(confirmation.text()).toContain(p.cemeteryCase.objection.review);
  });
});

describe.each(LANGUAGES)('the public cemeteries in $name', (language) => {
  const c = words(language).cemeteryPages;
  const details = (id: string) => CEMETERY_SOURCE_DETAILS.find((row) => row.cemetery === id)?.value;

  it('lists every cemetery with its phone first, as a link a phone dials, and who may apply', async () => {
    const page = await visitor(language).get(language.path('/cemeteries'));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(c.title);
    const sections = page.all('main section.cemetery');
    expect(sections.map((section) => section.getAttribute('data-cemetery'))).toEqual(CEMETERIES.map((each) => each.id));
    for (const section of sections) {
      const id = section.getAttribute('data-cemetery') ?? '';
      expect(section.querySelector('h2')?.nextElementSibling?.querySelector('a')?.getAttribute('href')).toBe(tel(details(id)?.phone ?? ''));
    }
    expect(page.text()).toContain(words(language).cemetery.residenceRule.registered);
    expect(page.text()).toContain(c.example);
  });

  it('shows a cemetery’s kinds of place with the fee and the places left, and the 404 for one it does not have', async () => {
    const page = await visitor(language).get(language.path('/cemeteries/demo-district-cemetery'));
    expect(page.status).toBe(200);
    expect(page.one('main a[href^="tel:"]').getAttribute('href')).toBe(tel(details('demo-district-cemetery')?.phone ?? ''));
    const rows = page.all('[data-testid="plot-types"] tbody tr');
    expect(rows.map((row) => row.getAttribute('data-type'))).toEqual(['niche', 'tree', 'lawn', 'single-grave', 'double-grave']);
    expect(page.text('[data-testid="plot-types"] tr[data-type="niche"]')).toContain(c.free);
    expect(Number(page.one('[data-testid="plot-types"] tr[data-type="double-grave"] [data-left]').getAttribute('data-left'))).toBeLessThanOrEqual(2);
    expect(page.hrefOf(new RegExp(c.apply))).toBe(language.path(BASE));
    expect((await visitor(language).get(language.path('/cemeteries/no-such-cemetery'))).status).toBe(404);
  });
});
