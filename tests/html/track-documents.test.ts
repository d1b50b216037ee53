/**
 * Answering 补正 from the status page without JavaScript (docs/decisions/039): while the case waits
 * for documents, the panel offers a multipart form (the files, several at once, and a note) with the
 * limits in its hint; each refusal stands next to its field with the note kept and the error in the
 * summary and the title; a good answer says it was received, the case is back with the office, the
 * timeline shows the answer and the member of staff sees the file with the case's others. Both
 * languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { applyViaApi, staffCookie, takeStep } from '../support/portal-api.ts';
import { LANGUAGES, zh } from '../support/site.ts';
import { baseUrl, lookUp, staffVisitor, visitor, workerPortal } from './support/portal.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
const ASKED = { 'zh-CN': '老人本人的银行卡复印件', en: 'A copy of the elder’s bank card' } as const;

describe.each(LANGUAGES)('answering a request for documents in $name', (language) => {
  const s = language.strings;

  async function awaitingDocuments(): Promise<string> {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const clerk = await staffCookie(workerPortal(), 'intake');
    await takeStep(baseUrl(), clerk, trackingNumber, 'accept');
    await takeStep(baseUrl(), clerk, trackingNumber, 'request-documents', { documents: ASKED[language.code] });
    return trackingNumber;
  }

  it('offers the form with its limits, keeps the note through each refusal, and takes the documents', async () => {
    const trackingNumber = await awaitingDocuments();
    const reader = visitor(language);
    let page = await lookUp(reader, language, trackingNumber, ELDER_ID);
    expect(page.text('[data-testid="documents-requested"]')).toBe(ASKED[language.code]);
    expect(page.one('section[data-action="provide-documents"] form[enctype="multipart/form-data"]')).toBeTruthy();
    const filesField = page.field(s.track.supplement.files);
    expect(filesField.getAttribute('type')).toBe('file');
    expect(filesField.hasAttribute('multiple')).toBe(true);
    // The limits are the API's (the engine's defaults for 高龄津贴), interpolated.
    expect(page.descriptionOf(filesField)).toContain(language.t(s.track.supplement.filesHint, { kinds: 'PDF/JPG/PNG/HEIC', max: 10, count: 20 }));
    expect(page.descriptionOf(page.field(s.track.supplement.note))).toContain(language.t(s.track.supplement.noteHint, { max: 200 }));

    // No file chosen: said next to the files, the note kept.
    page = await page.form(s.track.supplement.button).fill(s.track.supplement.note, '见第二页').submit();
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('files')).toContain(s.errors.track.noFiles);
    expect(page.errorSummary).toEqual([{ text: s.errors.track.noFiles, href: '#files' }]);
    expect(page.valueOf(s.track.supplement.note)).toBe('见第二页');
    expect(page.hasExactText(s.case.state['awaiting-documents'])).toBe(true);

    // A script named .jpg: refused by its bytes, the message naming the file.
    page = await page.form(s.track.supplement.button).attach(s.track.supplement.files, { name: 'bank-card.jpg', type: 'image/jpeg', bytes: fixture('script-named.jpg') }).submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('files')).toContain('bank-card.jpg');
    expect(page.field(s.track.supplement.files).getAttribute('aria-invalid')).toBe('true');
    expect(page.valueOf(s.track.supplement.note)).toBe('见第二页');

    // A note too long: said next to the note.
    page = await page.form(s.track.supplement.button).fill(s.track.supplement.note, '字'.repeat(201)).attach(s.track.supplement.files, { name: 'scan.png', type: 'image/png', bytes: fixture('scan.png') }).submit();
    expect(page.status).toBe(422);
    expect(page.errorSummary.map((error) => error.href)).toEqual(['#note']);

    // A good answer (a scan over the 64 KiB other forms may be): received, back with the office, on the timeline; the form is gone.
    const scan = Buffer.concat([fixture('income-proof.pdf'), Buffer.alloc(100 * 1024, 0x20)]);
    page = await page.form(s.track.supplement.button).fill(s.track.supplement.note, '见第二页').attach(s.track.supplement.files, { name: 'scan.pdf', type: 'application/pdf', bytes: scan }).submit();
    expect(page.status).toBe(200);
    expect(page.role('status')).toBe(s.track.supplement.received);
    expect(page.hasExactText(s.case.state.accepted)).toBe(true);
    expect(page.hasExactText(s.case.event['provide-documents'])).toBe(true);
    expect(page.text('.steps')).toContain('见第二页');
    expect(page.text('.steps')).toContain('scan.pdf');
    expect(page.has('section[data-action="provide-documents"]')).toBe(false);

    // The member of staff sees the file with the case's others, and the answer on the timeline.
    const clerk = await staffVisitor(language, 'intake');
    const casePage = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
    // Its name downloads it; a PDF also opens in the browser (docs/decisions/051).
    expect(casePage.texts('[data-testid="case-files"] li a')).toEqual(['scan.pdf', language.t(s.workbench.files.view, { name: 'scan.pdf' })]);
    expect(casePage.text()).toContain('见第二页');
  });

  it('offers no form on a case that is not waiting for documents', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const page = await lookUp(visitor(language), language, trackingNumber, ELDER_ID);
    expect(page.has('section[data-action="provide-documents"]')).toBe(false);
    expect(page.has('form[enctype="multipart/form-data"]')).toBe(false);
  });
});

describe('an answer over every limit', () => {
  it('is never read, and the status page says the files were too large above a new lookup', async () => {
    const language = zh;
    const s = language.strings;
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const clerk = await staffCookie(workerPortal(), 'intake');
    await takeStep(baseUrl(), clerk, trackingNumber, 'accept');
    await takeStep(baseUrl(), clerk, trackingNumber, 'request-documents', { documents: ASKED[language.code] });
    const page = await lookUp(visitor(language), language, trackingNumber, ELDER_ID);
    // More than the 50 MB a case's files may weigh together (the engine's default), plus the form.
    const huge = new Uint8Array(50 * 1024 * 1024 + 128 * 1024).fill(0x20);
    const refused = await page.form(s.track.supplement.button).attach(s.track.supplement.files, { name: 'everything.pdf', type: 'application/pdf', bytes: huge }).submit();
    expect(refused.status).toBe(413);
    expect(refused.title.startsWith(s.errors.title)).toBe(true);
    const message = language.t(s.track.supplement.tooLarge, { max: 50 });
    expect(refused.errorSummary).toEqual([{ text: message, href: '#trackingNumber' }]);
    // Nothing was taken: the case still waits for the documents.
    const again = await lookUp(visitor(language), language, trackingNumber, ELDER_ID);
    expect(again.hasExactText(s.case.state['awaiting-documents'])).toBe(true);
  });
});
