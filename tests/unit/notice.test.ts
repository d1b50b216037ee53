/**
 * The notice's own rules (docs/decisions/056): the index number's pattern, the text a reader of
 * each language gets, paragraphs, the languages a correction changed, the diff in the guides'
 * shape, and new ids.
 */
import { describe, expect, it } from 'vitest';
import { changedNoticeLanguages, diffNotice, IndexNumberSchema, newNoticeId, NoticeContentSchema, NoticeIdSchema, noticeTextFor, paragraphs, type NoticeContent } from '../../api/domain/notices/notice.ts';

const content: NoticeContent = {
  'zh-CN': { title: '元旦假期安排', body: '1 月 1 日休息。\n\n1 月 2 日起正常办理。', publisher: '示例市民政局' },
  en: null,
  date: '2026-12-10',
  indexNumber: null,
  office: null,
  service: 'minimum-living-allowance',
  example: true,
};

describe('a notice', () => {
  it.each(['000014349/2026-00123', '11330100002489001X/2026-00123', 'MZJ-2026-001', 'MZJ(2026)〔001〕'])('takes the index number %s', (value) => {
    expect(IndexNumberSchema.safeParse(value).success).toBe(true);
  });
  it.each(['', 'ab', '-2026-001', '<script>', '2026 001', 'x'.repeat(61)])('refuses the index number %j', (value) => {
    expect(IndexNumberSchema.safeParse(value).success).toBe(false);
  });

  it('requires the Chinese text, lets the English wait, and checks the date', () => {
    expect(NoticeContentSchema.safeParse(content).success).toBe(true);
    expect(NoticeContentSchema.safeParse({ ...content, 'zh-CN': null }).success).toBe(false);
    expect(NoticeContentSchema.safeParse({ ...content, date: '2026-13-01' }).success).toBe(false);
  });

  it('gives an English reader the Chinese, marked as such, until the English is written', () => {
    expect(noticeTextFor(content, 'en')).toMatchObject({ lang: 'zh-CN', title: '元旦假期安排' });
    const translated = { ...content, en: { title: 'New Year holiday', body: 'Closed on 1 January.', publisher: 'Example bureau' } };
    expect(noticeTextFor(translated, 'en')).toMatchObject({ lang: 'en', title: 'New Year holiday' });
    expect(noticeTextFor(translated, 'zh-CN').lang).toBe('zh-CN');
  });

  it('splits its text into paragraphs at blank lines', () => {
    expect(paragraphs('一\n二\n\n  \n三\r\n\r\n四')).toEqual(['一\n二', '三', '四']);
  });

  it('names the languages a correction changed, so an English left alone is older', () => {
    // A first publication without English changes the Chinese alone: the English has no date yet.
    expect(changedNoticeLanguages(undefined, content)).toEqual(['zh-CN']);
    const corrected = { ...content, 'zh-CN': { ...content['zh-CN'], body: '1 月 1 日至 3 日休息。' } };
    expect(changedNoticeLanguages(content, corrected)).toEqual(['zh-CN']);
    expect(changedNoticeLanguages(content, { ...content, date: '2026-12-11' })).toEqual([]);
  });

  it('diffs two versions per language, the shared metadata under the Chinese', () => {
    const after = { ...content, indexNumber: '000014349/2026-00001', 'zh-CN': { ...content['zh-CN'], title: '元旦假期婚姻登记安排' } };
    const [zh, en] = diffNotice(content, after);
    expect(zh?.fields.map((field) => field.field)).toEqual(['title', 'indexNumber']);
    expect(zh?.fields[0]?.lines[0]?.change).toBe('changed');
    expect(en?.fields).toEqual([]);
    expect(diffNotice(undefined, content)[0]?.fields.map((field) => field.field)).toEqual(['title', 'publisher', 'body', 'date', 'service', 'example']);
  });

  it('draws ids of its day and four characters that the id schema takes', () => {
    const id = newNoticeId('2026-12-10', new Uint8Array([0, 1, 30, 255]));
    expect(id).toMatch(/^20261210-[a-z0-9]{4}$/);
    expect(NoticeIdSchema.safeParse(id).success).toBe(true);
    expect(NoticeIdSchema.safeParse('relief').success).toBe(false);
  });
});
