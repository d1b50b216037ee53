/**
 * A registry office's admin, without a browser: closing a day that has a booking first lists the
 * appointment (masked), the admin confirms, and the couple's status page then says the office
 * cancelled it, with a link to book again; the apology is in the development outbox. A wrong
 * setting is explained next to its field. Booked through the API. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkingDayCalendar } from '../../api/content/holidays.ts';
import { marriageAppointment } from '../support/applications.ts';
import { addDays, bookedViaApi, chinaToday } from '../support/portal-api.ts';
import { LANGUAGES, demoOffice, sentence, type Language } from '../support/site.ts';
import type { HtmlPage, Visitor } from './support/html-client.ts';
import { baseUrl, lookUp, people, signIn, visitor } from './support/portal.ts';
import { maskedId, summaryState } from './support/registry-office.ts';

const OFFICE = 'demo-district-registry';
const calendar = loadWorkingDayCalendar();

/**
 * The day a test closes: a working day near the end of the booking window (30 days), the
 * `index`-th from the end, so each test closes a day of its own and other tests, which book the
 * first free days, keep theirs. Chosen from the holiday calendar, not from the office's calendar,
 * which changes as the tests before close days.
 */
function dayToClose(index: number): string {
  const days: string[] = [];
  for (let ahead = 30; ahead >= 2 && days.length <= index; ahead -= 1) {
    const day = addDays(chinaToday(), ahead);
    if (calendar.isWorkingDay(day)) days.push(day);
  }
  const day = days[index];
  if (!day) throw new Error('no working day left in the window');
  return day;
}

/** The office admin's page of the office, reached from the workbench as the admin would. */
async function openOffice(admin: Visitor, language: Language): Promise<HtmlPage> {
  const s = language.strings;
  const workbench = await signIn(admin, language, 'office-admin');
  const offices = await workbench.follow(s.staff.home.officeSchedules);
  const office = await offices.follow(demoOffice(language, OFFICE).name);
  expect(office.h1).toBe(demoOffice(language, OFFICE).name);
  return office;
}

/** The apologies in the development outbox with exactly this text, asked for until `count` are there or 15 s have passed (texts are sent after the answer). */
async function outboxed(reader: Visitor, language: Language, text: string, count: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const outbox = await reader.get(language.path('/dev/outbox'));
    const found = outbox.texts('td').filter((cell) => cell === text).length;
    if (found >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each(LANGUAGES)('a registry office’s admin in $name', (language) => {
  const s = language.strings;

  it('closes a booked day after seeing its appointment; the couple is told and can book again', async () => {
    const date = dayToClose(LANGUAGES.indexOf(language));
    const couple = marriageAppointment(people(), { date, start: '09:00', office: OFFICE });
    const trackingNumber = await bookedViaApi(baseUrl(), couple, language.code);

    const office = await openOffice(visitor(language), language);
    const confirm = await office.form(s.officeAdmin.addClosure).fill(sentence(s.fields.date), date).submit();
    expect(confirm.h1).toBe(language.t(s.officeAdmin.confirmTitle_one, { date: language.date(date), count: 1 }));
    const row = confirm.all('tbody tr').find((candidate) => (candidate.textContent ?? '').includes(trackingNumber));
    expect(row, `a row for ${trackingNumber}`).toBeDefined();
    const rowText = row ? confirm.texts('th, td', row).join(' ') : '';
    expect(rowText).toContain('09:00');
    expect(rowText).toContain(s.marriage.kind.marriage);
    expect(rowText).toContain('王**');
    expect(rowText).toContain(maskedId(couple.partyA.idNumber));
    // No whole value anywhere on the page, not even out of sight.
    expect(confirm.html).not.toContain(couple.partyA.idNumber);
    expect(confirm.html).not.toContain(couple.partyA.name);
    const closed = await confirm.press(s.officeAdmin.confirmYes);
    expect(closed.role('status')).toBe(language.t(s.officeAdmin.closedCancelled_one, { date: language.date(date), count: 1 }));
    expect(closed.buttons(language.t(s.officeAdmin.reopenLabel, { date: language.date(date) }))).toHaveLength(1);

    const reader = visitor(language);
    const status = await lookUp(reader, language, trackingNumber, couple.partyB.idNumber);
    expect(summaryState(status)).toBe(s.appointmentCase.state['cancelled-by-office']);
    expect(status.text('ol.steps')).toContain(s.appointmentCase.event['cancel-by-office']);
    expect(status.text()).toContain(s.appointmentCase.next['cancelled-by-office']);
    expect(status.hrefOf(s.track.rebook)).toBe(language.path('/book/marriage'));
    expect(status.buttons(s.track.cancelButton)).toHaveLength(0);

    const sms = language.t(s.notifications.case.appointmentCancelledByOffice, {
      office: demoOffice(language, OFFICE).name,
      date,
      start: '09:00',
      trackingNumber,
      bookUrl: `${new URL(baseUrl()).origin}${language.path('/book/marriage')}`,
    });
    // One message to each of the couple.
    expect(await outboxed(reader, language, sms, 2)).toBe(2);
  });

  it('explains a problem next to its field and keeps what was typed', async () => {
    const office = await openOffice(visitor(language), language);
    const monday = sentence(s.fields.weekly['1']);
    const slotMinutes = sentence(s.fields.slotMinutes);
    const page = await office.form(s.officeAdmin.save).fill(monday, 'mornings').fill(slotMinutes, '1').submit();
    const sessionsFormat = sentence(language.t(s.errors.officeSchedule.sessionsFormat, { field: s.fields.weekly['1'] }));
    const tooSmall = sentence(language.t(s.errors.field.numberTooSmall, { field: s.fields.slotMinutes, min: 5 }));
    expect(page.role('alert')).toContain(sessionsFormat);
    expect(page.role('alert')).toContain(tooSmall);
    expect(page.errorFor(page.field(monday).id)).toContain(sessionsFormat);
    expect(page.errorFor(page.field(slotMinutes).id)).toContain(tooSmall);
    expect(page.descriptionOf(page.field(monday))).toContain(sessionsFormat);
    expect(page.valueOf(monday)).toBe('mornings');
    expect(page.valueOf(slotMinutes)).toBe('1');
  });
});
