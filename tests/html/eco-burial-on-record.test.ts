/**
 * The eco-burial subsidy's cremation certificate from the portal's own record, without JavaScript
 * (docs/decisions/074), in both languages: a cremation booked here whose home recorded the
 * certificate, and the upload step says it was found at that home, with no file input and only
 * "Continue"; the check page's row says the same; the application goes in without a file and the
 * case page shows its staff the booking and the home. Another death certificate number: the upload
 * as before; an answer "found" that no longer matches the numbers is asked again.
 */
import { describe, expect, it } from 'vitest';
import { funeralEn } from '../../api/services/funeral/messages/en.ts';
import { funeralZhCN } from '../../api/services/funeral/messages/zh-CN.ts';
import { ecoBurialAnswers, personId } from '../support/applications.ts';
import { draftCookie } from '../support/drafts.ts';
import { funeralBookedViaApi } from '../support/portal-api.ts';
import { english, zh, type Language } from '../support/site.ts';
import { baseUrl, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';

const BASE = '/apply/eco-burial-subsidy';
const HOME = 'demo-district-funeral-home';
const FUNERAL = { 'zh-CN': funeralZhCN, en: funeralEn } as const;
const chinaDay = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TRACKING_NUMBER = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/;
/** The death certificate number funeralBookedViaApi books with. */
const DEATH_CERTIFICATE = 'C330123456';

describe.each([
  [zh, 7411, 3],
  [english, 7412, 4],
] as const)('the cremation certificate on the portal’s record, in %s', (language: Language, n: number, daysAhead: number) => {
  const s = language.strings;
  const w = s.ecoBurial;
  const home = FUNERAL[language.code].homes[HOME].name;
  /** The subsidy's answers for the person the funeral was booked for, up to the upload step (or with it answered). */
  const answersFor = (overrides: Record<string, string> = {}) => {
    const { 'files.cremationCertificate': _given, ...rest } = ecoBurialAnswers(people(), {
      'deceased.name': '钱桂兰',
      'deceased.idNumber': personId(n, 'female', '19360101'),
      'deceased.diedOn': chinaDay(-1),
      'deceased.deathCertificateNumber': DEATH_CERTIFICATE,
      'burial.buriedOn': chinaDay(0),
    });
    return { ...rest, ...overrides };
  };

  it('says the certificate was found at the home, asks for no file, and the case shows its staff the booking', async () => {
    // The cremation booked here, and its certificate recorded by the home's clerk on the day page.
    const date = chinaDay(daysAhead);
    const { trackingNumber: booking } = await funeralBookedViaApi(baseUrl(), n, date, language.code);
    const clerk = await staffVisitor(language, 'intake');
    const homeDay = FUNERAL[language.code].homeDay;
    const day = await clerk.get(language.path(`/staff/funeral-day?home=${HOME}&date=${date}`));
    const recorded = await day.form(new RegExp(`^${escape(homeDay.record)} ${booking}$`)).fill(`${homeDay.certificate} ${booking}`, `HZ-2026-00${n}`).submit();
    expect(recorded.role('status')).toContain(language.t(homeDay.saved.certificate, { trackingNumber: booking }));

    const reader = visitor(language);
    const cookie = await draftCookie(workerPortal(), 'eco-burial-subsidy', answersFor());
    reader.setCookie(cookie.name, cookie.value);
    const step = await reader.get(language.path(`${BASE}/cremation-certificate`));
    expect(step.status).toBe(200);
    expect(step.h1).toBe(w.step['cremation-certificate'].title);
    expect(step.text('.lead')).toBe(language.t(w.onRecord.cremationCertificate.found, { place: home }));
    expect(step.has('input[type="file"]')).toBe(false);
    expect(step.buttons(s.application.continue)).toHaveLength(1);
    // Neither the booking's number nor the certificate's is shown to the applicant.
    expect(step.text()).not.toContain(booking);
    expect(step.text()).not.toContain(`00${n}`);

    const next = await step.press(s.application.continue);
    expect(next.path).toBe(language.path(`${BASE}/relationship-proof`));
    const check = await reader.get(language.path(`${BASE}/check`));
    expect(check.status).toBe(200);
    expect(check.text('.check-answers')).toContain(`${language.t(w.onRecord.cremationCertificate.check, { place: home })}`);
    expect(check.hrefOf(new RegExp(`${s.application.change}.*${escape(s.fields.files.cremationCertificate)}`, 'i'))).toBe(language.path(`${BASE}/cremation-certificate?change=1`));

    const confirmation = await check.press(s.application.submit);
    expect(confirmation.path).toBe(language.path(`${BASE}/confirmation`));
    const trackingNumber = confirmation.text('[data-testid="tracking-number"]');
    expect(trackingNumber).toMatch(TRACKING_NUMBER);

    const casePage = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(casePage.status).toBe(200);
    expect(casePage.text('[data-testid="case-evidence-on-record"]')).toBe(language.t(s.ecoBurialCase.onRecord.cremationCertificate, { trackingNumber: booking, place: home }));
    expect(casePage.has('[data-testid="case-files"]')).toBe(false);
  });

  it('asks for the upload as before when the death certificate number is another, and again when a found answer no longer matches', async () => {
    const reader = visitor(language);
    const other = { 'deceased.deathCertificateNumber': 'C330999999' };
    const cookie = await draftCookie(workerPortal(), 'eco-burial-subsidy', answersFor(other));
    reader.setCookie(cookie.name, cookie.value);
    const step = await reader.get(language.path(`${BASE}/cremation-certificate`));
    expect(step.text('.lead')).toBe(w.step['cremation-certificate'].lead);
    expect(step.has('input[type="file"]')).toBe(true);

    // A draft that says "found", for numbers that find nothing: the check page sends the reader back to the upload.
    const stale = visitor(language);
    const staleCookie = await draftCookie(workerPortal(), 'eco-burial-subsidy', answersFor({ ...other, 'files.cremationCertificate': 'on-record' }));
    stale.setCookie(staleCookie.name, staleCookie.value);
    const back = await stale.get(language.path(`${BASE}/check`));
    expect(back.path).toBe(language.path(`${BASE}/cremation-certificate`));
    expect(back.has('input[type="file"]')).toBe(true);
  });
});
