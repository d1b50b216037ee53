import { describe, expect, it } from 'vitest';
import {
  KNOWN_ADDRESS_MS,
  SIGN_IN_LIMITS,
  SIGN_IN_WINDOW_MS,
  clientNetwork,
  isKnownAddress,
  normaliseUsername,
  retryAtOf,
  secondsUntil,
} from '../../api/domain/staff/sign-in-throttle.ts';

describe('the sign-in limits', () => {
  it('allow at most 100 attempts an hour on one account from unknown addresses, and need five addresses to reach it', () => {
    expect(SIGN_IN_LIMITS.perAccount * ((60 * 60_000) / SIGN_IN_WINDOW_MS)).toBeLessThanOrEqual(100);
    expect(SIGN_IN_LIMITS.perAccount / SIGN_IN_LIMITS.perPair).toBeGreaterThanOrEqual(5);
    expect(SIGN_IN_LIMITS.perClient).toBeGreaterThan(SIGN_IN_LIMITS.perPair);
  });
});

describe('a client address in the counters', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::FFFF:cb00:7109', '203.0.113.9'],
    ['0:0:0:0:0:ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8::1::2', '2001:db8::1::2'],
    ['not an address', 'not an address'],
    [null, 'unknown'],
  ])('%s counts as %s', (address, network) => {
    expect(clientNetwork(address)).toBe(network);
  });

  it('is the same for every address of one IPv6 /64, and different for the next /64', () => {
    expect(clientNetwork('2001:db8:aa:bb:1::1')).toBe(clientNetwork('2001:db8:aa:bb:ffff::ffff'));
    expect(clientNetwork('2001:db8:aa:bb::1')).not.toBe(clientNetwork('2001:db8:aa:bc::1'));
  });
});

describe('a username in the counters', () => {
  it.each([
    ['li.ming', 'li.ming'],
    ['  LI.Ming ', 'li.ming'],
    ['ｌｉ．ｍｉｎｇ', 'li.ming'],
  ])('%s counts as %s', (typed, counted) => {
    expect(normaliseUsername(typed)).toBe(counted);
  });
});

describe('a known address', () => {
  const now = new Date('2026-12-05T08:00:00Z');
  it('is one the account signed in from within 30 days', () => {
    expect(isKnownAddress(null, now)).toBe(false);
    expect(isKnownAddress(new Date(now.getTime() - KNOWN_ADDRESS_MS + 1).toISOString(), now)).toBe(true);
    expect(isKnownAddress(new Date(now.getTime() - KNOWN_ADDRESS_MS).toISOString(), now)).toBe(false);
  });
});

describe('when to try again', () => {
  it('is the end of the refusing window, in whole seconds from now and never 0', () => {
    const retryAt = retryAtOf('2026-12-05T08:00:00.000Z');
    expect(retryAt).toBe('2026-12-05T08:15:00.000Z');
    expect(secondsUntil(retryAt, new Date('2026-12-05T08:05:00.500Z'))).toBe(600);
    expect(secondsUntil(retryAt, new Date('2026-12-05T08:15:00.000Z'))).toBe(1);
  });
});
