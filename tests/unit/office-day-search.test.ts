import { describe, expect, it } from 'vitest';
import { matchesSearch } from '../../api/services/marriage/office-day.ts';
import { formatTrackingNumber, newTrackingNumber } from '../../api/domain/cases/tracking-number.ts';

describe('finding an appointment in the office day', () => {
  const trackingNumber = newTrackingNumber((size) => Uint8Array.from({ length: size }, (_, i) => i * 37));
  const appointment = { trackingNumber, idNumbers: ['110101199001011234', 'E12345678'] };

  it('finds it by a whole document number of any kind, as a clerk types it from the card or passport', () => {
    expect(matchesSearch('110101 19900101 1234', appointment)).toBe(true);
    expect(matchesSearch('e1234-5678', appointment)).toBe(true);
    expect(matchesSearch('E1234567', appointment)).toBe(false);
  });

  it('finds it by the last four characters of a number, or by its tracking number', () => {
    expect(matchesSearch('5678', appointment)).toBe(true);
    expect(matchesSearch(formatTrackingNumber(trackingNumber).toLowerCase(), appointment)).toBe(true);
    expect(matchesSearch('110101', appointment)).toBe(false);
  });
});
