import { describe, expect, it } from 'vitest';
import { appointmentIcs } from '../../api/engine/booking/ics.ts';

const ics = appointmentIcs({
  uid: '7KQ4M9XH2CP@civil-affairs-portal',
  title: '结婚登记预约 7KQ4-M9XH-2CP',
  location: '示例县婚姻登记处, 示例县城关镇民政路 1 号',
  description: '请双方本人携带身份证件到场；办件编号 7KQ4-M9XH-2CP',
  date: '2026-12-02',
  start: '09:00',
  end: '09:30',
  stamp: new Date('2026-11-25T02:00:00Z'),
});

describe('an appointment as a calendar file', () => {
  it('puts the Beijing time in UTC, with CRLF line ends and a reminder the day before', () => {
    expect(ics).toContain('DTSTART:20261202T010000Z\r\n');
    expect(ics).toContain('DTEND:20261202T013000Z\r\n');
    expect(ics).toContain('TRIGGER:-P1D');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('escapes commas and semicolons, and folds long lines without splitting a character', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('LOCATION:示例县婚姻登记处\\, 示例县城关镇民政路 1 号');
    expect(unfolded).toContain('DESCRIPTION:请双方本人携带身份证件到场；办件编号 7KQ4-M9XH-2CP');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('the calendar file’s link', () => {
  it('is the status page given (on the public origin), folded like any line; none when none is given', () => {
    const url = 'https://portal.example.gov.cn/en/track?number=7KQ4-M9XH-2CP';
    const linked = appointmentIcs({ uid: 'u@civil-affairs-portal', title: 'Marriage registration', location: 'Office', description: 'Bring both IDs', date: '2026-12-02', start: '09:00', end: '09:30', stamp: new Date('2026-11-25T02:00:00Z'), url });
    expect(linked.replace(/\r\n /g, '')).toContain(`\r\nURL:${url}\r\n`);
    for (const line of linked.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('URL:');
  });
});
