/**
 * Relief's amounts (api/services/social-relief/money.ts, docs/decisions/040): typed as people type
 * them, stored as whole fen, refused with a reason of its own, shown back in each language.
 */
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../api/http/api-error.ts';
import { MAX_AMOUNT_YUAN } from '../../api/services/social-relief/figures.ts';
import { AmountSchema, formatYuan, MAX_AMOUNT_FEN, parseAmount, type AmountRefusal } from '../../api/services/social-relief/money.ts';
import { z } from 'zod';

describe('an amount as typed', () => {
  it.each([
    { typed: '0', fen: 0, why: 'no income of that kind' },
    { typed: '1330', fen: 133_000, why: 'whole yuan' },
    { typed: '1330.5', fen: 133_050, why: 'one decimal place: jiao' },
    { typed: '1330.05', fen: 133_005, why: 'two decimal places: fen' },
    { typed: '0.01', fen: 1, why: 'one fen' },
    { typed: '.5', fen: 50, why: 'no digit before the point' },
    { typed: '12.', fen: 1200, why: 'a point with nothing after it' },
    { typed: '１３３０', fen: 133_000, why: '全角 digits' },
    { typed: '１，３３０．５０', fen: 133_050, why: '全角 comma and point' },
    { typed: '1,330', fen: 133_000, why: 'a thousands comma' },
    { typed: '1,234,567.8', fen: 123_456_780, why: 'several thousands commas' },
    { typed: ' 1 330 ', fen: 133_000, why: 'spaces anywhere' },
    { typed: '1\u3000330', fen: 133_000, why: 'an ideographic space' },
    { typed: '1330元', fen: 133_000, why: 'a trailing 元' },
    { typed: '¥1330', fen: 133_000, why: 'a ¥ sign' },
    { typed: '￥1,330.00', fen: 133_000, why: 'a 全角 ￥ sign' },
    { typed: '1万', fen: 1_000_000, why: '万: ten thousand yuan' },
    { typed: '1.5万', fen: 1_500_000, why: 'a decimal 万' },
    { typed: '1.5万元', fen: 1_500_000, why: '万元' },
    { typed: '０．０００００１万', fen: 1, why: 'six places after 万 are still whole fen' },
    { typed: '00120', fen: 12_000, why: 'leading zeros' },
    { typed: String(MAX_AMOUNT_YUAN), fen: MAX_AMOUNT_FEN, why: 'exactly the largest' },
  ])('reads "$typed" as $fen fen ($why)', ({ typed, fen }) => {
    expect(parseAmount(typed)).toEqual({ ok: true, fen });
  });

  it.each<{ typed: string; reason: AmountRefusal; why: string }>([
    { typed: '', reason: 'empty', why: 'nothing' },
    { typed: '   ', reason: 'empty', why: 'only spaces' },
    { typed: '元', reason: 'notANumber', why: 'a unit without a number' },
    { typed: '.', reason: 'notANumber', why: 'a point alone' },
    { typed: 'abc', reason: 'notANumber', why: 'letters' },
    { typed: '一千', reason: 'notANumber', why: 'Chinese numerals' },
    { typed: '12,50', reason: 'notANumber', why: 'a comma that is not a thousands separator (a decimal comma elsewhere)' },
    { typed: '1.2.3', reason: 'notANumber', why: 'two points' },
    { typed: '1e5', reason: 'notANumber', why: 'an exponent' },
    { typed: '万万', reason: 'notANumber', why: '万 twice' },
    { typed: '-5', reason: 'negative', why: 'a minus sign' },
    { typed: '－５', reason: 'negative', why: 'a 全角 minus sign' },
    { typed: '¥-5', reason: 'negative', why: 'a minus after the sign' },
    { typed: '1.234', reason: 'tooManyDecimals', why: 'three places in yuan' },
    { typed: '1.0000001万', reason: 'tooManyDecimals', why: 'seven places after 万' },
    { typed: String(MAX_AMOUNT_YUAN + 1), reason: 'tooLarge', why: 'one yuan over the largest' },
    { typed: `${MAX_AMOUNT_YUAN}.01`, reason: 'tooLarge', why: 'one fen over the largest' },
    { typed: '1001万', reason: 'tooLarge', why: '万 over the largest' },
    { typed: '9'.repeat(40), reason: 'tooLarge', why: 'a long run of digits, refused before it could lose precision' },
  ])('refuses "$typed" as $reason ($why)', ({ typed, reason }) => {
    expect(parseAmount(typed)).toEqual({ ok: false, reason });
  });
});

describe('the amount field the forms and the API share', () => {
  const Form = z.object({ amount: AmountSchema });

  it('gives whole fen, from a string as typed or a JSON number', () => {
    expect(Form.parse({ amount: '１，３３０．５' })).toEqual({ amount: 133_050 });
    expect(Form.parse({ amount: 12.5 })).toEqual({ amount: 1250 });
    expect(Form.parse({ amount: 0 })).toEqual({ amount: 0 });
  });

  it.each([
    { amount: '', key: 'empty' },
    { amount: undefined, key: 'empty' },
    { amount: 'abc', key: 'notANumber' },
    { amount: '-1', key: 'negative' },
    { amount: 0.001, key: 'tooManyDecimals' },
    { amount: '2000万', key: 'tooLarge' },
  ])('refuses $amount with the service’s message $key, next to the field, in both languages', ({ amount, key }) => {
    const parsed = Form.safeParse({ amount });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['amount', `social-relief:errors.amount.${key}`]]);
    for (const lang of ['zh-CN', 'en'] as const) {
      const [error] = fieldErrors(parsed.error, lang);
      expect(error?.field).toBe('amount');
      // Translated: no key, no placeholder left in the message.
      expect(error?.message).not.toMatch(/errors\.|\{\{/);
    }
    if (key === 'tooLarge') expect(fieldErrors(parsed.error, 'zh-CN')[0]?.message).toContain('10,000,000');
  });
});

describe('an amount shown back', () => {
  it.each([
    { fen: 133_000, zh: '1,330 元', en: '¥1,330' },
    { fen: 133_050, zh: '1,330.50 元', en: '¥1,330.50' },
    { fen: 1, zh: '0.01 元', en: '¥0.01' },
    { fen: 0, zh: '0 元', en: '¥0' },
    { fen: 1_234_567_890, zh: '12,345,678.90 元', en: '¥12,345,678.90' },
  ])('shows $fen fen as "$zh" and "$en"', ({ fen, zh, en }) => {
    expect(formatYuan(fen, 'zh-CN')).toBe(zh);
    expect(formatYuan(fen, 'en')).toBe(en);
  });

  it('reads back what it shows', () => {
    for (const fen of [0, 1, 99, 100, 133_050, MAX_AMOUNT_FEN]) expect(parseAmount(formatYuan(fen, 'zh-CN'))).toEqual({ ok: true, fen });
  });
});
