/**
 * A tool journey's answers in a sealed cookie (api/engine/tools/sealed-answers.ts, docs/decisions/041):
 * they come back as they were sealed; a changed token, one sealed for another tool or with another
 * key, is refused; they lapse after the idle time; the self-check's largest household fits a cookie.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openAnswers, sealAnswers, MAX_SEALED_CHARS, TOOL_IDLE_MINUTES } from '../../api/engine/tools/sealed-answers.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { draftSealer } from '../../api/server/portal.ts';
import { MEMBER_INCOME_FIELDS } from '../../api/services/social-relief/self-check/journey.ts';
import { SELF_CHECK_MAX_MEMBERS } from '../../api/services/social-relief/figures.ts';

const sealer = draftSealer(createFieldCrypto(randomBytes(32)));
const NOW = new Date('2026-12-10T02:00:00Z');
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const ANSWERS = { district: 'demo-district', 'members.0.who': '我', 'members.0.wages': '１，３３０.５' };

const sealed = (answers: Record<string, string> = ANSWERS, tool = 'social-relief') => {
  const result = sealAnswers(sealer, tool, answers, NOW);
  if (!result.ok) throw new Error('did not fit');
  return result.token;
};

describe('sealed answers', () => {
  it('come back as they were sealed, blanks left out', () => {
    expect(openAnswers(sealer, 'social-relief', sealed({ ...ANSWERS, 'costs.medical': '' }), minutesLater(1))).toEqual({ ok: true, answers: ANSWERS });
  });

  it('are not readable in the cookie', () => {
    expect(sealed()).not.toContain('demo-district');
  });

  it.each([
    ['none at all', undefined, 'none'],
    ['a character changed', `${sealed().slice(0, -2)}${sealed().endsWith('A') ? 'B' : 'A'}A`, 'tampered'],
    ['not a sealed value', 'hello', 'tampered'],
    ['sealed for another tool', sealed(ANSWERS, 'another-tool'), 'tampered'],
    ['sealed with another key', draftSealer(createFieldCrypto(randomBytes(32))).seal({ v: 1, tool: 'social-relief', at: NOW.getTime() / 1000, z: '' }), 'tampered'],
  ])('are refused when %s', (_, token, reason) => {
    expect(openAnswers(sealer, 'social-relief', token, minutesLater(1))).toEqual({ ok: false, reason });
  });

  it(`lapse after ${TOOL_IDLE_MINUTES} idle minutes`, () => {
    expect(openAnswers(sealer, 'social-relief', sealed(), minutesLater(TOOL_IDLE_MINUTES)).ok).toBe(true);
    expect(openAnswers(sealer, 'social-relief', sealed(), minutesLater(TOOL_IDLE_MINUTES + 1))).toEqual({ ok: false, reason: 'lapsed' });
  });

  it('fit a cookie for the largest household, every amount typed as long as allowed', () => {
    const answers: Record<string, string> = { district: 'demo-district', area: 'urban', 'assets.financial': '1'.repeat(20), hardship: 'yes', helpNow: 'yes' };
    for (let index = 0; index < SELF_CHECK_MAX_MEMBERS; index += 1) {
      answers[`members.${index}.who`] = '我的第几个家庭成员'.repeat(2).slice(0, 20);
      answers[`members.${index}.health`] = 'severely-disabled';
      answers[`members.${index}.work`] = 'no';
      for (const field of MEMBER_INCOME_FIELDS) answers[`members.${index}.${field}`] = `${index}${field.length}`.padEnd(20, String(index * 7 + field.length));
    }
    const result = sealAnswers(sealer, 'social-relief', answers, NOW);
    expect(result.ok).toBe(true);
    expect(result.ok && result.token.length).toBeLessThanOrEqual(MAX_SEALED_CHARS);
  });
});
