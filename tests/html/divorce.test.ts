/**
 * Divorce by agreement, two visits, without a browser: the couple books the first (through the
 * API); the intake clerk marks them arrived and accepts the application on the case page, which
 * starts the cooling-off period; either party may then withdraw online (a request the clerk
 * confirms on the case page, or at once where a local rule allows it: the status page says which),
 * or book the second visit,
 * for which only the days of the window after the cooling-off period are offered (and a day inside
 * the cooling-off period, sent by a tampered form, is refused on the date). Both languages.
 */
import { describe, expect, it } from 'vitest';
import { marriageAppointment } from '../support/applications.ts';
import { addDays, bookableSlot, bookedViaApi, chinaToday, takeStep } from '../support/portal-api.ts';
import { ensureStaff, staffSession } from '../support/staff-accounts.ts';
import { earlyToday, setAppointmentTime } from '../support/appointment-time.ts';
import { LANGUAGES, type Language } from '../support/site.ts';
import type { HtmlPage } from './support/html-client.ts';
import { baseUrl, lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';
import { summaryState } from './support/registry-office.ts';
import { IMMEDIATE_WITHDRAWAL } from '../support/offices-file.ts';

const OFFICE = 'demo-district-registry';
/** The county office's intake clerk (the demo accounts work the district's office only). */
const COUNTY_CLERK = { username: 'county-clerk', password: 'a county clerk’s long password', roles: ['intake' as const], offices: ['demo-county'], serviceAreas: ['marriage'] };

/** A divorce booked for the first slot with a place, then accepted by the office's intake clerk on the case page. */
async function acceptedDivorce(language: Language) {
  const s = language.strings;
  const slot = await bookableSlot(baseUrl(), OFFICE, 'divorce');
  const couple = marriageAppointment(people(), { ...slot, office: OFFICE, kind: 'divorce' });
  const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
  // The couple comes today: a clerk marks them arrived on the appointment's day only.
  setAppointmentTime(workerPortal(), trackingNumber, earlyToday());
  const clerk = await staffVisitor(language, 'intake');
  const casePage = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
  const arrived = await casePage.press(s.divorceCase.action['mark-arrived']);
  expect(summaryState(arrived)).toBe(s.divorceCase.state.arrived);
  const accepted = await arrived.press(s.divorceCase.action.accept);
  expect(summaryState(accepted)).toBe(s.divorceCase.state['divorce-accepted']);
  expect(accepted.has('[data-testid="period-cooling-off"]')).toBe(true);
  return { trackingNumber, couple };
}

/** The days the date step lists (offered or not), in order. */
const datesListed = (page: HtmlPage) => page.all('input[name="date"]').map((input) => input.getAttribute('value') ?? '');

/** The first day (or time) that can be chosen, as the reader picks it from the radio list. */
const firstOpen = (page: HtmlPage, name: 'date' | 'start') => page.one(`input[name="${name}"]:not([disabled])`).getAttribute('value') ?? '';

describe.each(LANGUAGES)('a divorce by agreement in $name', (language) => {
  const s = language.strings;

  it('is accepted at the first visit; either party may then ask to withdraw, which the intake clerk confirms, as the status page says', async () => {
    const { trackingNumber, couple } = await acceptedDivorce(language);
    const status = await lookUp(visitor(language), language, trackingNumber, couple.partyB.idNumber);
    expect(status.h1).toBe(language.t(s.track.result, { trackingNumber }));
    expect(status.hasExactText(s.divorceCase.state['divorce-accepted'])).toBe(true);
    expect(status.has('[data-testid="cooling-off"]')).toBe(true);
    expect(status.has('[data-testid="second-visit-window"]')).toBe(true);
    // No local rule at this office: the national procedure, a request the office confirms (民发〔2020〕116号).
    expect(status.text('[data-testid="withdrawal-rule"]')).toBe(s.track.divorce.withdrawalRule['office-confirms']);
    expect(status.text('#withdraw-heading')).toBe(s.track.divorce.requestWithdrawalTitle);
    expect(status.buttons(s.track.divorce.withdrawButton)).toHaveLength(0);

    const confirm = await status.press(s.track.divorce.requestWithdrawalButton);
    expect(confirm.h1).toBe(language.t(s.track.divorce.requestWithdrawalConfirmTitle, { trackingNumber }));
    expect(confirm.text()).toContain(s.track.divorce.requestWithdrawalHint);
    const requested = await confirm.press(s.track.divorce.requestWithdrawalConfirmYes);
    expect(requested.role('status')).toBe(s.track.divorce.withdrawalRequested);
    expect(requested.hasExactText(s.divorceCase.state['withdrawal-requested'])).toBe(true);
    expect(requested.text()).toContain(s.divorceCase.next['withdrawal-requested']);
    expect(requested.hasExactText(s.divorceCase.event['request-withdrawal'])).toBe(true);
    // Nothing more to withdraw or book while the office checks.
    expect(requested.buttons(s.track.divorce.requestWithdrawalButton)).toHaveLength(0);
    expect(requested.buttons(s.track.divorce.secondVisitButton)).toHaveLength(0);

    // The intake clerk confirms it on the case page; the couple then reads it withdrawn.
    const clerk = await staffVisitor(language, 'intake');
    const casePage = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(summaryState(casePage)).toBe(s.divorceCase.state['withdrawal-requested']);
    expect(casePage.buttons(s.divorceCase.action['decline-withdrawal'])).toHaveLength(1);
    const confirmed = await casePage.press(s.divorceCase.action['confirm-withdrawal']);
    expect(confirmed.role('status')).toBe(language.t(s.workbench.done, { action: s.divorceCase.action['confirm-withdrawal'] }));
    expect(summaryState(confirmed)).toBe(s.divorceCase.state.withdrawn);
    expect(confirmed.hasExactText(s.divorceCase.event['confirm-withdrawal'])).toBe(true);
    const after = await lookUp(visitor(language), language, trackingNumber, couple.partyA.idNumber);
    expect(after.hasExactText(s.divorceCase.state.withdrawn)).toBe(true);
    expect(after.hasExactText(s.divorceCase.event['confirm-withdrawal'])).toBe(true);
  });

  it('where a local rule allows it, says so with the text it rests on, and withdraws at once', async () => {
    // The rule is the county office's (tests/support/offices-file.ts), whose clerk accepts the application.
    await ensureStaff(workerPortal(), COUNTY_CLERK);
    const cookie = await staffSession(baseUrl(), COUNTY_CLERK);
    const slot = await bookableSlot(baseUrl(), IMMEDIATE_WITHDRAWAL.office, 'divorce');
    const couple = marriageAppointment(people(), { ...slot, office: IMMEDIATE_WITHDRAWAL.office, kind: 'divorce' });
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
    setAppointmentTime(workerPortal(), trackingNumber, earlyToday());
    await takeStep(baseUrl(), cookie, trackingNumber, 'mark-arrived');
    await takeStep(baseUrl(), cookie, trackingNumber, 'accept');
    const status = await lookUp(visitor(language), language, trackingNumber, couple.partyB.idNumber);
    expect(status.text('[data-testid="withdrawal-rule"]')).toBe(language.t(s.track.divorce.withdrawalRule.immediate, { basis: IMMEDIATE_WITHDRAWAL.basis }));
    expect(status.buttons(s.track.divorce.requestWithdrawalButton)).toHaveLength(0);
    const confirm = await status.press(s.track.divorce.withdrawButton);
    expect(confirm.h1).toBe(language.t(s.track.divorce.withdrawConfirmTitle, { trackingNumber }));
    const done = await confirm.press(s.track.divorce.withdrawConfirmYes);
    expect(done.role('status')).toBe(s.track.divorce.withdrawn);
    expect(done.hasExactText(s.divorceCase.state.withdrawn)).toBe(true);
    // Nothing more to withdraw or book.
    expect(done.buttons(s.track.divorce.secondVisitButton)).toHaveLength(0);
  });

  it('offers the second visit only on days of the window after the cooling-off period, and refuses a day outside it', async () => {
    const { trackingNumber, couple } = await acceptedDivorce(language);
    const status = await lookUp(visitor(language), language, trackingNumber, couple.partyA.idNumber);
    expect(status.h1).toBe(language.t(s.track.result, { trackingNumber }));
    const dateStep = await status.press(s.track.divorce.secondVisitButton);
    expect(dateStep.h1).toBe(s.track.divorce.secondVisitDateTitle);
    // Accepted today: the window runs from day 31 to day 60 (or a little later when day 30 or day 60 is a rest day).
    const offered = datesListed(dateStep);
    const day = (offset: number) => addDays(chinaToday(), offset);
    const first = offered[0] ?? '';
    const last = offered.at(-1) ?? '';
    expect(first >= day(31) && first <= day(34), `the window opens on ${first}`).toBe(true);
    expect(last >= day(60) && last <= day(64), `the window closes on ${last}`).toBe(true);
    expect(offered.every((date) => date >= first && date <= last)).toBe(true);

    const chosenDay = firstOpen(dateStep, 'date');
    const slotStep = await dateStep.form(s.application.continue).set('date', chosenDay).submit();
    expect(slotStep.h1).toBe(s.track.divorce.secondVisitSlotTitle);
    const confirmForm = slotStep.form(s.track.divorce.secondVisitConfirm);
    expect(confirmForm.values().get('date')).toBe(chosenDay);
    // A tampered form asks for a day inside the cooling-off period: refused, on the date, with the window's days offered again.
    const refused = await confirmForm.set('start', firstOpen(slotStep, 'start')).set('date', day(20)).submit();
    expect(refused.role('alert')).toContain(s.errors.marriage.slot['outside-window']);
    expect(refused.errorFor('date')).toContain(s.errors.marriage.slot['outside-window']);
    const dayList = refused.all('fieldset').find((fieldset) => fieldset.querySelector('input[name="date"]'));
    expect(dayList && refused.descriptionOf(dayList)).toContain(s.errors.marriage.slot['outside-window']);
    expect(refused.h1).toBe(s.track.divorce.secondVisitDateTitle);
    expect(datesListed(refused)).toEqual(offered);

    expect(firstOpen(refused, 'date')).toBe(chosenDay);
    const slotAgain = await refused.form(s.application.continue).set('date', chosenDay).submit();
    const booked = await slotAgain.form(s.track.divorce.secondVisitConfirm).set('start', firstOpen(slotAgain, 'start')).submit();
    expect(booked.role('status')).toBe(s.track.divorce.secondVisitBooked);
    expect(booked.hasExactText(s.divorceCase.state['second-booked'])).toBe(true);
    expect(booked.has('[data-testid="visit-2"]')).toBe(true);
  });
});
