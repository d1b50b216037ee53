/**
 * No-shows without a browser (issue 12, item 1): the case page offers a clerk "not come" only once
 * the appointment is over, and "arrived" only on its day, saying when each will be possible; a
 * mistaken "not come" is undone the same day with a reason, and the couple is told. A person
 * suspended after two no-shows is told why, until when and whom to call on their own page of the
 * booking. Both languages. Appointments are put in the past in the server's database
 * (tests/support/appointment-time.ts): nobody can book one for today.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../api/i18n/index.ts';
import { addDays as addDay } from '../../api/domain/calendar/working-days.ts';
import { DEMO_REGISTRY_OFFICES } from '../../api/services/marriage/offices.ts';
import { setAppointmentTime, yesterday } from '../support/appointment-time.ts';
import { marriageAppointment } from '../support/applications.ts';
import { draftCookie } from '../support/drafts.ts';
import { addDays, bookableSlot, bookedViaApi, chinaToday, officeSlots, staffCookie, takeStep } from '../support/portal-api.ts';
import { demoOffice, LANGUAGES, sentence } from '../support/site.ts';
import { expectMessageAt, person } from './support/booking-pages.ts';
import { outboxWith } from './support/outbox.ts';
import { baseUrl, lookUp, people, staffVisitor, visitor, workerPortal } from './support/portal.ts';
import { summaryState } from './support/registry-office.ts';

/** The office whose appointments the demo intake clerk handles. */
const OFFICE = 'demo-district-registry';

describe.each(LANGUAGES)('no-shows in $name', (language) => {
  const s = language.strings;
  const action = s.appointmentCase.action;

  it('the case page offers neither “arrived” nor “not come” before the appointment, and says from when each is possible', async () => {
    const slot = await bookableSlot(baseUrl(), OFFICE);
    const trackingNumber = await bookedViaApi(baseUrl(), marriageAppointment(people(), { ...slot, office: OFFICE }), language.code);
    const end = (await officeSlots(baseUrl(), slot.date, OFFICE)).find((candidate) => candidate.start === slot.start)?.end ?? '';
    const clerk = await staffVisitor(language, 'intake');
    const page = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(summaryState(page)).toBe(s.appointmentCase.state.booked);
    expect(page.buttons(action['mark-no-show'])).toHaveLength(0);
    expect(page.buttons(action['mark-arrived'])).toHaveLength(0);
    expect(page.texts('[data-testid="later-actions"] li')).toEqual([
      language.t(s.workbench.later.item, { action: action['mark-arrived'], time: formatDateTime(`${slot.date}T00:00:00+08:00`, language.code) }),
      language.t(s.workbench.later.item, { action: action['mark-no-show'], time: formatDateTime(`${slot.date}T${end}:00+08:00`, language.code) }),
    ]);
  });

  it('after the appointment, marks the couple not come and offers the undo that day; the undo asks why, puts the appointment back and tells the couple', async () => {
    const couple = marriageAppointment(people(), { ...(await bookableSlot(baseUrl(), OFFICE)), office: OFFICE });
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);
    setAppointmentTime(workerPortal(), trackingNumber, yesterday());
    const clerk = await staffVisitor(language, 'intake');
    const page = await clerk.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(page.buttons(action['mark-arrived'])).toHaveLength(1);
    const missed = await page.press(action['mark-no-show']);
    expect(summaryState(missed)).toBe(s.appointmentCase.state['no-show']);
    expect(missed.buttons(action['mark-no-show'])).toHaveLength(0);

    // Without a reason: asked for it, by the field.
    const bare = await missed.press(action['undo-no-show']);
    expect(bare.status).toBe(422);
    expect(bare.errorFor('undo-no-show-reason')).not.toBe('');
    expect(summaryState(bare)).toBe(s.appointmentCase.state['no-show']);
    const reason = language.code === 'en' ? 'Clicked by mistake: the couple came at 09:20' : '误点了未到场，两人 09:20 已到窗口';
    const undone = await bare.form(action['undo-no-show']).fill(sentence(s.fields.reason), reason).submit();
    expect(undone.role('status')).toBe(language.t(s.workbench.done, { action: action['undo-no-show'] }));
    expect(summaryState(undone)).toBe(s.appointmentCase.state.booked);
    expect(undone.buttons(action['mark-arrived'])).toHaveLength(1);
    expect(undone.buttons(action['undo-no-show'])).toHaveLength(0);

    // The couple sees it, and was told.
    const status = await lookUp(visitor(language), language, trackingNumber, couple.partyB.phone);
    expect(summaryState(status)).toBe(s.appointmentCase.state.booked);
    expect(status.hasExactText(s.appointmentCase.event['undo-no-show'])).toBe(true);
    await outboxWith(visitor(language), language, language.t(s.notifications.case.noShowUndone, { trackingNumber }));
  });

  it('tells a person suspended after two no-shows why, until when and whom to call, on their own page of the booking', async () => {
    const n = people();
    const clerk = await staffCookie(workerPortal(), 'intake');
    for (const daysAgo of [8, 1]) {
      const trackingNumber = await bookedViaApi(baseUrl(), marriageAppointment(n, { ...(await bookableSlot(baseUrl(), OFFICE)), office: OFFICE }), language.code);
      setAppointmentTime(workerPortal(), trackingNumber, { date: addDays(chinaToday(), -daysAgo), start: '09:00', end: '09:30' });
      await takeStep(baseUrl(), clerk, trackingNumber, 'mark-no-show');
    }
    const until = addDays(chinaToday(), -1 + 15);
    const slot = await bookableSlot(baseUrl(), OFFICE);
    const reader = visitor(language);
    const { name, value } = await draftCookie(workerPortal(), 'marriage-appointment', { kind: 'marriage', office: OFFICE, date: slot.date, start: slot.start });
    reader.setCookie(name, value);
    const page = await reader.get(language.path('/book/marriage/party-a'));
    expect(page.h1).toBe(s.booking.step['party-a'].title);
    const couple = marriageAppointment(n, { ...slot, office: OFFICE });
    const refused = await person(page, language, 'partyA', couple.partyA.name, couple.partyA.idNumber, couple.partyA.phone);
    expect(refused.status).toBe(422);
    expect(refused.h1).toBe(s.booking.step['party-a'].title);
    const office = { name: demoOffice(language, OFFICE).name, phone: DEMO_REGISTRY_OFFICES.find((candidate) => candidate.id === OFFICE)?.phone ?? '' };
    const message = language.t(s.errors.marriage.suspended, {
      noShows: '2',
      withinDays: '30',
      until: formatDate(until, language.code),
      from: formatDate(addDay(until, 1), language.code),
      office: office.name,
      phone: office.phone,
    });
    expectMessageAt(refused, 'partyA-idNumber', message);
    // The answers are kept, to correct a mistyped number.
    expect(refused.valueOf(sentence(s.fields.partyA.idNumber))).toBe(couple.partyA.idNumber);
  });
});
