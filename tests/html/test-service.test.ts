/**
 * A service defined only in the tests (tests/support/test-service, loaded by the HTML tier's servers
 * through SERVICE_PACKAGES_MODULE) runs end to end through the generic pages and the generic
 * application route, without a page file of its own (docs/decisions/029): its task list's statuses,
 * an add-another of household members (add two, change one, remove one with a confirmation), an
 * upload step (docs/decisions/031: a script named .jpg refused next to the field, a PNG and a PDF
 * uploaded, one removed with a confirmation, "continue" refused with none), the check page and the
 * tracking number; then a member of staff handling the case finds the file on the case page and
 * opens it: the re-encoded image, without its metadata. Both languages, no JavaScript.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processUpload } from '../../api/engine/files/processing.ts';
import { ensureStaff } from '../support/staff-accounts.ts';
import { ELDER_ID } from '../support/applications.ts';
import { LANGUAGES } from '../support/site.ts';
import { en, zhCN } from '../support/test-service/messages.ts';
import { TEST_SERVICE } from '../support/test-service/service.ts';
import { normalize, type HtmlPage } from './support/html-client.ts';
import { visitor, workerPortal } from './support/portal.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url)));
const COUNTY_INTAKE = { username: 'county-files-intake', password: 'a county intake clerk’s long password', roles: ['intake' as const], offices: ['demo-county'], serviceAreas: ['allowances'] };

const BASE = `/apply/${TEST_SERVICE}`;
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
const statuses = (page: HtmlPage) => Object.fromEntries(page.all('[data-status]').map((tag) => [tag.id.replace('status-', ''), tag.getAttribute('data-status')]));

describe.each(LANGUAGES)('the test-only service through the generic pages, in $name', (language) => {
  const words = language.code === 'en' ? en : zhCN;
  const s = language.strings;

  it('goes from the task list through add another to a tracking number', async () => {
    const reader = visitor(language);
    const start = await reader.get(language.path(BASE));
    expect(start.status).toBe(200);
    expect(start.h1).toBe(words.testHousehold.start.title);

    let list = await reader.get(language.path(`${BASE}/task-list`));
    expect(list.h1).toBe(words.testHousehold.step['task-list'].title);
    expect(statuses(list)).toEqual({ 'about-you': 'not-started', household: 'cannot-start', documents: 'cannot-start', declaration: 'cannot-start' });

    // About you: a mistyped phone comes back with its message, then the section is completed.
    const refused = await reader.post(language.path(`${BASE}/about-you`), { 'person.name': '王大明', 'person.idNumber': ELDER_ID, 'person.phone': '12' });
    expect(refused.status).toBe(422);
    expect(refused.errorFor('person-phone')).toContain(words.errors.testHousehold.phone);
    list = await reader.post(language.path(`${BASE}/about-you`), { 'person.name': '王大明', 'person.idNumber': ELDER_ID, 'person.phone': '13812340002' });
    expect(list.path).toBe(language.path(`${BASE}/task-list`));
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'not-started', documents: 'cannot-start', declaration: 'cannot-start' });

    // Household: continuing with nobody is refused next to the list; add two, change one, remove one.
    let household = await reader.post(language.path(`${BASE}/household`), {});
    expect(household.status).toBe(422);
    expect(household.errorSummary.map((problem) => problem.text)).toEqual([s.application.addAnother.atLeast.replace('{{min}}', '1')]);
    household = await reader.post(language.path(`${BASE}/household?item=0`), { 'household.0.name': '王小明', 'household.0.relationship': 'child' });
    expect(household.path).toBe(language.path(`${BASE}/household`));
    household = await reader.post(language.path(`${BASE}/household?item=1`), { 'household.1.name': '李芳', 'household.1.relationship': 'spouse' });
    expect(household.all('dt').map((dt) => dt.textContent)).toEqual(['王小明', '李芳']);
    household = await reader.post(language.path(`${BASE}/household?item=0`), { 'household.0.name': '王小华', 'household.0.relationship': 'child' });
    expect(household.all('dt').map((dt) => dt.textContent)).toEqual(['王小华', '李芳']);
    const confirm = await reader.get(language.path(`${BASE}/household?remove=1`));
    expect(confirm.h1).toBe(words.testHousehold.step['household-remove'].title);
    household = await reader.post(language.path(`${BASE}/household?remove=1`), { confirm: 'no' });
    expect(household.all('dt')).toHaveLength(2);
    household = await reader.post(language.path(`${BASE}/household?remove=1`), { confirm: 'yes' });
    expect(household.all('dt').map((dt) => dt.textContent)).toEqual(['王小华']);
    list = await reader.post(language.path(`${BASE}/household`), {});
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'completed', documents: 'not-started', declaration: 'cannot-start' });

    // The proof of income: a multipart form that works without JavaScript.
    const label = words.fields.files.incomeProof;
    let upload = await list.follow(words.testHousehold.section.documents);
    expect(upload.path).toBe(language.path(`${BASE}/income-proof`));
    expect(upload.h1).toBe(words.testHousehold.step['income-proof'].title);
    expect(upload.one('form[enctype="multipart/form-data"]')).toBeTruthy();
    expect(upload.descriptionOf(upload.field(label))).toContain(language.t(s.application.upload.hint, { kinds: 'PDF/JPG/PNG/HEIC', max: 2, count: 3 }));
    expect(upload.text('[data-testid="no-files"]')).toBe(s.application.upload.none);
    // Continue with none, and a script named .jpg: each refused next to the field.
    upload = await upload.press(s.application.continue);
    expect(upload.status).toBe(422);
    expect(upload.errorFor('files-incomeProof')).toContain(language.t(s.application.upload.atLeast, { field: label, min: 1 }));
    upload = await upload.form(s.application.upload.button).attach(label, { name: 'photo.jpg', type: 'image/jpeg', bytes: fixture('script-named.jpg') }).submit();
    expect(upload.status).toBe(422);
    const wrongType = language.t(s.errors.files['wrong-type'], { field: label, kinds: 'PDF/JPG/PNG/HEIC' });
    expect(upload.errorFor('files-incomeProof')).toContain(wrongType);
    expect(upload.errorSummary).toEqual([{ text: wrongType, href: '#files-incomeProof' }]);
    expect(upload.text('[data-testid="no-files"]')).toBe(s.application.upload.none);
    // A PNG, a phone's photo (with its position in EXIF) and a PDF, listed by name, type and size.
    upload = await upload.form(s.application.upload.button).attach(label, { name: 'scan.png', type: 'image/png', bytes: fixture('scan.png') }).submit();
    expect(upload.path).toBe(language.path(`${BASE}/income-proof`));
    upload = await upload.form(s.application.upload.button).attach(label, { name: 'photo-with-gps.jpg', type: 'image/jpeg', bytes: fixture('photo-with-gps.jpg') }).submit();
    // The PDF is over the 64 KiB other pages' forms may be: an upload step's multipart post may be larger.
    const pdf = new Uint8Array([...fixture('income-proof.pdf'), ...new Uint8Array(100 * 1024).fill(0x20)]);
    upload = await upload.form(s.application.upload.button).attach(label, { name: 'income-proof.pdf', type: 'application/pdf', bytes: pdf }).submit();
    expect(upload.texts('[data-testid="uploaded-files"] dt')).toEqual(['scan.png', 'photo-with-gps.jpg', 'income-proof.pdf']);
    expect(upload.texts('[data-testid="uploaded-files"] dd')[0]).toMatch(/^PNG · \d+ KB$/);
    // The holder of the draft downloads what they gave, as the API serves a file; nobody else can.
    const download = await reader.request(upload.hrefOf('scan.png'));
    expect(download.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control'].map((name) => [name, download.headers.get(name)]))).toEqual({
      'content-type': 'image/png',
      'content-disposition': `attachment; filename="scan.png"; filename*=UTF-8''scan.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    });
    const scanned = await processUpload('png', Buffer.from(fixture('scan.png')));
    if (!scanned.ok) throw new Error('scan.png does not re-encode');
    expect(Buffer.from(await download.arrayBuffer()).equals(scanned.file.content)).toBe(true);
    expect((await visitor(language).request(upload.hrefOf('scan.png'))).status).toBe(404);
    // A file over the upload limit is refused before it is read, next to the field, the list kept (docs/decisions/036).
    const huge = new Uint8Array(10 * 1024 * 1024 + 128 * 1024).fill(0x20);
    const tooLarge = await upload.form(s.application.upload.button).attach(label, { name: 'scan-of-everything.pdf', type: 'application/pdf', bytes: huge }).submit();
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.h1).toBe(words.testHousehold.step['income-proof'].title);
    const tooBig = language.t(s.errors.files['too-big'], { field: label, max: 2 });
    expect(tooLarge.errorFor('files-incomeProof')).toContain(tooBig);
    expect(tooLarge.errorSummary).toEqual([{ text: tooBig, href: '#files-incomeProof' }]);
    expect(tooLarge.texts('[data-testid="uploaded-files"] dt')).toEqual(['scan.png', 'photo-with-gps.jpg', 'income-proof.pdf']);
    // A step of another kind has no field to say it by: still the bare 413.
    const hugeElsewhere = new FormData();
    hugeElsewhere.set('file', new File([huge], 'scan-of-everything.pdf', { type: 'application/pdf' }));
    expect((await reader.postMultipart(language.path(`${BASE}/about-you`), hugeElsewhere)).status).toBe(413);
    // Remove the PDF: asked first, "no" keeps it.
    let remove = await upload.follow(`${s.application.upload.remove} income-proof.pdf`);
    expect(remove.h1).toBe(s.application.upload.removeTitle);
    upload = await remove.press(s.application.addAnother.keep);
    expect(upload.texts('[data-testid="uploaded-files"] dt')).toEqual(['scan.png', 'photo-with-gps.jpg', 'income-proof.pdf']);
    remove = await upload.follow(`${s.application.upload.remove} income-proof.pdf`);
    upload = await remove.press(s.application.addAnother.confirmRemove);
    expect(upload.texts('[data-testid="uploaded-files"] dt')).toEqual(['scan.png', 'photo-with-gps.jpg']);
    list = await upload.press(s.application.continue);
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'completed', documents: 'completed', declaration: 'not-started' });
    // Any other page keeps the 64 KiB limit, multipart or not (but the status page, which takes a 补正 answer's files: docs/decisions/039).
    const elsewhere = new FormData();
    elsewhere.set('file', new File([pdf], 'income-proof.pdf', { type: 'application/pdf' }));
    expect((await reader.postMultipart(language.path('/search'), elsewhere)).status).toBe(413);

    // The declaration, then the check page and the tracking number.
    list = await reader.post(language.path(`${BASE}/declaration`), { declaration: 'yes' });
    expect(statuses(list)).toEqual({ 'about-you': 'completed', household: 'completed', documents: 'completed', declaration: 'completed' });
    const check = await reader.get(language.path(`${BASE}/check`));
    expect(check.status).toBe(200);
    expect(check.all('dd').some((dd) => dd.textContent === '王小华')).toBe(true);
    // The files are answers too: listed by name, changed on their step.
    const filesRow = check.all('.check-answers div').find((row) => check.texts('dt', row).some((text) => text.toLowerCase() === label.toLowerCase()));
    expect(normalize(filesRow?.querySelector('dd')?.textContent)).toBe(['scan.png', 'photo-with-gps.jpg'].join(s.punctuation.listSeparator));
    const changeFiles = new URL(check.hrefOf(`${s.application.change} ${label}`), check.url);
    expect(`${changeFiles.pathname}${changeFiles.search}`).toBe(`${language.path(`${BASE}/income-proof`)}?change=1`);
    // Each file on the check page downloads, for the draft's holder.
    expect(check.texts('a', filesRow)).toEqual(['scan.png', 'photo-with-gps.jpg', expect.stringContaining(label)]);
    expect((await reader.request(check.hrefOf('photo-with-gps.jpg'))).headers.get('content-disposition')).toContain('photo-with-gps.jpg');
    const confirmation = await check.form(s.application.submit).submit();
    expect(confirmation.h1).toBe(words.testHousehold.confirmation.title);
    const trackingNumber = confirmation.one('[data-testid="tracking-number"]').textContent ?? '';
    expect(trackingNumber).toMatch(TRACKING_NUMBER);

    // A member of staff handling the case finds the files on the case page and opens them: each as
    // re-encoded, nothing of the photo's metadata (its position) kept.
    await ensureStaff(workerPortal(), COUNTY_INTAKE);
    const member = visitor(language);
    const signInPage = await member.get(language.path('/staff/sign-in'));
    await signInPage.form(s.staff.signIn.submit).fill(s.staff.signIn.username, COUNTY_INTAKE.username).fill(s.staff.signIn.password, COUNTY_INTAKE.password).submit();
    const casePage = await member.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(casePage.texts('[data-testid="case-files"] a')).toEqual(['scan.png', 'photo-with-gps.jpg']);
    for (const [name, kind] of [['scan.png', 'png'], ['photo-with-gps.jpg', 'jpeg']] as const) {
      const opened = await member.request(casePage.hrefOf(name));
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      const bytes = Buffer.from(await opened.arrayBuffer());
      const reencoded = await processUpload(kind, Buffer.from(fixture(name)));
      if (!reencoded.ok) throw new Error(`${name} does not re-encode`);
      expect(bytes.equals(reencoded.file.content)).toBe(true);
      const metadata = await sharp(bytes).metadata();
      expect([metadata.exif, metadata.xmp]).toEqual([undefined, undefined]);
    }
    expect((await sharp(Buffer.from(fixture('photo-with-gps.jpg'))).metadata()).exif).toBeDefined();
    // Each opening is in the case's record of access, named in the reader's language.
    const again = await member.get(language.path(`/staff/cases/${trackingNumber}`));
    const record = again.all('[aria-labelledby="access"] tbody tr').map((row) => again.texts('td', row));
    expect(record.filter((cells) => cells[2] === s.workbench.access.action['case.file.view'])).toHaveLength(2);
    expect(record.some((cells) => cells[2] === 'case.file.view')).toBe(false);
  });
});
