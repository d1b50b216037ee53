/**
 * An appointment as an iCalendar file (RFC 5545) for the applicant's own calendar: one event, in
 * UTC (China has no daylight saving: 09:00 in Beijing is 01:00Z), with a reminder the day before.
 * Nothing personal in it: the tracking number, the office, the time and a link to the status page.
 */
export interface CalendarAppointment {
  uid: string;
  title: string;
  location: string;
  description: string;
  date: string;
  start: string;
  end: string;
  /** When the file was made (DTSTAMP). */
  stamp: Date;
  /** The status page of this appointment (URL), an absolute link on the portal's public origin. */
  url?: string;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

function utc(date: string, time: string): string {
  const instant = new Date(Date.parse(`${date}T${time}:00Z`) - CHINA_OFFSET_MS);
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Text values escape backslash, semicolon, comma and newlines. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (continuation lines start with a space), never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function appointmentIcs(appointment: CalendarAppointment): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//civil-affairs-portal//appointments//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${appointment.uid}`,
    `DTSTAMP:${appointment.stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`,
    `DTSTART:${utc(appointment.date, appointment.start)}`,
    `DTEND:${utc(appointment.date, appointment.end)}`,
    `SUMMARY:${text(appointment.title)}`,
    `LOCATION:${text(appointment.location)}`,
    `DESCRIPTION:${text(appointment.description)}`,
    ...(appointment.url ? [`URL:${appointment.url}`] : []),
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P1D',
    `DESCRIPTION:${text(appointment.title)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
