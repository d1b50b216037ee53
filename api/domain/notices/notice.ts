/**
 * A notice (通知公告, docs/decisions/056): a short dated announcement — an office closed on a day, a
 * new 低保 standard, a holiday arrangement — in Chinese (required) and English (may lag), with the
 * 政府信息公开 metadata a bureau publishes beside it: 发布机构 (the publishing body), 发布日期 (the
 * date it is dated) and, where the bureau numbers its publications, 索引号 (the index number). It may
 * be tied to a registry office or a service (a guide), and is then shown on that office's or
 * service's pages too.
 *
 * Pure: the schema, the diff between two versions of a notice and the small rules around them.
 */
import { z } from 'zod';
import { diffTextLines, fieldLines, type FieldDiff, type LanguageDiff } from '../guides/guide-diff.ts';
import { CalendarDateSchema, GuideSlugSchema, LOCALES, type Locale } from '../guides/guide.schema.ts';
import { nameLine, textLine, textLines } from '../text.ts';

/**
 * A notice's address: the day it was opened and four random letters or digits (20261210-k3f9), so
 * that it reads as dated, never collides with `relief` or `feed.xml` beside it, and says nothing
 * about its content (a corrected title keeps its address).
 */
export const NoticeIdSchema = z.string().regex(/^\d{8}-[a-z0-9]{4}$/, 'a notice id is its day and four letters or digits').meta({ example: '20261210-k3f9' });

/**
 * 索引号: each bureau numbers its publications its own way (an organisation code, a year and a
 * sequence: 11330100002489001X/2026-00123, 000014349/2026-12345); free text of letters, digits and
 * the separators such numbers use, starting with a letter or digit.
 */
export const INDEX_NUMBER_PATTERN = /^[0-9A-Za-z][0-9A-Za-z\-/_.·:()（）〔〕[\]]{2,59}$/;
export const IndexNumberSchema = textLine().trim().regex(INDEX_NUMBER_PATTERN, 'errors.notices.indexNumber');

const Title = nameLine().trim().min(2).max(80);
const Body = textLines().trim().min(2).max(5000);

export const NoticeLanguageSchema = z.object({
  title: Title,
  body: Body.meta({ description: 'Plain text; a blank line starts a new paragraph' }),
  /** 发布机构 in this language. */
  publisher: nameLine().trim().min(2).max(60),
});
export type NoticeLanguage = z.infer<typeof NoticeLanguageSchema>;

export const NoticeContentSchema = z
  .object({
    'zh-CN': NoticeLanguageSchema,
    /** Null until it is translated: the English page shows the Chinese and says so. */
    en: NoticeLanguageSchema.nullable(),
    /** 发布日期: the day the notice is dated (China time), not the moment it went live. */
    date: CalendarDateSchema,
    indexNumber: IndexNumberSchema.nullable(),
    /** A registry office's or a funeral home's id: the notice shows beside that office where it is booked, or on the home's page. */
    office: textLine().trim().min(1).max(60).nullable(),
    /** A guide's slug: the notice shows on that service's guide page. */
    service: GuideSlugSchema.nullable(),
    /** A made-up notice (demo data, a sample for a bureau): badged 示例 wherever it is shown. */
    example: z.boolean(),
  })
  .meta({ id: 'NoticeContent' });
export type NoticeContent = z.infer<typeof NoticeContentSchema>;

/** The text a reader of `lang` gets: their language's, or the Chinese while the English is missing. */
export function noticeTextFor(content: Pick<NoticeContent, 'zh-CN' | 'en'>, lang: Locale): NoticeLanguage & { lang: Locale } {
  const own = lang === 'en' ? content.en : content['zh-CN'];
  return own ? { ...own, lang } : { ...content['zh-CN'], lang: 'zh-CN' };
}

/** Paragraphs of a body: a blank line between them. */
export function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** Which languages' text differs between two versions (a correction to the Chinese alone leaves the English older). */
export function changedNoticeLanguages(before: NoticeContent | undefined, after: NoticeContent): Locale[] {
  return LOCALES.filter((lang) => JSON.stringify(before?.[lang] ?? null) !== JSON.stringify(after[lang] ?? null));
}

const SHARED_FIELDS = ['date', 'indexNumber', 'office', 'service', 'example'] as const;
const LANGUAGE_FIELDS = ['title', 'publisher', 'body'] as const;

/**
 * What changed between two versions of a notice, in the guides' diff shape (the reviewer's page
 * draws both with one component): per language its title, publisher and body line by line; the
 * shared metadata under the Chinese.
 */
export function diffNotice(before: NoticeContent | undefined, after: NoticeContent): LanguageDiff[] {
  return LOCALES.map((lang) => {
    const fields: FieldDiff[] = [];
    for (const field of LANGUAGE_FIELDS) {
      const was = fieldLines(before?.[lang]?.[field]);
      const now = fieldLines(after[lang]?.[field]);
      if (was.join('\n') !== now.join('\n')) fields.push({ field, lines: diffTextLines(was, now, lang) });
    }
    if (lang === 'zh-CN') {
      for (const field of SHARED_FIELDS) {
        const was = fieldLines(before?.[field]);
        const now = fieldLines(after[field]);
        if (was.join('\n') !== now.join('\n')) fields.push({ field, lines: diffTextLines(was, now, lang) });
      }
    }
    return { lang, fields };
  });
}

/** Withdrawing a published notice: the reason for the record, the note readers see at its address (410). */
export const WithdrawNoticeSchema = z
  .object({
    reason: textLines().trim().min(2).max(500),
    note: z.object({ 'zh-CN': textLines().trim().min(2).max(500), en: textLines().trim().min(2).max(500).optional() }),
  })
  .meta({ id: 'NoticeWithdraw' });
export type WithdrawNotice = z.infer<typeof WithdrawNoticeSchema>;

/** A new notice's id on `day` (YYYY-MM-DD) with four characters drawn from `random` bytes. */
export function newNoticeId(day: string, random: Uint8Array): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const tail = [...random.slice(0, 4)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${day.replaceAll('-', '')}-${tail}`;
}
