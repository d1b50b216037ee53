/** The rules of an application in progress (api/engine/drafts/draft-rules.ts, docs/decisions/033): keeping time, idle lapse, warning, resume codes. */
import { describe, expect, it } from 'vitest';
import {
  DRAFT_RULES,
  draftExpiresAt,
  draftLengthOf,
  formatResumeCode,
  normaliseIdNumber,
  normaliseResumeCode,
  phoneToText,
  referenceLapsesAt,
  referenceLive,
  resumeCodeFrom,
  warnAt,
} from '../../api/engine/drafts/draft-rules.ts';

const NOW = new Date('2026-12-07T02:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('how long a draft is kept', () => {
  it('is the journey’s to say: 30 days with a task list, one day without, from the last save', () => {
    expect(draftLengthOf({ sections: [{ id: 'about-you' }] })).toBe('long');
    expect(draftLengthOf({ sections: [] })).toBe('short');
    expect(draftLengthOf({})).toBe('short');
    expect(draftExpiresAt('long', NOW).getTime() - NOW.getTime()).toBe(30 * DAY);
    expect(draftExpiresAt('short', NOW).getTime() - NOW.getTime()).toBe(DAY);
  });

  it('is only as long as its reference for a draft with no answers yet', () => {
    expect(draftExpiresAt('long', NOW, false).getTime() - NOW.getTime()).toBe(30 * MINUTE);
  });
});

describe('the reference in the browser', () => {
  it('lapses 30 minutes after the draft was last used, and warns 5 minutes before', () => {
    expect(referenceLapsesAt(NOW).getTime() - NOW.getTime()).toBe(30 * MINUTE);
    expect(warnAt(NOW).getTime() - NOW.getTime()).toBe(25 * MINUTE);
    const draft = { lastSeen: NOW, expiresAt: new Date(NOW.getTime() + DAY) };
    expect(referenceLive(draft, new Date(NOW.getTime() + 30 * MINUTE - 1))).toBe(true);
    expect(referenceLive(draft, new Date(NOW.getTime() + 30 * MINUTE))).toBe(false);
  });

  it('opens nothing once the draft itself expired, however recently used', () => {
    expect(referenceLive({ lastSeen: NOW, expiresAt: new Date(NOW.getTime() + MINUTE) }, new Date(NOW.getTime() + 2 * MINUTE))).toBe(false);
  });
});

describe('resume codes', () => {
  it('are 8 characters from an alphabet without look-alikes, every character equally likely', () => {
    const alphabet = DRAFT_RULES.resumeCodeAlphabet;
    for (const lookAlike of '01OIL5S2Z8') expect(alphabet).not.toContain(lookAlike);
    expect(resumeCodeFrom(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]))).toBe(alphabet.slice(0, 8));
    // Bytes past the largest multiple of the alphabet's length are skipped (no bias).
    const usable = 256 - (256 % alphabet.length);
    expect(resumeCodeFrom(Uint8Array.from([255, usable, 0, 1, 2, 3, 4, 5, 6, 7]))).toBe(alphabet.slice(0, 8));
    expect(resumeCodeFrom(Uint8Array.from([255, 255, 0]))).toBeUndefined();
  });

  it('are shown in two groups and read back however typed', () => {
    expect(formatResumeCode('ABCDEF34')).toBe('ABCD-EF34');
    expect(normaliseResumeCode(' abcd-ef34 ')).toBe('ABCDEF34');
    expect(normaliseResumeCode('ＡＢＣＤ ＥＦ３４')).toBe('ABCDEF34');
    expect(normaliseResumeCode('ABCD-EF3')).toBeUndefined();
    expect(normaliseResumeCode('ABCD-EF30')).toBeUndefined();
  });
});

describe('the applicant’s identity and phone in the answers', () => {
  it('compares ID numbers with a lower-case x or full-width digits as the same', () => {
    expect(normaliseIdNumber(' 11010119400301124x ')).toBe('11010119400301124X');
    expect(normaliseIdNumber('１１０１')).toBe('1101');
  });

  it('texts the first answer that is a mobile number', () => {
    expect(phoneToText({ 'agent.phone': '', 'elder.phone': '138 1234 5678' }, ['agent.phone', 'elder.phone'])).toBe('13812345678');
    expect(phoneToText({ 'agent.phone': '+86 139-0000-1111' }, ['agent.phone', 'elder.phone'])).toBe('13900001111');
    expect(phoneToText({ 'elder.phone': '010-12345678' }, ['elder.phone'])).toBeUndefined();
    expect(phoneToText({}, ['elder.phone'])).toBeUndefined();
  });
});
