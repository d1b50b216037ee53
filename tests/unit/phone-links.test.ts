/**
 * Which numbers in running text become tel: links (site/lib/phone-links.ts): service lines, numbers
 * with an area code and emergency numbers where the text says to call them; never an amount, a
 * date, an ID or tracking number, or a mobile shown as an example of the format.
 */
import { describe, expect, it } from 'vitest';
import { linkPhoneNumbersInHtml, splitPhoneNumbers, telHref } from '../../site/lib/phone-links.ts';

const numbersIn = (text: string) => splitPhoneNumbers(text).filter((part) => part.tel).map((part) => part.text);

describe('phone numbers in text', () => {
  it.each([
    ['拨打12345投诉', ['12345']],
    ['12345（政务服务便民热线）；收费问题也可拨打 12315（市场监管）', ['12345', '12315']],
    ['残疾人维权也可拨打 12385', ['12385']],
    ['殡仪馆：0000-12345678（24小时）', ['0000-12345678']],
    ['Phone: 0571-88880000', ['0571-88880000']],
    ['call 400-123-4567 today', ['400-123-4567']],
    ['遇到紧急危险，请拨打 110。', ['110']],
    ['In an emergency, call 110.', ['110']],
    ['report them on 12345.', ['12345']],
  ])('finds the numbers to call in “%s”', (text, expected) => {
    expect(numbersIn(text)).toEqual(expected);
  });

  it.each([
    '每月 ¥110 的补贴',
    '民发〔2020〕116号',
    '2026-11-25',
    '工作日 9:00–17:00，7×24 小时',
    '办件编号 7KQ4-M9XH-2CP',
    '身份证号 110101199003077777',
    '例如 13812345678',
    '138****5678',
    '每年 12300 元',
    '{{ex:0000-1234}}',
  ])('leaves “%s” alone', (text) => {
    expect(numbersIn(text)).toEqual([]);
    expect(splitPhoneNumbers(text).map((part) => part.text).join('')).toBe(text);
  });

  it('dials the digits only, and keeps the text as written', () => {
    expect(telHref('0571-8888 0000')).toBe('tel:057188880000');
    const parts = splitPhoneNumbers('拨打 0571-88880000 或 12345');
    expect(parts.map((part) => part.text).join('')).toBe('拨打 0571-88880000 或 12345');
    expect(parts.filter((part) => part.tel).map((part) => part.tel)).toEqual(['tel:057188880000', 'tel:12345']);
  });

  it('links numbers in rendered HTML, not in attributes nor inside a link already there', () => {
    const html = '<p title="12345">拨打 <span class="ex">0000-12345678<span class="ex-tag">示例</span></span> 或 <a href="/contact">12345</a>，也可 12315</p>';
    expect(linkPhoneNumbersInHtml(html)).toBe(
      '<p title="12345">拨打 <span class="ex"><a href="tel:000012345678">0000-12345678</a><span class="ex-tag">示例</span></span> 或 <a href="/contact">12345</a>，也可 <a href="tel:12315">12315</a></p>',
    );
  });
});
