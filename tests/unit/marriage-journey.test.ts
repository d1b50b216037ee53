import { describe, expect, it } from 'vitest';
import { appointmentFrom, bookingRoute, forgetStaleAnswers, nextBookingStep, phoneProofsFrom, phonesToConfirm } from '../../api/services/marriage/journey.ts';

describe('the booking journey', () => {
  it('asks for a second person except for a replacement certificate', () => {
    expect(bookingRoute({ kind: 'marriage' })).toEqual(['kind', 'office', 'date', 'slot', 'party-a', 'party-b', 'phones', 'check']);
    expect(nextBookingStep('party-a', { kind: 'reissue' })).toBe('phones');
    expect(nextBookingStep('phones', { kind: 'reissue' })).toBe('check');
  });

  it('asks a person’s birth date and sex only when their document’s number does not carry them', () => {
    const passport = { kind: 'marriage', 'partyA.idType': 'resident-id', 'partyB.idType': 'passport', 'partyB.idNumber': 'E12345678' };
    expect(bookingRoute(passport)).toEqual(['kind', 'office', 'date', 'slot', 'party-a', 'party-b', 'party-b-born', 'phones', 'check']);
    expect(nextBookingStep('party-b', passport)).toBe('party-b-born');
    expect(nextBookingStep('party-b-born', passport)).toBe('phones');
    expect(bookingRoute({ kind: 'reissue', 'partyA.idType': 'taiwan-permit', 'partyA.idNumber': '01234567' })).toEqual(['kind', 'office', 'date', 'slot', 'party-a', 'party-a-born', 'phones', 'check']);
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

  describe('the phones step', () => {
    const NOW = new Date('2026-11-25T02:00:00Z');
    const LATER = '2026-11-26T02:00:00.000Z';
    const confirmed = (phone: string, proof: string, expiresAt = LATER) => JSON.stringify({ phone, proof, expiresAt });
    const couple = { kind: 'marriage', 'partyA.phone': '139 0000 0001', 'partyB.phone': '13700000001' };

    it('asks for each phone not yet confirmed, the second person’s only when they come', () => {
      expect(phonesToConfirm(couple, NOW)).toEqual(['partyA', 'partyB']);
      expect(phonesToConfirm({ ...couple, kind: 'reissue' }, NOW)).toEqual(['partyA']);
      const oneConfirmed = { ...couple, 'phoneProof.partyA': confirmed('13900000001', 'proof-a') };
      expect(phonesToConfirm(oneConfirmed, NOW)).toEqual(['partyB']);
      expect(phoneProofsFrom(oneConfirmed, NOW)).toEqual({ partyA: 'proof-a' });
    });

    it('asks again when a confirmation has run out, or was for another number', () => {
      expect(phonesToConfirm({ ...couple, 'phoneProof.partyA': confirmed('13900000001', 'proof-a', '2026-11-25T02:00:00.000Z') }, NOW)).toEqual(['partyA', 'partyB']);
      expect(phonesToConfirm({ ...couple, 'phoneProof.partyA': confirmed('13900000009', 'proof-a') }, NOW)).toEqual(['partyA', 'partyB']);
      expect(phonesToConfirm({ ...couple, 'phoneProof.partyA': 'not json' }, NOW)).toEqual(['partyA', 'partyB']);
    });

    it('confirms a phone both people gave once, for both', () => {
      const shared = { ...couple, 'partyB.phone': '13900000001' };
      expect(phonesToConfirm(shared, NOW)).toEqual(['partyA']);
      expect(phoneProofsFrom({ ...shared, 'phoneProof.partyA': confirmed('13900000001', 'proof-a') }, NOW)).toEqual({ partyA: 'proof-a', partyB: 'proof-a' });
    });

    it('forgets a person’s code and confirmation when their phone changes, and the second person’s for a replacement', () => {
      const before = { ...couple, 'phoneCodeSent.partyA': '{}', 'phoneProof.partyA': confirmed('13900000001', 'a'), 'phoneProof.partyB': confirmed('13700000001', 'b') };
      const changed = forgetStaleAnswers(before, { ...before, 'partyA.phone': '13900000002' });
      expect(changed).not.toHaveProperty(['phoneProof.partyA']);
      expect(changed).not.toHaveProperty(['phoneCodeSent.partyA']);
      expect(changed).toHaveProperty(['phoneProof.partyB']);
      // The same number typed differently is the same phone.
      expect(forgetStaleAnswers(before, { ...before, 'partyA.phone': '13900000001' })).toHaveProperty(['phoneProof.partyA']);
      expect(forgetStaleAnswers(before, { ...before, kind: 'reissue' })).not.toHaveProperty(['phoneProof.partyB']);
    });

    it('keeps what the step did out of the appointment', () => {
      expect(appointmentFrom({ ...couple, 'phoneProof.partyA': confirmed('13900000001', 'a'), 'phoneCodeSent.partyB': '{}' })).toEqual({ kind: 'marriage', partyA: { phone: '139 0000 0001' }, partyB: { phone: '13700000001' } });
    });
  });

  it('turns flat answers into the appointment, without a second person for a replacement', () => {
    const answers = { kind: 'reissue', office: 'a', 'partyA.name': '王小明', 'partyB.name': '李小红' };
    expect(appointmentFrom(answers)).toEqual({ kind: 'reissue', office: 'a', partyA: { name: '王小明' } });
    expect(appointmentFrom({ ...answers, kind: 'marriage' })).toMatchObject({ partyB: { name: '李小红' } });
  });
});
