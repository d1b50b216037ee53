import { describe, expect, it } from 'vitest';
import { appointmentFrom, bookingRoute, forgetStaleAnswers, nextBookingStep } from '../../api/services/marriage/journey.ts';

describe('the booking journey', () => {
  it('asks for a second person except for a replacement certificate', () => {
    expect(bookingRoute({ kind: 'marriage' })).toEqual(['kind', 'office', 'date', 'slot', 'party-a', 'party-b', 'check']);
    expect(nextBookingStep('party-a', { kind: 'reissue' })).toBe('check');
  });

  it('asks a person’s birth date and sex only when their document’s number does not carry them', () => {
    const passport = { kind: 'marriage', 'partyA.idType': 'resident-id', 'partyB.idType': 'passport', 'partyB.idNumber': 'E12345678' };
    expect(bookingRoute(passport)).toEqual(['kind', 'office', 'date', 'slot', 'party-a', 'party-b', 'party-b-born', 'check']);
    expect(nextBookingStep('party-b', passport)).toBe('party-b-born');
    expect(bookingRoute({ kind: 'reissue', 'partyA.idType': 'taiwan-permit', 'partyA.idNumber': '01234567' })).toEqual(['kind', 'office', 'date', 'slot', 'party-a', 'party-a-born', 'check']);
  });

  it('forgets birth details entered for a document whose number turned out to carry them', () => {
    const before = { kind: 'marriage', 'partyA.idType': 'passport', 'partyA.idNumber': 'E12345678', 'partyA.birthDate': '1995-03-08', 'partyA.sex': 'male' };
    const after = forgetStaleAnswers(before, { ...before, 'partyA.idType': 'resident-id', 'partyA.idNumber': '110101199503081234' });
    expect(after).not.toHaveProperty(['partyA.birthDate']);
    expect(after).not.toHaveProperty(['partyA.sex']);
    expect(after).toMatchObject({ 'partyA.idNumber': '110101199503081234' });
    expect(forgetStaleAnswers(before, before)).toEqual(before);
  });

  it('forgets the day and time when the office or kind changes, and the time when the day changes', () => {
    const before = { kind: 'marriage', office: 'a', date: '2026-12-02', start: '09:00', 'partyA.name': '王小明' };
    expect(forgetStaleAnswers(before, { ...before, office: 'b' })).toEqual({ kind: 'marriage', office: 'b', 'partyA.name': '王小明' });
    expect(forgetStaleAnswers(before, { ...before, date: '2026-12-03' })).toEqual({ kind: 'marriage', office: 'a', date: '2026-12-03', 'partyA.name': '王小明' });
    expect(forgetStaleAnswers(before, { ...before, start: '09:30' })).toMatchObject({ start: '09:30' });
  });

  it('turns flat answers into the appointment, without a second person for a replacement', () => {
    const answers = { kind: 'reissue', office: 'a', 'partyA.name': '王小明', 'partyB.name': '李小红' };
    expect(appointmentFrom(answers)).toEqual({ kind: 'reissue', office: 'a', partyA: { name: '王小明' } });
    expect(appointmentFrom({ ...answers, kind: 'marriage' })).toMatchObject({ partyB: { name: '李小红' } });
  });
});
