/**
 * The marriage booking's pages as a reader without JavaScript goes through them (the HTML tier's
 * counterpart of tests/e2e/support/booking.ts): the start page, what to register, the office, a day
 * from the radio list, a time, then each person; and the status page's look-up. Each step checks it
 * reached the page it meant, so a test fails where the journey went wrong.
 */
import { expect } from 'vitest';
import { sentPhoneCode, type Slot } from '../../support/portal-api.ts';
import { demoOffice, sentence, type Language } from '../../support/site.ts';
import { personId } from '../../support/applications.ts';
import type { Form, HtmlPage, Visitor } from './html-client.ts';

export const COUNTY = 'demo-county-registry';

export type Kind = 'marriage' | 'divorce' | 'reissue';

/** A field's label as the booking pages write it: the field's name starting the line, with a capital. */
export const label = sentence;

/** The values of a radio group's choices that can be chosen (not disabled), in page order. */
export function choosable(page: HtmlPage, name: string): string[] {
  return page.all(`input[type="radio"][name="${name}"]`).filter((radio) => !radio.hasAttribute('disabled')).map((radio) => radio.getAttribute('value') ?? '');
}

/** The booking from its start page to the date step, for `kind` at `office` (the county's by default). */
export async function upToDate(reader: Visitor, language: Language, kind: Kind = 'marriage', office = COUNTY): Promise<HtmlPage> {
  const s = language.strings;
  const start = await reader.get(language.path('/book/marriage'));
  const kindStep = await start.follow(s.booking.start.button);
  expect(kindStep.h1).toBe(s.booking.step.kind.title);
  const officeStep = await kindStep.form(s.application.continue).check(s.marriage.kind[kind]).submit();
  expect(officeStep.h1).toBe(s.booking.step.office.title);
  const dateStep = await officeStep.form(s.application.continue).check(demoOffice(language, office).name).submit();
  expect(dateStep.h1).toBe(s.booking.step.date.title);
  return dateStep;
}

/** Chooses this day (or the first with places) on the date step; answers the time step. */
export async function chooseDay(dateStep: HtmlPage, language: Language, date?: string): Promise<HtmlPage> {
  const s = language.strings;
  const day = date ?? choosable(dateStep, 'date')[0];
  if (!day) throw new Error(`the date step offers no day with places: ${dateStep.text()}`);
  const slotStep = await dateStep.form(s.application.continue).set('date', day).submit();
  expect(slotStep.h1).toBe(s.booking.step.slot.title);
  return slotStep;
}

/** Chooses this time (or the first with places) on the time step; answers the next page. */
export async function chooseTime(slotStep: HtmlPage, language: Language, start?: string): Promise<HtmlPage> {
  const time = start ?? choosable(slotStep, 'start')[0];
  if (!time) throw new Error(`the time step offers no time with places: ${slotStep.text()}`);
  return slotStep.form(language.strings.application.continue).set('start', time).submit();
}

/**
 * The booking up to the first person's page: `kind` at `office`, on `slot` or else the first day
 * and time with places. On the way, the date step shows the days that cannot be chosen, disabled.
 */
export async function upToPeople(reader: Visitor, language: Language, options: { kind?: Kind; office?: string; slot?: Slot } = {}): Promise<HtmlPage> {
  const s = language.strings;
  const dateStep = await upToDate(reader, language, options.kind, options.office);
  expect(dateStep.has('input[name="date"][disabled]')).toBe(true);
  const slotStep = await chooseDay(dateStep, language, options.slot?.date);
  const people = await chooseTime(slotStep, language, options.slot?.start);
  expect(people.h1).toBe(s.booking.step['party-a'].title);
  return people;
}

/** Answers a person's page (their document first, when another than the resident ID card); answers the next page. */
export async function person(page: HtmlPage, language: Language, key: 'partyA' | 'partyB', name: string, idNumber: string, phone: string, document?: string): Promise<HtmlPage> {
  const s = language.strings;
  const form = page.form(s.application.continue);
  if (document) form.check(document);
  return form.fill(label(s.fields[key].name), name).fill(label(s.fields[key].idNumber), idNumber).fill(label(s.fields[key].phone), phone).submit();
}

/**
 * The phones step as a couple goes through it (docs/decisions/019): sends the codes, reads each
 * from the development route (as the phone would show it) and types them on the one page; answers
 * the page after it (the check page). `phones` by party, as the people's pages took them.
 */
export async function confirmPhones(phonesStep: HtmlPage, language: Language, phones: { partyA: string; partyB?: string }): Promise<HtmlPage> {
  const s = language.strings;
  expect(phonesStep.h1).toBe(s.booking.step.phones.title);
  const codesPage = await phonesStep.press(s.booking.phones.send);
  expect(codesPage.status).toBe(200);
  return enterCodes(codesPage, language, phones);
}

/** Types on the phones step the code each phone was sent (read from the development route); answers the next page. */
export async function enterCodes(codesPage: HtmlPage, language: Language, phones: { partyA?: string; partyB?: string }): Promise<HtmlPage> {
  const form = codesPage.form(language.strings.application.continue);
  for (const [party, phone] of Object.entries(phones)) form.set(`phoneCode.${party}`, await sentPhoneCode(codesPage.visitor.baseUrl, phone.replace(/[\s-]/g, '')));
  return form.submit();
}

/** A couple numbered `n` (phones from their number, as marriageAppointment gives them) up to the check page at `slot`, their phones confirmed. */
export async function upToCheck(reader: Visitor, language: Language, slot: Slot, n: number): Promise<HtmlPage> {
  const s = language.strings;
  const phones = { partyA: `139${String(n).padStart(8, '0')}`, partyB: `137${String(n).padStart(8, '0')}` };
  const first = await upToPeople(reader, language, { slot });
  const second = await person(first, language, 'partyA', '王小明', personId(n, 'male'), phones.partyA);
  const phonesStep = await person(second, language, 'partyB', '李小红', personId(n, 'female'), phones.partyB);
  const check = await confirmPhones(phonesStep, language, phones);
  expect(check.h1).toBe(s.booking.step.check.title);
  return check;
}

/** The tracking number the confirmation page shows. */
export const trackingNumberOn = (confirmation: HtmlPage) => confirmation.text('[data-testid="tracking-number"]');

/** The field's own message, and the error summary's link to it. */
export function expectMessageAt(page: HtmlPage, field: string, message: string): void {
  expect(page.errorFor(field)).toContain(message);
  expect(page.errorSummary).toContainEqual({ text: message, href: `#${field}` });
}

/**
 * Sends the form with these fields changed on the way to the server, values the page does not
 * offer included (a day or time it does not list, a disabled day): tampering in transit.
 */
export async function submitTampered(form: Form, changes: Record<string, string>): Promise<HtmlPage> {
  const body = form.values();
  for (const [name, value] of Object.entries(changes)) body.set(name, value);
  return form.page.visitor.post(new URL(form.element.getAttribute('action') ?? form.page.url.href, form.page.url), body);
}

