/**
 * The one building block for text inputs (api/domain/text.ts): control characters, broken UTF-16
 * and, in names, invisible formatting characters are refused before the field's other rules, with
 * one message naming the field in either language; what people really type passes.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nameLine, textLine, textLines } from '../../api/domain/text.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import { english, sentence, zh } from '../support/site.ts';

const CONTROL = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f'];
const LINE_BREAKS_AND_TABS = ['\t', '\n', '\r'];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const TYPED = ['王小明', 'Anna-Maria O’Neil', 'José Ñúñez', '13812345678', '7KQ4-M9XH-2CP', '😀 emoji', 'Ελένη', 'عائشة'];

const refused = (schema: z.ZodType, value: string) => {
  const result = schema.safeParse(value);
  return !result.success && result.error.issues.some((issue) => issue.message === 'errors.field.hiddenCharacters');
};

describe('text inputs', () => {
  it.each([
    { kind: 'one line', schema: textLine(), lines: false },
    { kind: 'several lines', schema: textLines(), lines: true },
    { kind: 'a name', schema: nameLine(), lines: false },
  ])('$kind: refuses every control character but the line breaks and tabs of several lines, and broken UTF-16', ({ schema, lines }) => {
    for (const character of CONTROL) expect(refused(schema, `a${character}b`), JSON.stringify(character)).toBe(true);
    for (const character of LINE_BREAKS_AND_TABS) expect(refused(schema, `a${character}b`), JSON.stringify(character)).toBe(!lines);
    expect(refused(schema, 'a\ud800b')).toBe(true);
    expect(refused(schema, 'a\udc00')).toBe(true);
    for (const value of TYPED) expect(schema.safeParse(value).success, value).toBe(true);
  });

  it('refuses bidirectional controls and zero-width characters in a name only', () => {
    for (const character of INVISIBLE) {
      expect(refused(nameLine(), `王${character}小明`), JSON.stringify(character)).toBe(true);
      expect(refused(textLine(), `王${character}小明`), JSON.stringify(character)).toBe(false);
    }
  });

  it('refuses before the field’s own rules, so the reader gets one message', () => {
    const schema = textLine({ error: 'errors.application.nameRequired' }).trim().min(2, 'errors.application.nameRequired').regex(/^\d+$/);
    const result = schema.safeParse('\u0000');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['errors.field.hiddenCharacters']);
    // Trimming and the rest still apply to what passes.
    expect(textLine().trim().max(3).safeParse('  abc  ')).toEqual({ success: true, data: 'abc' });
  });

  it('names the field in the message, in Chinese and in English', () => {
    const form = z.object({ username: textLine(), elder: z.object({ name: nameLine() }) });
    const result = form.safeParse({ username: 'li\u0000ming', elder: { name: '张\u202e秀英' } });
    if (result.success) return expect.unreachable('refused');
    for (const language of [zh, english]) {
      const { errors, fields } = language.strings;
      expect(fieldErrors(result.error, language.code)).toEqual([
        { field: 'username', code: 'custom', message: sentence(language.t(errors.field.hiddenCharacters, { field: fields.username })) },
        { field: 'elder.name', code: 'custom', message: sentence(language.t(errors.field.hiddenCharacters, { field: fields.elder.name })) },
      ]);
    }
  });
});
